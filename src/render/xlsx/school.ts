// One school's sheet in the attachment's layout (《家校共育示范学校自评细则》): title rows, then
// 一级指标 · 二级指标 · 评估内容 · 要点分值 · 要点得分 · 分值 · 自评 · 得分, one row per 要点. 一级指标 and
// 二级指标 are merged down over their rows, and so are 分值 · 自评 · 得分, which the form gives per 二级指标;
// each 要点's own points and score are the two 要点 columns. Totals, 加分/扣分/否决/等级 where the rubric has
// them, and the lines to sign at the foot. A4 portrait, fitted to the page's width, header repeated.
import type { Workbook, Worksheet } from 'exceljs';
import { STAGE_LABELS } from '../../evidence/schema.js';
import type { Lang } from '../../i18n/messages.js';
import type { Sheet, SheetCheck, SheetExtras, SheetIndicator, SheetItem } from '../../report/sheet.js';
import { GAIN_TEXTS, gainLine, nextLevelText } from '../gains.js';
import { adjustmentLine, reviewByline } from '../review.js';
import { pointsText, type RenderOptions } from '../types.js';
import {
  BOLD,
  CENTER,
  fitWidth,
  HEAD_FILL,
  heightFor,
  LEFT,
  linesIn,
  MAX_ROW_HEIGHT,
  merge,
  pageFooter,
  part,
  partIn,
  printA4,
  put,
  RED,
  RIGHT,
  TOP_LEFT,
  text,
  textIn,
  WARN_FILL,
} from './cells.js';

const T = {
  zh: {
    head: ['一级指标', '二级指标', '评估内容', '要点分值', '要点得分', '分值', '自评', '得分'],
    school: '学校',
    code: '学校标识码',
    county: '区县',
    stage: '学段',
    year: '学年',
    groupPoints: (p: string) => `（${p} 分）`,
    notApplicable: '不适用',
    total: '合计',
    grandTotal: '得分合计',
    max: '应得满分',
    normalized: '折算分（得分合计 ÷ 应得满分 × 100）',
    bonus: (cap: string) => `加分（上限 ${cap} 分）`,
    deductions: (cap: string) => `扣分（上限 ${cap} 分）`,
    perUnit: (p: string) => `每个 ${p} 分`,
    vetoes: '一票否决',
    triggered: (denies: string) => `触发，否决${denies}`,
    notTriggered: '未触发',
    allLevels: '全部等级',
    level: (basis: string) => `等级（按${basis}）`,
    basis: { total: '总分', normalized: '折算分' },
    noLevel: '未达到任何等级',
    deniedBy: (ids: string) => `被一票否决：${ids}`,
    overclaim: (id: string, name: string, self: string, score: string) =>
      `⚠ ${id} ${name}：自评 ${self} 分，核定得分 ${score} 分（自评高于核定得分）`,
    sep: '：',
    sep2: '，',
    list: '、',
    sign: ['学校（盖章）：', '填表人：', '审核人：', '日期：        年    月    日'],
  },
  en: {
    head: ['Level 1', 'Level 2', 'Content', 'Item points', 'Item score', 'Points', 'Self', 'Score'],
    school: 'School',
    code: 'School code',
    county: 'County',
    stage: 'Stage',
    year: 'Year',
    groupPoints: (p: string) => `(${p} pts)`,
    notApplicable: 'not applicable',
    total: 'Total',
    grandTotal: 'Total score',
    max: 'Applicable maximum',
    normalized: 'Normalized (total ÷ applicable maximum × 100)',
    bonus: (cap: string) => `Bonus (cap ${cap})`,
    deductions: (cap: string) => `Deductions (cap ${cap})`,
    perUnit: (p: string) => `${p} each`,
    vetoes: 'Vetoes',
    triggered: (denies: string) => `triggered, denies ${denies}`,
    notTriggered: 'not triggered',
    allLevels: 'every level',
    level: (basis: string) => `Level (by ${basis})`,
    basis: { total: 'total', normalized: 'normalized score' },
    noLevel: 'none',
    deniedBy: (ids: string) => `denied by ${ids}`,
    overclaim: (id: string, name: string, self: string, score: string) =>
      `⚠ ${id} ${name}: self-score ${self}, computed ${score} (self-score above the computed score)`,
    sep: ': ',
    sep2: ', ',
    list: ', ',
    sign: ['School (seal):', 'Filled in by:', 'Reviewed by:', 'Date:'],
  },
};

/** Columns (1-based). */
const COL = { group: 1, indicator: 2, content: 3, itemMax: 4, itemScore: 5, points: 6, self: 7, score: 8 } as const;
const LAST = COL.score;
/** The header row: printed again at the top of every page. */
export const SCHOOL_HEAD_ROW = 4;

/** ✓ full points, ✗ points lost, — nothing applies. */
/** A parenthesis as each language writes it: 全角 in Chinese, a space and ASCII ones in English. */
const paren = (x: string, lang: Lang): string => (lang === 'zh' ? `（${x}）` : ` (${x})`);

const itemMark = (item: SheetItem): string =>
  item.checks.every((c) => !c.applicable) ? '—' : item.score < item.max ? '✗' : '✓';

function checkLine(c: SheetCheck, lang: Lang): string {
  const t = T[lang];
  if (!c.applicable) return `— ${part(c.id)} ${t.notApplicable}${t.sep}${partIn(c.reason, lang)}`;
  return `${c.passed ? '✓' : '✗'} ${part(c.id)} ${partIn(c.reason, lang)}`;
}

/** 评估内容: the 要点 with its mark, then the reason of each check that lost points or does not apply. */
export function itemContent(item: SheetItem, options: RenderOptions): string {
  const lang = options.lang;
  const none = item.checks.every((c) => !c.applicable);
  const number = item.id.replace(/^[^.]*\./, '');
  const head = `${itemMark(item)} ${part(number)}. ${partIn(item.text, lang)}${none ? paren(T[lang].notApplicable, lang) : ''}`;
  const shown = item.checks.filter((c) => options.details || !c.applicable || !c.passed);
  return [head, ...shown.map((c) => checkLine(c, lang))].join('\n');
}

/** Column widths from the texts they hold (a CJK character ≈ 2), bounded so that A4 stays readable. */
function columnWidths(
  sheet: Sheet,
  options: RenderOptions,
  groupLabels: string[],
  indicatorLabels: string[],
): number[] {
  const head = T[options.lang].head;
  const contents = sheet.indicators.flatMap((b) => b.items.map((i) => itemContent(i, options)));
  // Numbers are at most 6 characters (100, 26.58); the heading decides.
  const numeric = (k: number) => fitWidth([head[k] ?? '', '26.58'], 7, 12);
  return [
    fitWidth([head[0] ?? '', ...groupLabels], 8, 14),
    fitWidth([head[1] ?? '', ...indicatorLabels], 8, 16),
    fitWidth(contents, 30, 60),
    numeric(3),
    numeric(4),
    numeric(5),
    numeric(6),
    numeric(7),
  ];
}

const groupLabel = (g: Sheet['groups'][number], lang: Lang) =>
  `${text(g.id)}\n${partIn(g.name, lang)}\n${T[lang].groupPoints(pointsText(g.points))}`;
const indicatorLabel = (b: SheetIndicator, lang: Lang) => `${text(b.id)}\n${partIn(b.name, lang)}`;

/** Writes a line across the sheet: a label over the first columns, a value in the last. */
function labelled(ws: Worksheet, row: number, label: string, value: string | number | null, bold = false): void {
  put(ws, row, 1, label, { align: RIGHT, ...(bold ? { font: BOLD } : {}) });
  merge(ws, row, 1, row, LAST - 1);
  put(ws, row, LAST, value, { ...(bold ? { font: BOLD } : {}), align: CENTER });
}

/** 加分 / 扣分: a heading line with the capped total, and a line per item with its reason. */
function extrasRows(ws: Worksheet, row: number, x: SheetExtras, sign: 1 | -1, options: RenderOptions, cols: number[]) {
  const t = T[options.lang];
  const cap = pointsText(x.cap);
  let r = row;
  labelled(ws, r++, sign > 0 ? t.bonus(cap) : t.deductions(cap), sign > 0 ? x.total : x.total === 0 ? 0 : -x.total);
  for (const i of x.items) {
    const signText = sign > 0 ? '+' : '−';
    const mark = !i.applicable ? '—' : i.score > 0 ? signText : '·';
    // "+3/3": earned of its points; a per-unit deduction has no such ceiling, its points are per unit.
    const earned = `${signText}${pointsText(i.score)}`;
    const amount = i.perUnit
      ? `${earned}${t.sep2}${t.perUnit(pointsText(i.points))}`
      : `${earned}/${pointsText(i.points)}`;
    const line = `${mark} ${part(i.id)} ${partIn(i.label, options.lang)}${paren(amount, options.lang)}${t.sep}${partIn(i.reason, options.lang)}`;
    put(ws, r, 1, line, { align: LEFT });
    merge(ws, r, 1, r, LAST - 1);
    put(ws, r, LAST, sign > 0 ? i.score : i.score === 0 ? 0 : -i.score, { align: CENTER });
    ws.getRow(r).height = heightFor(
      linesIn(
        line,
        cols.slice(0, LAST - 1).reduce((a, w) => a + w, 0),
      ),
    );
    r++;
  }
  return r;
}

/** 复评: who and when, the computed totals (those above are reviewed), a line per adjustment with its reason. */
function reviewRows(ws: Worksheet, row: number, sheet: Sheet, lang: Lang, contentWidth: number): number {
  const r = sheet.review;
  if (!r) return row;
  const zh = lang === 'zh';
  let at = row;
  put(ws, at, 1, reviewByline(r, lang, text), { align: LEFT, font: BOLD });
  merge(ws, at, 1, at, LAST);
  at++;
  labelled(ws, at++, zh ? '计算得分合计（复评前）' : 'Computed total (before review)', r.computed.total);
  labelled(ws, at++, zh ? '计算折算分（复评前）' : 'Computed normalized (before review)', r.computed.normalized);
  for (const a of r.adjustments) {
    const line = adjustmentLine(a, lang, text);
    put(ws, at, 1, line, { align: LEFT });
    merge(ws, at, 1, at, LAST);
    ws.getRow(at).height = heightFor(linesIn(line, contentWidth));
    at++;
  }
  return at;
}

/** Adds one school's sheet to the workbook, named `name` (already safe and unique). */
export function addSchoolSheet(wb: Workbook, sheet: Sheet, name: string, options: RenderOptions): Worksheet {
  const lang = options.lang;
  const t = T[lang];
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: SCHOOL_HEAD_ROW }],
    headerFooter: { oddFooter: pageFooter(lang) },
  });
  printA4(ws, 'portrait', `${SCHOOL_HEAD_ROW}:${SCHOOL_HEAD_ROW}`);

  const groupLabels = sheet.groups.map((g) => groupLabel(g, lang));
  const indicatorLabels = sheet.indicators.map((b) => indicatorLabel(b, lang));
  const widths = columnWidths(sheet, options, groupLabels, indicatorLabels);
  widths.forEach((w, k) => {
    ws.getColumn(k + 1).width = w;
  });
  const widthOf = (col: number) => widths[col - 1] ?? 10;

  // Title rows: the rubric, then the school.
  const s = sheet.school;
  put(ws, 1, 1, textIn(sheet.rubric.name, lang), { align: CENTER, font: { bold: true, size: 14 }, border: false });
  ws.mergeCells(1, 1, 1, LAST);
  ws.getRow(1).height = 24;
  const schoolLine = [
    `${t.school}${t.sep}${part(s.name)}`,
    ...(s.code === null ? [] : [`${t.code}${t.sep}${part(s.code)}`]),
  ].join('    ');
  const whereLine = [
    `${t.county}${t.sep}${part(s.county)}`,
    `${t.stage}${t.sep}${STAGE_LABELS[s.stage][lang]}`,
    `${t.year}${t.sep}${part(s.year)}`,
  ].join('    ');
  put(ws, 2, 1, schoolLine, { align: LEFT, border: false });
  ws.mergeCells(2, 1, 2, LAST);
  put(ws, 3, 1, whereLine, { align: LEFT, border: false });
  ws.mergeCells(3, 1, 3, LAST);

  t.head.forEach((h, k) => {
    put(ws, SCHOOL_HEAD_ROW, k + 1, h, { align: CENTER, font: BOLD, fill: HEAD_FILL });
  });
  ws.getRow(SCHOOL_HEAD_ROW).height = heightFor(Math.max(...t.head.map((h, k) => linesIn(h, widthOf(k + 1)))));

  let row = SCHOOL_HEAD_ROW + 1;
  sheet.groups.forEach((g, gk) => {
    const groupTop = row;
    for (const b of sheet.indicators.filter((x) => x.group === g.id)) {
      const top = row;
      for (const item of b.items) {
        const none = item.checks.every((c) => !c.applicable);
        const content = itemContent(item, options);
        put(ws, row, COL.content, content, { align: TOP_LEFT });
        put(ws, row, COL.itemMax, none ? '—' : item.max, { align: CENTER });
        put(ws, row, COL.itemScore, none ? '—' : item.score, {
          align: CENTER,
          ...(item.score < item.max ? { font: RED } : {}),
        });
        ws.getRow(row).height = heightFor(linesIn(content, widthOf(COL.content)));
        row++;
      }
      const bottom = row - 1;
      put(ws, top, COL.indicator, indicatorLabels[sheet.indicators.indexOf(b)] ?? '', { align: CENTER });
      merge(ws, top, COL.indicator, bottom, COL.indicator);
      put(ws, top, COL.points, b.points, { align: CENTER });
      merge(ws, top, COL.points, bottom, COL.points);
      put(ws, top, COL.self, b.selfScore, {
        align: CENTER,
        ...(b.overclaim ? { font: { ...RED, bold: true }, fill: WARN_FILL } : {}),
      });
      merge(ws, top, COL.self, bottom, COL.self);
      put(ws, top, COL.score, b.score, { align: CENTER, font: BOLD });
      merge(ws, top, COL.score, bottom, COL.score);
      // A 二级指标 with one short 要点 may need more lines for its name than the row gives.
      growTo(ws, top, bottom, linesIn(indicatorLabels[sheet.indicators.indexOf(b)] ?? '', widthOf(COL.indicator)));
    }
    put(ws, groupTop, COL.group, groupLabels[gk] ?? '', { align: CENTER, font: BOLD });
    merge(ws, groupTop, COL.group, row - 1, COL.group);
    growTo(ws, groupTop, row - 1, linesIn(groupLabels[gk] ?? '', widthOf(COL.group)));
  });

  // 合计: the columns' totals as the model gives them (never added up here).
  put(ws, row, 1, t.total, { align: CENTER, font: BOLD });
  merge(ws, row, 1, row, COL.content);
  put(ws, row, COL.itemMax, sheet.max, { font: BOLD });
  put(ws, row, COL.itemScore, sheet.base, { font: BOLD });
  put(ws, row, COL.points, sheet.rubric.total, { font: BOLD });
  put(ws, row, COL.self, sheet.selfTotal, { font: BOLD });
  put(ws, row, COL.score, sheet.base, { font: BOLD });
  row++;

  const contentWidth = widths.slice(0, LAST - 1).reduce((a, w) => a + w, 0);
  if (sheet.bonus) row = extrasRows(ws, row, sheet.bonus, 1, options, widths);
  if (sheet.deductions) row = extrasRows(ws, row, sheet.deductions, -1, options, widths);
  if (sheet.vetoes.length > 0) {
    labelled(ws, row++, t.vetoes, null);
    for (const v of sheet.vetoes) {
      const denies = v.denies === 'all' ? t.allLevels : v.denies.map(part).join(t.list);
      const state = v.triggered ? t.triggered(denies) : t.notTriggered;
      const line = `${v.triggered ? '✗' : '✓'} ${part(v.id)} ${partIn(v.label, lang)}${paren(state, lang)}${t.sep}${partIn(v.reason, lang)}`;
      put(ws, row, 1, line, { align: LEFT, ...(v.triggered ? { font: RED } : {}) });
      merge(ws, row, 1, row, LAST);
      ws.getRow(row).height = heightFor(linesIn(line, contentWidth));
      row++;
    }
  }
  labelled(ws, row++, t.grandTotal, sheet.total, true);
  labelled(ws, row++, t.max, sheet.max, true);
  labelled(ws, row++, t.normalized, sheet.normalized, true);
  if (sheet.level) {
    const l = sheet.level;
    const name = l.name ? textIn(l.name, lang) : t.noLevel;
    const by = l.deniedBy.length > 0 ? paren(t.deniedBy(l.deniedBy.map(text).join(t.list)), lang) : '';
    labelled(ws, row++, t.level(t.basis[l.basis]), `${name}${by}`, true);
  }
  if (sheet.review) row = reviewRows(ws, row, sheet, lang, contentWidth);
  for (const b of sheet.indicators.filter((x) => x.overclaim)) {
    const line = t.overclaim(part(b.id), partIn(b.name, lang), pointsText(b.selfScore ?? 0), pointsText(b.score));
    put(ws, row, 1, line, { align: LEFT, font: RED, border: false });
    ws.mergeCells(row, 1, row, LAST);
    row++;
  }

  row = gainRows(ws, row, sheet, options, contentWidth);

  // Lines to sign, as the paper form has them.
  row++;
  const [seal, filler, reviewer, date] = t.sign;
  for (const [left, right] of [
    [seal, filler],
    [reviewer, date],
  ] as const) {
    put(ws, row, 1, left ?? '', { align: LEFT, border: false });
    ws.mergeCells(row, 1, row, COL.content);
    put(ws, row, COL.itemMax, right ?? '', { align: LEFT, border: false });
    ws.mergeCells(row, COL.itemMax, row, LAST);
    ws.getRow(row).height = 30;
    row++;
  }
  return ws;
}

/** Points to gain, most first: the fix across the first columns, the points it adds in the last; the next level. */
function gainRows(ws: Worksheet, row: number, sheet: Sheet, options: RenderOptions, contentWidth: number): number {
  if (sheet.gains.length === 0 && !sheet.nextLevel) return row;
  const lang = options.lang;
  let r = row;
  labelled(ws, r++, GAIN_TEXTS[lang].title, null, true);
  for (const g of sheet.gains) {
    // The line without its leading "+points": the points are the number in the last column.
    const line = text(gainLine(g, lang).replace(/^\S+ /, ''));
    put(ws, r, 1, line, { align: LEFT });
    merge(ws, r, 1, r, LAST - 1);
    put(ws, r, LAST, g.points, { align: CENTER });
    ws.getRow(r).height = heightFor(linesIn(line, contentWidth));
    r++;
  }
  if (sheet.nextLevel) {
    const line = text(nextLevelText(sheet, sheet.nextLevel, lang));
    put(ws, r, 1, line, { align: LEFT, font: BOLD });
    merge(ws, r, 1, r, LAST);
    ws.getRow(r).height = heightFor(linesIn(line, contentWidth));
    r++;
  }
  return r;
}

/** Makes rows top…bottom tall enough together for a merged cell of `lines` lines. */
function growTo(ws: Worksheet, top: number, bottom: number, lines: number): void {
  let have = 0;
  for (let r = top; r <= bottom; r++) have += ws.getRow(r).height ?? heightFor(1);
  const need = heightFor(lines);
  if (need > have) {
    const last = ws.getRow(bottom);
    last.height = Math.min(MAX_ROW_HEIGHT, (last.height ?? heightFor(1)) + (need - have));
  }
}
