// Writes docs/evidence-fields.md from the schema and docs/rubric-language.md from the rule kinds, through the library bundle (`npm run docs` also writes
// schema/evidence.schema.json with `jiaxiao schema`).
import { writeFileSync } from 'node:fs';
import { evidenceFieldsMarkdown, rubricLanguageMarkdown } from '../dist/index.js';

writeFileSync('docs/evidence-fields.md', evidenceFieldsMarkdown());
writeFileSync('docs/rubric-language.md', rubricLanguageMarkdown());
console.log('wrote docs/evidence-fields.md and docs/rubric-language.md');
