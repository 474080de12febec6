// JUnit XML, as GitLab and Jenkins read it: one test case per file, failing when the file has errors.

import { escapeXml as xml, xmlLines } from '../../base/escape.js';
import { problemText, severityText } from '../../i18n/messages.js';
import { totals } from '../../validation/results.js';
import type { ReportRenderer } from './types.js';

export const renderReportJunit: ReportRenderer = (results, { lang }) => {
  const t = totals(results);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="jiaxiao validate" tests="${t.files}" failures="${t.filesWithErrors}" errors="0">`,
    `  <testsuite name="jiaxiao validate" tests="${t.files}" failures="${t.filesWithErrors}" errors="0" skipped="0">`,
  ];
  for (const r of results) {
    const errors = r.problems.filter((p) => p.severity === 'error');
    const lines = r.problems.map(
      (p) =>
        `${xml(r.file)}:${p.cell !== undefined ? xml(p.cell) : `${p.line ?? 1}:${p.col ?? 1}`} ${severityText(p, lang)} ${xml(problemText(p, lang))}`,
    );
    out.push(`    <testcase classname="jiaxiao.validate" name="${xml(r.file)}" file="${xml(r.file)}">`);
    if (errors.length > 0) {
      const first = errors[0];
      const summary = first ? problemText(first, lang) : '';
      out.push(
        `      <failure message="${xml(summary)}" type="${xml(first?.code ?? 'error')}">${lines.join('\n')}</failure>`,
      );
    } else if (lines.length > 0) {
      out.push(`      <system-out>${lines.join('\n')}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${xmlLines(out)}\n`;
};
