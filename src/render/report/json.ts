// The validation report as versioned JSON, for scripts and dashboards.

import { jsonText } from '../../base/escape.js';
import { totals } from '../../validation/results.js';
import { problemJson } from '../problem-json.js';
import type { ReportRenderer } from './types.js';

export const renderReportJson: ReportRenderer = (results, { lang }) =>
  jsonText({
    schemaVersion: 1,
    summary: totals(results),
    files: results.map((r) => ({
      file: r.file,
      valid: !r.problems.some((p) => p.severity === 'error'),
      problems: r.problems.map((p) => problemJson(p, lang)),
    })),
  });
