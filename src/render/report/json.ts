// The validation report as versioned JSON, for scripts and dashboards.

import { jsonText } from '../../base/escape.js';
import { problemText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportJson: ReportRenderer = (results, { lang }) =>
  jsonText({
    schemaVersion: 1,
    summary: totals(results),
    files: results.map((r) => ({
      file: r.file,
      valid: !r.problems.some((p) => p.severity === 'error'),
      problems: r.problems.map((p) => ({
        severity: p.severity,
        code: p.code,
        line: p.line ?? null,
        col: p.col ?? null,
        path: p.path ?? null,
        label: p.label ? (lang === 'zh' ? p.label.zh : p.label.en) : null,
        message: problemText(p, lang),
      })),
    })),
  });
