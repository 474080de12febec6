// Markdown for a CI job summary or a pull-request comment: a count line, then a table of problems.

import { escapeMarkdown, markdownLines } from '../../base/escape.js';
import { problemText, severityText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportMarkdown: ReportRenderer = (results, { lang }) => {
  const t = totals(results);
  const zh = lang === 'zh';
  const out = [
    zh ? '## jiaxiao 证据文件检查' : '## jiaxiao evidence check',
    '',
    zh
      ? `检查了 ${t.files} 个文件：**${t.errors}** 个错误，**${t.warnings}** 个警告；${t.filesWithErrors} 个文件有错误。`
      : `${t.files} files checked: **${t.errors}** errors, **${t.warnings}** warnings; ${t.filesWithErrors} files with errors.`,
  ];
  const rows = results.flatMap((r) =>
    r.problems.map(
      (p) =>
        `| ${escapeMarkdown(r.file)} | ${p.cell !== undefined ? escapeMarkdown(p.cell) : `${p.line ?? ''}:${p.col ?? ''}`} | ${severityText(p, lang)} | ${escapeMarkdown(problemText(p, lang))} |`,
    ),
  );
  if (rows.length > 0) {
    out.push(
      '',
      zh ? '| 文件 | 行:列 | 级别 | 问题 |' : '| file | line:col | severity | problem |',
      '|---|---|---|---|',
      ...rows,
    );
  }
  return `${markdownLines(out)}\n`;
};
