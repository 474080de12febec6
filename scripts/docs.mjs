// Writes docs/evidence-fields.md from the schema, through the library bundle (`npm run docs` also writes
// schema/evidence.schema.json with `jiaxiao schema`).
import { writeFileSync } from 'node:fs';
import { evidenceFieldsMarkdown } from '../dist/index.js';

writeFileSync('docs/evidence-fields.md', evidenceFieldsMarkdown());
console.log('wrote docs/evidence-fields.md');
