// One evidence file → all its problems: the parser's, completeness against the rubric, supporting files.
import { completenessProblems } from '../evidence/completeness.js';
import { parseEvidenceBytes } from '../evidence/parse.js';
import { attachmentProblems } from '../io/attachments.js';
import { capProblems, sortProblems } from '../problem.js';
import type { FileResult } from '../report/validation.js';
import type { Rubric } from '../rubric/model.js';

export interface ValidateOptions {
  /** Warnings count as errors. */
  strict: boolean;
}

export function validateEvidence(bytes: Uint8Array, file: string, rubric: Rubric, o: ValidateOptions): FileResult {
  const parsed = parseEvidenceBytes(bytes, file, rubric);
  const problems = [...parsed.problems];
  if (parsed.evidence && parsed.source) {
    problems.push(...completenessProblems(parsed.evidence, rubric, parsed.source, file));
    problems.push(...attachmentProblems(parsed.evidence.data, file, parsed.source));
  }
  const shown = o.strict
    ? problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' as const } : p))
    : problems;
  return { file, problems: capProblems(sortProblems(shown), file) };
}

export { type FileResult, totals } from '../report/validation.js';
