// JUnit XML, as GitLab and Jenkins read it: one test case per file, failing when the file has errors.
import { problemText, severityText } from '../../i18n/messages.js';
import { totals } from '../../report/validation.js';
import type { ReportRenderer } from './types.js';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

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
      (p) => `${r.file}:${p.line ?? 1}:${p.col ?? 1} ${severityText(p, lang)} ${problemText(p, lang)}`,
    );
    out.push(`    <testcase classname="jiaxiao.validate" name="${xml(r.file)}" file="${xml(r.file)}">`);
    if (errors.length > 0) {
      const first = errors[0];
      const summary = first ? problemText(first, lang) : '';
      out.push(
        `      <failure message="${xml(summary)}" type="${xml(first?.code ?? 'error')}">${xml(lines.join('\n'))}</failure>`,
      );
    } else if (lines.length > 0) {
      out.push(`      <system-out>${xml(lines.join('\n'))}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
};
