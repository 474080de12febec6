// One problem as every JSON output writes it (validation report, batch summary), so CI reads one shape.
import { escapeText, textLine } from '../base/escape.js';
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
  // Display text, escaped as a line of the text report: `jq -r .message` in a CI log prints no control
  // character, starts no line of its own and is no workflow command. file and path are data, as they are.
  message: textLine(escapeText(problemText(p, lang))),
});
