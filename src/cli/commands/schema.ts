// `jiaxiao schema`: the evidence file's JSON Schema, for editors and other validators.

import { evidenceJsonSchemaText } from '../../evidence/json-schema.js';
import { problemLine } from '../../i18n/messages.js';
import { langOf, type Streams } from '../env.js';
import { EXIT } from '../exit.js';
import { writeOut } from '../tasks.js';

export function runSchema(options: { output?: string }, io: Streams): number {
  const text = evidenceJsonSchemaText();
  if (!options.output) {
    io.out(text);
    return EXIT.ok;
  }
  const problem = writeOut(options.output, text);
  if (problem) io.err(`${problemLine(problem, langOf(undefined, io.env))}\n`);
  return problem ? EXIT.failed : EXIT.ok;
}
