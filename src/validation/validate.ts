// One evidence file → all its problems: the parser's, completeness against the rubric, supporting files.

import { capProblems, sortProblems } from '../base/problem.js';
import type { Rubric } from '../engine/model.js';
import { attachmentProblems } from './attachments.js';
import { completenessProblems } from './completeness.js';
import { placeholderProblems } from './placeholders.js';
import type { FileResult } from './results.js';
import { parseSchoolBytes } from './school.js';

export interface ValidateOptions {
  /** Warnings count as errors. */
  strict: boolean;
}

export function validateEvidence(bytes: Uint8Array, file: string, rubric: Rubric, o: ValidateOptions): FileResult {
  const parsed = parseSchoolBytes(bytes, rubric, file);
  const problems = [...parsed.problems];
  if (parsed.evidence && parsed.source) {
    problems.push(...completenessProblems(parsed.evidence, rubric, parsed.source, file));
    problems.push(...attachmentProblems(parsed.evidence.data, file, parsed.source));
    problems.push(...placeholderProblems(bytes, parsed.source, file));
  }
  const shown = o.strict
    ? problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' as const } : p))
    : problems;
  return { file, problems: capProblems(sortProblems(shown), file) };
}

export { type FileResult, totals } from './results.js';
