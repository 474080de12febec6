// Problems grouped by file, then one count line: for people at a terminal.

import { escapeText, textLines } from '../../base/escape.js';
import { checkedLine, problemText, severityText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportText: ReportRenderer = (results, { lang }) => {
  const out: string[] = [];
  for (const r of results) {
    if (r.problems.length === 0) continue;
    out.push(escapeText(r.file));
    for (const p of r.problems) {
      const at = p.cell !== undefined ? escapeText(p.cell) : p.line !== undefined ? `${p.line}:${p.col ?? 1}` : '';
      out.push(`  ${at.padEnd(7)} ${severityText(p, lang)}  ${escapeText(problemText(p, lang))}`);
    }
    out.push('');
  }
  const t = totals(results);
  out.push(checkedLine(t, lang, { withFiles: true }));
  return `${textLines(out)}\n`;
};
