// The label of an evidence field by its path. A built CLI carries a table of them, made from the schema at
// build time (scripts/build.mjs), so that naming a field in a reason does not build the schema (~10 ms of
// zod at start-up); without the table (the tests, the library) the schema answers. test/plain-evidence.test.ts
// checks that the table gives what the schema gives.

import { type Label, labelAt, labelKey, labelTable } from './labels.js';
import { evidenceSchema } from './schema.js';

declare const JIAXIAO_EVIDENCE_LABELS: Record<string, Label | null> | undefined;
const TABLE = typeof JIAXIAO_EVIDENCE_LABELS === 'undefined' ? undefined : JIAXIAO_EVIDENCE_LABELS;

/** The label of an evidence path (of its nearest labelled ancestor), as labelAt gives it. */
export function evidenceLabel(path: readonly (string | number)[]): Label | undefined {
  if (TABLE) {
    const key = labelKey(path);
    if (Object.hasOwn(TABLE, key)) return TABLE[key] ?? undefined;
  }
  return labelAt(evidenceSchema(), path);
}

/** The table a build embeds. */
export const evidenceLabelTable = (): Record<string, Label | null> => labelTable(evidenceSchema());
