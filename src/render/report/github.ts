// GitHub Actions workflow commands: each problem appears on the pull request's line.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import { escapeGithubData, escapeGithubProperty } from '../../base/escape.js';
import { checkedLine, problemText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportGithub: ReportRenderer = (results, { lang }) => {
  const out: string[] = [];
  for (const r of results) {
    for (const p of r.problems) {
      const command = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${escapeGithubProperty(r.file.replace(/\\/g, '/'))}`];
      if (p.line !== undefined) props.push(`line=${p.line}`);
      if (p.col !== undefined) props.push(`col=${p.col}`);
      props.push(`title=${escapeGithubProperty(`jiaxiao ${p.code}`)}`);
      // A workbook has no lines to annotate: the annotation names the file, its message the sheet and cell.
      const at = p.cell !== undefined ? `${p.cell} ` : '';
      out.push(`::${command} ${props.join(',')}::${escapeGithubData(`${at}${problemText(p, lang)}`)}`);
    }
  }
  const t = totals(results);
  out.push(checkedLine(t, lang, { withFiles: false }));
  return `${out.join('\n')}\n`;
};
