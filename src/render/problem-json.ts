// One problem as every JSON output writes it (validation report, batch summary), so CI reads one shape.
import type { Problem } from '../base/problem.js';
import { type Lang, problemText } from '../i18n/messages.js';

export const problemJson = (p: Problem, lang: Lang) => ({
  severity: p.severity,
  code: p.code,
  line: p.line ?? null,
  col: p.col ?? null,
  // In a workbook, sheet and cell instead of line and column (which are null there).
  ...(p.cell !== undefined ? { cell: p.cell } : {}),
  path: p.path ?? null,
  label: p.label ? (lang === 'zh' ? p.label.zh : p.label.en) : null,
  message: problemText(p, lang),
});
