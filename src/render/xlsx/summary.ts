// A batch as a workbook: the ranking first (frozen header, auto-filter), the counties when there are
// several, how often each 二级指标 earns full points, the 要点 most often missed, the files not counted, then
// one sheet per school in ranking order, in the same layout as a single school's.

import type { Workbook, Worksheet } from 'exceljs';
import { placeText } from '../../base/problem.js';
import { STAGE_LABELS } from '../../evidence/schema.js';
import { countOf, type Lang, problemText, severityText } from '../../i18n/messages.js';
import type { Attainment, RankedSchool, Summary } from '../../report/summary.js';
import { REVIEWED_MARK } from '../review.js';
import type { SummaryRenderOptions } from '../types.js';
import { RANK_RULE } from '../words.js';
import {
  BOLD,
  CENTER,
  FMT,
  fitWidth,
  fromCents,
  HEAD_FILL,
  heightFor,
  LEFT,
  linesIn,
  pageFooter,
  printA4,
  put,
  RED,
  text,
  textIn,
  type Value,
} from './cells.js';
import { addSchoolSheet } from './school.js';
import { SheetNamer } from './sheet-names.js';

const T = {
  zh: {
    sheets: {
      ranking: '排名',
      counties: '各区县',
      indicators: '各指标得分',
      missed: '最常失分的要点',
      invalid: '未计入的文件',
    },
    rank: '排名',
    countyRank: '区县排名',
    school: '学校',
    code: '学校标识码',
    county: '区县',
    stage: '学段',
    total: '总分',
    max: '应得满分',
    normalized: '折算分',
    self: '自评总分',
    selfMinus: '自评−得分',
    level: '等级',
    noLevel: '—',
    countyHead: ['区县', '学校数', '折算分平均', '中位数', '最低', '最高'],
    attainHead: ['指标', '名称', '分值', '适用学校', '满分学校', '满分率', '平均', '中位数', '最低', '最高'],
    missedHead: ['要点', '评估内容', '分值', '适用学校', '满分学校', '满分率', '平均', '中位数', '最低', '最高'],
    invalidHead: ['文件', '位置', '类别', '问题'],
    omitted: (n: number) => `另有 ${n} 个问题未列出`,
    rubric: (name: string) => `评分细则：${name}`,
    rankRule: RANK_RULE.zh,
    perSchool: '每所学校的评分表见其后的工作表（按排名顺序）。',
    invalidNote: (n: number, sheet: string) => `另有 ${n} 个文件因错误未计入，见工作表「${sheet}」。`,
    rateNote: '满分率 = 得满分的学校 ÷ 适用的学校；分数统计只计适用的学校。',
  },
  en: {
    sheets: {
      ranking: 'Ranking',
      counties: 'Counties',
      indicators: 'Indicators',
      missed: 'Most missed',
      invalid: 'Not counted',
    },
    rank: 'Rank',
    countyRank: 'County rank',
    school: 'School',
    code: 'School code',
    county: 'County',
    stage: 'Stage',
    total: 'Total',
    max: 'Applicable maximum',
    normalized: 'Normalized',
    self: 'Self-score',
    selfMinus: 'Self − score',
    level: 'Level',
    noLevel: '—',
    countyHead: ['County', 'Schools', 'Normalized mean', 'Median', 'Min', 'Max'],
    attainHead: ['Id', 'Indicator', 'Points', 'Applies to', 'Full points', 'Full rate', 'Mean', 'Median', 'Min', 'Max'],
    missedHead: ['Id', 'Content', 'Points', 'Applies to', 'Full points', 'Full rate', 'Mean', 'Median', 'Min', 'Max'],
    invalidHead: ['File', 'Where', 'Severity', 'Problem'],
    omitted: (n: number) => `${countOf(n, 'more problem')} not listed`,
    rubric: (name: string) => `Rubric: ${name}`,
    rankRule: RANK_RULE.en,
    perSchool: 'Each school’s sheet follows, in ranking order.',
    invalidNote: (n: number, sheet: string) =>
      `${n} files were not counted because of errors: see the sheet “${sheet}”.`,
    rateNote: 'Full rate = schools earning full points ÷ schools it applies to; scores count those schools only.',
  },
};

/** A table's header row: bold, shaded, wrapped; its height from the longest heading. */
function headRow(ws: Worksheet, row: number, heads: readonly string[], widths: readonly number[]): void {
  heads.forEach((h, k) => {
    put(ws, row, k + 1, h, { align: CENTER, font: BOLD, fill: HEAD_FILL });
  });
  ws.getRow(row).height = heightFor(Math.max(...heads.map((h, k) => linesIn(h, widths[k] ?? 10))));
}

function setWidths(ws: Worksheet, widths: readonly number[]): void {
  widths.forEach((w, k) => {
    ws.getColumn(k + 1).width = w;
  });
}

/** A note under a table, across its columns, without borders. */
function note(ws: Worksheet, row: number, line: string, columns: number, widths: readonly number[]): void {
  put(ws, row, 1, line, { align: LEFT, border: false });
  ws.mergeCells(row, 1, row, columns);
  ws.getRow(row).height = heightFor(
    linesIn(
      line,
      widths.slice(0, columns).reduce((a, w) => a + w, 0),
    ),
  );
}

/** Adds a sheet with its header row frozen and the A4 set-up (landscape for wide tables). */
function tableSheet(wb: Workbook, name: string, lang: Lang, orientation: 'portrait' | 'landscape'): Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    headerFooter: { oddFooter: pageFooter(lang) },
  });
  printA4(ws, orientation, '1:1');
  return ws;
}

const cents = (x: number | null): Value => (x === null ? null : fromCents(x));

function rankingSheet(wb: Workbook, s: Summary, options: SummaryRenderOptions, names: SheetNamer): Worksheet {
  const lang = options.lang;
  const t = T[lang];
  const several = s.counties.length > 0;
  const groupHeads = s.shape.groups.map((g) => `${text(g.id)} ${textIn(g.name, lang)}`);
  const heads = [
    t.rank,
    ...(several ? [t.countyRank] : []),
    t.school,
    t.code,
    t.county,
    t.stage,
    ...groupHeads,
    t.total,
    t.max,
    t.normalized,
    t.self,
    t.selfMinus,
    ...(s.shape.levels ? [t.level] : []),
  ];
  const stage = (r: RankedSchool) => STAGE_LABELS[r.stage][lang];
  const rows = s.ranking.map((r): { value: Value; numFmt?: string; red?: boolean }[] => [
    { value: r.rank, numFmt: '0' },
    ...(several ? [{ value: r.countyRank, numFmt: '0' }] : []),
    { value: `${text(r.name)}${r.computedNormalized === null ? '' : REVIEWED_MARK[lang]}` },
    { value: r.code === null ? null : text(r.code) },
    { value: text(r.county) },
    { value: stage(r) },
    ...s.shape.groups.map((_, k) => ({ value: fromCents(r.groups[k] ?? 0), numFmt: FMT.cents })),
    { value: fromCents(r.total), numFmt: FMT.cents },
    { value: fromCents(r.max), numFmt: FMT.cents },
    { value: fromCents(r.normalized), numFmt: FMT.cents },
    { value: cents(r.selfTotal), numFmt: FMT.cents },
    { value: cents(r.selfMinusScore), numFmt: FMT.signedCents, red: (r.selfMinusScore ?? 0) > 0 },
    ...(s.shape.levels ? [{ value: r.level ? textIn(r.level, lang) : t.noLevel }] : []),
  ]);
  const nameCol = several ? 3 : 2;
  const widths = heads.map((h, k) => {
    const texts = rows.map((cells) => {
      const v = cells[k]?.value;
      return typeof v === 'string' ? v : '';
    });
    return k === nameCol - 1 ? fitWidth([h, ...texts], 12, 40) : fitWidth([h, ...texts], 7, 20);
  });

  const ws = tableSheet(wb, names.name(t.sheets.ranking), lang, 'landscape');
  setWidths(ws, widths);
  headRow(ws, 1, heads, widths);
  rows.forEach((cells, i) => {
    cells.forEach((c, k) => {
      put(ws, i + 2, k + 1, c.value, {
        ...(c.numFmt ? { numFmt: c.numFmt } : {}),
        ...(c.red ? { font: RED } : k === heads.indexOf(t.normalized) ? { font: BOLD } : {}),
        align: typeof c.value === 'number' ? CENTER : LEFT,
      });
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: heads.length } };

  let row = rows.length + 3;
  note(ws, row++, t.rubric(textIn(s.shape.rubric.name, lang)), heads.length, widths);
  note(ws, row++, t.rankRule, heads.length, widths);
  if (s.sheets.length > 0) note(ws, row++, t.perSchool, heads.length, widths);
  if (s.invalid > 0) {
    note(ws, row, t.invalidNote(s.invalid, t.sheets.invalid), heads.length, widths);
    ws.getCell(row, 1).font = RED;
  }
  return ws;
}

function countiesSheet(wb: Workbook, s: Summary, options: SummaryRenderOptions, names: SheetNamer): void {
  const t = T[options.lang];
  const countyNames = s.counties.map((c) => text(c.county));
  const widths = t.countyHead.map((h, k) => (k === 0 ? fitWidth([h, ...countyNames], 10, 30) : fitWidth([h], 8, 14)));
  const ws = tableSheet(wb, names.name(t.sheets.counties), options.lang, 'portrait');
  setWidths(ws, widths);
  headRow(ws, 1, t.countyHead, widths);
  s.counties.forEach((c, i) => {
    const values: Value[] = [
      countyNames[i] ?? '',
      c.schools,
      fromCents(c.normalized.mean),
      fromCents(c.normalized.median),
      fromCents(c.normalized.min),
      fromCents(c.normalized.max),
    ];
    values.forEach((v, k) => {
      put(ws, i + 2, k + 1, v, { numFmt: k === 1 ? '0' : FMT.cents });
    });
  });
}

/** A row of attainment: id, name, points, schools, full, rate and the score statistics ("—" where none apply). */
function attainmentRow(a: Attainment, name: string, points: number): { value: Value; numFmt?: string }[] {
  const none = a.schools === 0;
  const stat = (x: number) => (none ? { value: '—' } : { value: fromCents(x), numFmt: FMT.cents });
  return [
    { value: text(a.id) },
    { value: name },
    { value: points, numFmt: FMT.points },
    { value: a.schools, numFmt: '0' },
    { value: a.full, numFmt: '0' },
    none ? { value: '—' } : { value: a.rate / 10000, numFmt: FMT.percent },
    stat(a.score.mean),
    stat(a.score.median),
    stat(a.score.min),
    stat(a.score.max),
  ];
}

function attainmentSheet(
  wb: Workbook,
  sheetName: string,
  heads: readonly string[],
  rows: { value: Value; numFmt?: string }[][],
  lang: Lang,
  rateNote: string,
): void {
  const names = rows.map((r) => (typeof r[1]?.value === 'string' ? r[1].value : ''));
  const widths = heads.map((h, k) =>
    k === 1
      ? fitWidth([h, ...names], 14, 50)
      : fitWidth([h, ...(k === 0 ? rows.map((r) => String(r[0]?.value)) : [])], 7, 12),
  );
  const ws = tableSheet(wb, sheetName, lang, 'portrait');
  setWidths(ws, widths);
  headRow(ws, 1, heads, widths);
  rows.forEach((cells, i) => {
    cells.forEach((c, k) => {
      put(ws, i + 2, k + 1, c.value, {
        ...(c.numFmt ? { numFmt: c.numFmt } : {}),
        align: k === 1 ? LEFT : CENTER,
      });
    });
    ws.getRow(i + 2).height = heightFor(linesIn(names[i] ?? '', widths[1] ?? 14));
  });
  note(ws, rows.length + 3, rateNote, heads.length, widths);
}

function invalidSheet(wb: Workbook, s: Summary, options: SummaryRenderOptions, name: string): void {
  const lang = options.lang;
  const t = T[lang];
  const rows: string[][] = [];
  for (const f of s.invalidFiles) {
    for (const p of f.problems) {
      const where = text(placeText(p));
      rows.push([text(f.file), where, severityText(p, lang), text(problemText(p, lang))]);
    }
    if (f.omitted > 0) rows.push([text(f.file), '', '', t.omitted(f.omitted)]);
  }
  const widths = t.invalidHead.map((h, k) =>
    fitWidth([h, ...rows.map((r) => r[k] ?? '')], k === 3 ? 30 : 8, k === 0 ? 40 : k === 3 ? 60 : 12),
  );
  const ws = tableSheet(wb, name, lang, 'landscape');
  setWidths(ws, widths);
  headRow(ws, 1, t.invalidHead, widths);
  rows.forEach((cells, i) => {
    cells.forEach((v, k) => {
      put(ws, i + 2, k + 1, v, { align: k === 1 || k === 2 ? CENTER : LEFT });
    });
    ws.getRow(i + 2).height = heightFor(
      Math.max(linesIn(cells[0] ?? '', widths[0] ?? 8), linesIn(cells[3] ?? '', widths[3] ?? 30)),
    );
  });
}

/** Fills the workbook with a batch: summary sheets, then a sheet per school (Summary.sheets, ranking order). */
export function addSummarySheets(wb: Workbook, s: Summary, options: SummaryRenderOptions): void {
  const lang = options.lang;
  const t = T[lang];
  const names = new SheetNamer();
  rankingSheet(wb, s, options, names);
  if (s.counties.length > 0) countiesSheet(wb, s, options, names);

  const indicatorRows = s.indicators.map((a, k) => {
    const b = s.shape.indicators[k];
    return attainmentRow(a, b ? textIn(b.name, lang) : '', b?.points ?? 0);
  });
  attainmentSheet(wb, names.name(t.sheets.indicators), t.attainHead, indicatorRows, lang, t.rateNote);

  if (s.mostMissed.length > 0) {
    const byId = new Map(s.items.map((a) => [a.id, a]));
    const shapeById = new Map(s.shape.items.map((i) => [i.id, i]));
    const missedRows = s.mostMissed.flatMap((id) => {
      const a = byId.get(id);
      const i = shapeById.get(id);
      return a ? [attainmentRow(a, i ? textIn(i.text, lang) : '', i?.points ?? 0)] : [];
    });
    attainmentSheet(wb, names.name(t.sheets.missed), t.missedHead, missedRows, lang, t.rateNote);
  }
  if (s.invalid > 0) invalidSheet(wb, s, options, names.name(t.sheets.invalid));

  // Ranks go with the sheets when every ranked school has its sheet (the batch keeps them in ranking order).
  const ranked = s.sheets.length === s.ranking.length;
  s.sheets.forEach((sheet, i) => {
    const rank = ranked ? (s.ranking[i]?.rank ?? i + 1) : i + 1;
    addSchoolSheet(wb, sheet, names.name(`${rank} ${sheet.school.name}`), { ...options, details: false });
  });
}
