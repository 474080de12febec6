// `jiaxiao schema`: the evidence file's JSON Schema, for editors and other validators.
import { evidenceJsonSchemaText } from '../../evidence/json-schema.js';
import { writeFileAtomic } from '../../io/write.js';
import type { Streams } from '../env.js';

export function runSchema(o: { output?: string }, io: Streams): number {
  const text = evidenceJsonSchemaText();
  if (o.output) writeFileAtomic(o.output, text);
  else io.out(text);
  return 0;
}
