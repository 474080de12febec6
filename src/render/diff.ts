// `jiaxiao diff`: a school's two years, or a county's, as a table or versioned JSON.
import { escapeText, jsonText, textLines } from '../base/escape.js';
import { centsText } from '../base/exact.js';
import { countOf, type Lang } from '../i18n/messages.js';
import { type BatchDiff, DIFF_SCHEMA_VERSION, type SheetDiff } from '../report/diff.js';
import { type Row, renderGrid } from './grid.js';
import { invalidFileJson } from './summary/json.js';
import { notCountedLines } from './summary/table.js';
import { inLang, type SummaryRenderOptions, textOf } from './types.js';

const signed = (c: number) => (c > 0 ? `+${centsText(c)}` : c < 0 ? `−${centsText(-c)}` : '0');

const T = {
  zh: {
    title: (name: string, a: string, b: string) => `${name}：${a} 学年 → ${b} 学年`,
    head: ['指标', '名称', '上次', '本次', '变化'],
    total: '得分合计',
    normalized: '折算分',
    passed: (n: number) => `新通过的检查（${n} 项）`,
    failed: (n: number) => `新未通过的检查（${n} 项）`,
    none: '（无）',
    batchTitle: (n: number, a: string, b: string) => `${a} 学年 → ${b} 学年：${n} 所学校两次都有`,
    notCompared: (n: number) => `另有 ${n} 个文件因错误未比较（各列出第一个问题）：`,
    batchHead: ['学校', '区县', '上次折算分', '本次折算分', '变化', '新通过', '新未通过'],
    meanTitle: '各二级指标平均得分（两次都有的学校）',
    onlyOld: '只在上次出现：',
    onlyNew: '只在本次出现：',
    file: (f: string) => `（${f}）`,
  },
  en: {
    title: (name: string, a: string, b: string) => `${name}: academic year ${a} → ${b}`,
    head: ['Id', 'Indicator', 'Before', 'Now', 'Change'],
    total: 'Total',
    normalized: 'Normalized',
    passed: (n: number) => `Newly passed checks (${n})`,
    failed: (n: number) => `Newly failed checks (${n})`,
    none: '(none)',
    batchTitle: (n: number, a: string, b: string) => `Academic year ${a} → ${b}: ${countOf(n, 'school')} in both`,
    notCompared: (n: number) => `${countOf(n, 'file')} not compared because of errors (the first problem of each):`,
    batchHead: ['School', 'County', 'Before', 'Now', 'Change', 'Passed', 'Failed'],
    meanTitle: 'Mean score per indicator (schools in both)',
    onlyOld: 'Only before: ',
    onlyNew: 'Only now: ',
    file: (f: string) => ` (${f})`,
  },
};

const head = (labels: string[], o: SummaryRenderOptions): Row => ({
  cells: labels.map((text) => ({ text, paint: o.paint.bold })),
});

export function renderSheetDiffTable(d: SheetDiff, o: SummaryRenderOptions): string {
  const t = T[o.lang];
  const name = Math.max(8, Math.min(24, o.width - 4 * 3 - 1 - 6 - 3 * 8 - 3));
  const change = (a: number, b: number) => ({
    text: signed(b - a),
    ...(b < a ? { paint: o.paint.red } : b > a ? { paint: o.paint.green } : {}),
  });
  const rows: Row[] = [head(t.head, o), { rule: true }];
  for (const b of d.indicators)
    rows.push({
      cells: [
        { text: b.id },
        { text: textOf(b.name, o.lang) },
        { text: centsText(b.old) },
        { text: centsText(b.new) },
        change(b.old, b.new),
      ],
    });
  rows.push({ rule: true });
  for (const [label, v] of [
    [t.total, d.total],
    [t.normalized, d.normalized],
  ] as const)
    rows.push({
      cells: [{ text: label, span: 2 }, { text: centsText(v.old) }, { text: centsText(v.new) }, change(v.old, v.new)],
    });
  const checks = (title: string, list: SheetDiff['newlyPassed'], mark: string) => [
    o.paint.bold(title),
    ...(list.length === 0 ? [`  ${t.none}`] : list.map((c) => `  ${mark} ${c.id} ${textOf(c.reason, o.lang)}`)),
  ];
  const out = [
    o.paint.bold(t.title(escapeText(d.school.name), escapeText(d.years.old), escapeText(d.years.new))),
    renderGrid([6, name, 8, 8, 8], rows),
    ...checks(t.passed(d.newlyPassed.length), d.newlyPassed, '✓'),
    ...checks(t.failed(d.newlyFailed.length), d.newlyFailed, '✗'),
  ];
  return `${textLines(out)}\n`;
}

export function renderBatchDiffTable(d: BatchDiff, o: SummaryRenderOptions): string {
  const t = T[o.lang];
  const school = Math.max(12, Math.min(30, o.width - 7 * 3 - 1 - 8 - 3 * 10 - 2 * 8));
  const rows: Row[] = [head(t.batchHead, o), { rule: true }];
  for (const s of d.schools) {
    const delta = s.normalized.new - s.normalized.old;
    rows.push({
      cells: [
        { text: escapeText(s.school.name) },
        { text: escapeText(s.school.county) },
        { text: centsText(s.normalized.old) },
        { text: centsText(s.normalized.new) },
        { text: signed(delta), ...(delta < 0 ? { paint: o.paint.red } : {}) },
        { text: String(s.newlyPassed.length) },
        { text: String(s.newlyFailed.length) },
      ],
    });
  }
  const means: Row[] = [head(t.head, o), { rule: true }];
  for (const b of d.indicators)
    means.push({
      cells: [
        { text: b.id },
        { text: textOf(b.name, o.lang) },
        { text: centsText(b.oldMean) },
        { text: centsText(b.newMean) },
        { text: signed(b.newMean - b.oldMean) },
      ],
    });
  const sep = o.lang === 'zh' ? '、' : ', ';
  const only = (label: string, list: BatchDiff['onlyOld']) =>
    list.length === 0
      ? []
      : [`${label}${list.map((x) => `${escapeText(x.name)}${t.file(escapeText(x.file))}`).join(sep)}`];
  const out = [
    o.paint.bold(t.batchTitle(d.schools.length, escapeText(d.years.old ?? '—'), escapeText(d.years.new ?? '—'))),
    // The files left out, here as well as on stderr: a comparison saved to a file says which they were.
    ...(d.notCompared.length === 0
      ? []
      : [t.notCompared(d.notCompared.length), ...notCountedLines(d.notCompared, d.notCompared.length, o.lang)]),
    renderGrid([school, 8, 10, 10, 10, 8, 8], rows),
    ...only(t.onlyOld, d.onlyOld),
    ...only(t.onlyNew, d.onlyNew),
    // Means over no school would read as scores of 0.
    ...(d.schools.length === 0 ? [] : ['', o.paint.bold(t.meanTitle), renderGrid([6, 12, 8, 8, 8], means)]),
  ];
  return `${textLines(out)}\n`;
}

const p = (c: number) => c / 100;

function sheetDiffJson(d: SheetDiff, lang: Lang) {
  const check = (c: SheetDiff['newlyPassed'][number]) => ({
    id: c.id,
    label: inLang(c.label, lang),
    reason: inLang(c.reason, lang),
  });
  return {
    school: d.school,
    years: d.years,
    total: { old: p(d.total.old), new: p(d.total.new) },
    normalized: { old: p(d.normalized.old), new: p(d.normalized.new) },
    indicators: d.indicators.map((b) => ({
      id: b.id,
      name: inLang(b.name, lang),
      old: p(b.old),
      new: p(b.new),
      oldMax: p(b.oldMax),
      newMax: p(b.newMax),
    })),
    newlyPassed: d.newlyPassed.map(check),
    newlyFailed: d.newlyFailed.map(check),
  };
}

export const renderSheetDiffJson = (d: SheetDiff, o: { lang: Lang }): string =>
  jsonText({ schemaVersion: DIFF_SCHEMA_VERSION, ...sheetDiffJson(d, o.lang) });

export const renderBatchDiffJson = (d: BatchDiff, o: { lang: Lang }): string =>
  jsonText({
    schemaVersion: DIFF_SCHEMA_VERSION,
    years: d.years,
    notCompared: d.notCompared.map((f) => invalidFileJson(f, o.lang)),
    schools: d.schools.map((s) => sheetDiffJson(s, o.lang)),
    onlyOld: d.onlyOld,
    onlyNew: d.onlyNew,
    indicators: d.indicators.map((b) => ({
      id: b.id,
      name: inLang(b.name, o.lang),
      oldMean: p(b.oldMean),
      newMean: p(b.newMean),
    })),
  });
