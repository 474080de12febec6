// Writes the generated documents (docs/evidence-fields.md) from the schema, through the library bundle.
import { writeFileSync } from 'node:fs';
import { evidenceFieldsMarkdown } from '../dist/index.js';

writeFileSync('docs/evidence-fields.md', evidenceFieldsMarkdown());
console.log('wrote docs/evidence-fields.md');
