// Markdown for a CI job summary or a pull-request comment: a count line, then a table of problems.

import { escapeMarkdown, markdownLines } from '../../base/escape.js';
import { placeText } from '../../base/problem.js';
import { checkedLine, problemText, severityText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportMarkdown: ReportRenderer = (results, { lang }) => {
  const t = totals(results);
  const zh = lang === 'zh';
  const out = [
    zh ? '## jiaxiao 证据文件检查' : '## jiaxiao evidence check',
    '',
    checkedLine(t, lang, { mark: (count) => `**${count}**`, withFiles: true }),
  ];
  const rows = results.flatMap((r) =>
    r.problems.map(
      (p) =>
        `| ${escapeMarkdown(r.file)} | ${escapeMarkdown(placeText(p))} | ${severityText(p, lang)} | ${escapeMarkdown(problemText(p, lang))} |`,
    ),
  );
  if (rows.length > 0) {
    out.push(
      '',
      // 行:列 in a YAML file, 工作表!单元格 in a workbook, nothing for a file that could not be read.
      zh ? '| 文件 | 位置 | 级别 | 问题 |' : '| file | position | severity | problem |',
      '|---|---|---|---|',
      ...rows,
    );
  }
  return `${markdownLines(out)}\n`;
};
