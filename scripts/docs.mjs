// Writes docs/evidence-fields.md from the schema and docs/rubric-language.md from the rule kinds, through the library bundle (`npm run docs` also writes
// schema/evidence.schema.json with `jiaxiao schema`).
import { writeFileSync } from 'node:fs';
import { defaultRubric, evidenceFieldsMarkdown, fieldFeeds, rubricLanguageMarkdown } from '../dist/index.js';

// The column of 要点 each field feeds comes from the embedded rubric.
writeFileSync('docs/evidence-fields.md', evidenceFieldsMarkdown(fieldFeeds(defaultRubric())));
writeFileSync('docs/rubric-language.md', rubricLanguageMarkdown());
console.log('wrote docs/evidence-fields.md and docs/rubric-language.md');
