// A validation run's results and their counts: what the report formats render. Pure.
import type { Problem } from '../base/problem.js';

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
    let e = 0;
    for (const p of r.problems) {
      // The closing line of a capped list stands for the problems it hides.
      if (p.code === 'file.moreProblems') {
        e += Number(p.params.errors ?? 0);
        warnings += Number(p.params.warnings ?? 0);
      } else if (p.severity === 'error') e++;
      else if (p.severity === 'warning') warnings++;
    }
    errors += e;
    if (e > 0) filesWithErrors++;
  }
  return { files: results.length, errors, warnings, filesWithErrors };
}
