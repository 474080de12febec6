// A validation run's results and their counts: what the report formats render. Pure.
import type { Problem } from '../problem.js';

export interface FileResult {
  file: string;
  problems: Problem[];
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  filesWithErrors: number;
}

export function totals(results: readonly FileResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  let filesWithErrors = 0;
  for (const r of results) {
    const e = r.problems.filter((p) => p.severity === 'error').length;
    errors += e;
    warnings += r.problems.filter((p) => p.severity === 'warning').length;
    if (e > 0) filesWithErrors++;
  }
  return { files: results.length, errors, warnings, filesWithErrors };
}
