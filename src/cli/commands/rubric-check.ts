// `jiaxiao rubric check FILE…`: is a rubric file right? Schema, sums, rule kinds, evidence fields, ids,
// levels — each problem at its place in the file, in any validation report format.

import { escapeText, textLines } from '../../base/escape.js';
import { toNumber } from '../../base/exact.js';
import { sortProblems } from '../../base/problem.js';
import { indicatorsOf } from '../../engine/model.js';
import { problemLine } from '../../i18n/messages.js';
import { REPORT_FORMATS, type ReportFormat } from '../../render/report/index.js';
import { loadRubricBytes } from '../../rubric/load.js';
import type { FileResult } from '../../validation/validate.js';
import { langOf, readInput, type Streams, UsageError } from '../env.js';
import { EXIT } from '../exit.js';

export function runRubricCheck(files: string[], options: { format: string; lang?: string }, io: Streams): number {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  if (!(options.format in REPORT_FORMATS)) {
    const known = Object.keys(REPORT_FORMATS).join(', ');
    throw new UsageError(
      zh ? `未知格式 ${options.format}，可用：${known}` : `unknown format ${options.format}; use one of ${known}`,
    );
  }
  let unreadable = false;
  const results: FileResult[] = [];
  const described: string[] = [];
  for (const file of files) {
    const input = readInput(file);
    if (input.problem) {
      unreadable = true;
      io.err(`${problemLine(input.problem, lang)}\n`);
      continue;
    }
    const loaded = loadRubricBytes(input.bytes ?? new Uint8Array(), file);
    results.push({ file, problems: sortProblems(loaded.problems.map((p) => ({ ...p, file }))) });
    const r = loaded.rubric;
    if (r) {
      const items = indicatorsOf(r).flatMap((b) => b.items);
      const checks = items.reduce((a, i) => a + i.checks.length, 0);
      const devices = [
        r.bonus ? (zh ? `加分 ${r.bonus.items.length} 项` : `${r.bonus.items.length} bonus items`) : '',
        r.deductions ? (zh ? `扣分 ${r.deductions.items.length} 项` : `${r.deductions.items.length} deductions`) : '',
        r.vetoes.length > 0 ? (zh ? `一票否决 ${r.vetoes.length} 项` : `${r.vetoes.length} vetoes`) : '',
        r.levels.length > 0
          ? zh
            ? `等级 ${r.levels.map((l) => escapeText(l.name.zh)).join('、')}`
            : `levels ${r.levels.map((l) => escapeText(l.name.en)).join(', ')}`
          : '',
      ].filter(Boolean);
      const total = toNumber(r.total);
      described.push(
        zh
          ? `${escapeText(file)}：${escapeText(r.name.zh)}，满分 ${total}；${r.groups.length} 个一级指标、${indicatorsOf(r).length} 个二级指标、${items.length} 个要点、${checks} 项核查${devices.length ? `；${devices.join('，')}` : ''}`
          : `${escapeText(file)}: ${escapeText(r.name.en)}, ${total} points; ${r.groups.length} groups, ${indicatorsOf(r).length} indicators, ${items.length} items, ${checks} checks${devices.length ? `; ${devices.join(', ')}` : ''}`,
      );
    }
  }
  if (options.format === 'text' && described.length > 0) io.out(`${textLines(described)}\n`);
  io.out(REPORT_FORMATS[options.format as ReportFormat](results, { lang }));
  if (unreadable) return EXIT.failed;
  return results.some((r) => r.problems.some((p) => p.severity === 'error')) ? EXIT.findings : EXIT.ok;
}
