// One school's sheet as CSV: one row per 要点 with its 一级指标 and 二级指标, then, after an empty row, the
// school and the totals as label–value rows.
//
// The form's 分值, 自评 and 得分 are per 二级指标, one merged cell over its 要点. Here they are on the first
// row of each 二级指标 only, as a merged cell is when unmerged in Excel: so each numeric column adds up in a
// spreadsheet (二级指标得分 and 要点得分 both to the 基础得分, 自评 to the 自评合计), and ids and names on every
// row keep a filtered or sorted row readable. The totals sit below, their values in the second column
// (一级指标, a text column), so that they never fall into a column's sum.

import { STAGE_LABELS } from '../../evidence/schema.js';
import type { Lang } from '../../i18n/messages.js';
import type { Sheet, SheetCheck, SheetExtras, SheetIndicator, SheetItem } from '../../report/sheet.js';
import { GAIN_TEXTS, nextLevelText } from '../gains.js';
import { adjustmentChange } from '../review.js';
import { inLang, pointsText, type RenderOptions } from '../types.js';
import { type CsvCell, csvText } from './write.js';

const T = {
  zh: {
    head: [
      '一级指标编号',
      '一级指标',
      '二级指标编号',
      '二级指标',
      '二级指标分值',
      '二级指标适用分值',
      '自评',
      '自评高于得分',
      '二级指标得分',
      '要点编号',
      '评估内容',
      '要点分值',
      '要点适用分值',
      '要点得分',
      '要点结果',
      '未通过的检查（理由）',
      '不适用的检查',
    ],
    passedHead: '通过的检查',
    yes: '是',
    sep: '；',
    list: '、',
    school: '学校',
    code: '学校标识码',
    county: '区县',
    stage: '学段',
    year: '学年',
    rubric: '评分细则',
    groupScore: (name: string) => `${name} 得分`,
    base: '基础得分',
    bonus: '加分',
    deductions: '扣分',
    cap: (x: string) => `上限 ${x} 分`,
    each: (x: string) => `每个 ${x} 分`,
    notApplicable: '不适用',
    total: '得分合计',
    max: '应得满分',
    normalized: '折算分',
    selfTotal: '自评合计',
    veto: '一票否决',
    triggered: '触发',
    notTriggered: '未触发',
    level: '等级',
    noLevel: '未达到任何等级',
    basis: { normalized: '按折算分', total: '按总分' },
    deniedBy: (ids: string) => `被一票否决：${ids}`,
  },
  en: {
    head: [
      'Level 1 ID',
      'Level 1',
      'Level 2 ID',
      'Level 2',
      'Level 2 points',
      'Level 2 applicable points',
      'Self-score',
      'Self-score above score',
      'Level 2 score',
      'Item ID',
      'Content',
      'Item points',
      'Item applicable points',
      'Item score',
      'Result',
      'Failed checks (reasons)',
      'Checks not applicable',
    ],
    passedHead: 'Passed checks',
    yes: 'yes',
    sep: '; ',
    list: ', ',
    school: 'School',
    code: 'School code',
    county: 'County',
    stage: 'Stage',
    year: 'Academic year',
    rubric: 'Rubric',
    groupScore: (name: string) => `${name} score`,
    base: 'Base score',
    bonus: 'Bonus',
    deductions: 'Deductions',
    cap: (x: string) => `cap ${x}`,
    each: (x: string) => `${x} each`,
    notApplicable: 'not applicable',
    total: 'Total',
    max: 'Applicable maximum',
    normalized: 'Normalized score',
    selfTotal: 'Self-score total',
    veto: 'Veto',
    triggered: 'triggered',
    notTriggered: 'not triggered',
    level: 'Level',
    noLevel: 'none reached',
    basis: { normalized: 'by normalized score', total: 'by total' },
    deniedBy: (ids: string) => `denied by ${ids}`,
  },
};

/** ✓ full points, ✗ short of them, — when no check of the 要点 applies (不适用). */
const NONE = '—';

const checksText = (checks: SheetCheck[], lang: Lang): string =>
  checks.map((c) => `${c.id} ${inLang(c.reason, lang)}`).join(T[lang].sep);

function itemRow(b: SheetIndicator, item: SheetItem, first: boolean, groupName: string, options: RenderOptions) {
  const { lang } = options;
  const t = T[lang];
  const none = item.checks.every((c) => !c.applicable);
  const row: CsvCell[] = [
    b.group,
    groupName,
    b.id,
    inLang(b.name, lang),
    first ? b.points : null,
    first ? b.max : null,
    first ? b.selfScore : null,
    first && b.overclaim ? t.yes : null,
    first ? b.score : null,
    item.id,
    inLang(item.text, lang),
    item.points,
    none ? NONE : item.max,
    none ? NONE : item.score,
    none ? NONE : item.score < item.max ? '✗' : '✓',
    checksText(
      item.checks.filter((c) => c.applicable && !c.passed),
      lang,
    ),
    checksText(
      item.checks.filter((c) => !c.applicable),
      lang,
    ),
  ];
  if (options.details)
    row.push(
      checksText(
        item.checks.filter((c) => c.applicable && c.passed),
        lang,
      ),
    );
  return row;
}

/**
 * 加分 or 扣分: the section's total (with its cap), then each item with its score and reason. 扣分 are
 * written as negative numbers (−2), so that 基础得分, 加分 and 扣分 add up to 得分合计 in a spreadsheet.
 */
function extraRows(x: SheetExtras | null, title: string, sign: 1 | -1, lang: Lang): CsvCell[][] {
  if (!x) return [];
  const t = T[lang];
  // 0, never -0: the same cell as any other zero.
  const signed = (points: number) => (points === 0 ? 0 : sign * points);
  return [
    [title, signed(x.total), t.cap(pointsText(x.cap))],
    ...x.items.map((i): CsvCell[] => [
      `${title} ${i.id} ${inLang(i.label, lang)}`,
      i.applicable ? signed(i.score) : t.notApplicable,
      [...(i.perUnit ? [t.each(pointsText(i.points))] : []), inLang(i.reason, lang)].join(t.sep),
    ]),
  ];
}

/** The school, the 一级指标 scores and the totals, as label–value rows below the 要点. */
function footRows(sheet: Sheet, lang: Lang): CsvCell[][] {
  const t = T[lang];
  const rows: CsvCell[][] = [
    [t.school, sheet.school.name],
    [t.code, sheet.school.code],
    [t.county, sheet.school.county],
    [t.stage, STAGE_LABELS[sheet.school.stage][lang]],
    [t.year, sheet.school.year],
    [t.rubric, inLang(sheet.rubric.name, lang)],
    ...sheet.groups.map((g): CsvCell[] => [t.groupScore(`${g.id} ${inLang(g.name, lang)}`), g.score]),
  ];
  if (sheet.bonus || sheet.deductions) {
    rows.push([t.base, sheet.base]);
    rows.push(...extraRows(sheet.bonus, t.bonus, 1, lang), ...extraRows(sheet.deductions, t.deductions, -1, lang));
  }
  rows.push([t.total, sheet.total], [t.max, sheet.max], [t.normalized, sheet.normalized]);
  rows.push([t.selfTotal, sheet.selfTotal]);
  for (const v of sheet.vetoes)
    rows.push([
      `${t.veto} ${v.id} ${inLang(v.label, lang)}`,
      v.triggered ? t.triggered : t.notTriggered,
      inLang(v.reason, lang),
    ]);
  if (sheet.level) {
    const l = sheet.level;
    const note = [t.basis[l.basis], ...(l.deniedBy.length > 0 ? [t.deniedBy(l.deniedBy.join(t.list))] : [])];
    rows.push([t.level, l.name ? inLang(l.name, lang) : t.noLevel, note.join(t.sep)]);
  }
  return rows;
}

/** 复评: reviewer, date, the computed totals (those above are reviewed), and one row per adjustment. */
function reviewRows(sheet: Sheet, lang: Lang): CsvCell[][] {
  const r = sheet.review;
  if (!r) return [];
  const zh = lang === 'zh';
  return [
    [zh ? '复评人' : 'Reviewer', r.reviewer],
    [zh ? '复评日期' : 'Review date', r.date],
    [zh ? '计算得分合计（复评前）' : 'Computed total (before review)', r.computed.total],
    [zh ? '计算折算分（复评前）' : 'Computed normalized score (before review)', r.computed.normalized],
    ...r.adjustments.map((a): CsvCell[] => [
      `${zh ? '复评' : 'Review'} ${a.id} ${inLang(a.label, lang)}`,
      adjustmentChange(a, lang),
      a.reason,
    ]),
  ];
}

export function renderSheetCsv(sheet: Sheet, options: RenderOptions): string {
  const { lang } = options;
  const t = T[lang];
  const groupNames = new Map(sheet.groups.map((g) => [g.id, inLang(g.name, lang)]));
  const rows: CsvCell[][] = [options.details ? [...t.head, t.passedHead] : t.head];
  for (const b of sheet.indicators)
    b.items.forEach((item, k) => {
      rows.push(itemRow(b, item, k === 0, groupNames.get(b.group) ?? '', options));
    });
  rows.push([], ...footRows(sheet, lang), ...reviewRows(sheet, lang));
  rows.push(...gainRows(sheet, lang));
  return csvText(rows);
}

/**
 * Points to gain, most first, as label–value rows after an empty row: the fix in the first column, the points
 * it adds in the second (a number, outside the columns that add up), its reason in the third.
 */
function gainRows(sheet: Sheet, lang: Lang): CsvCell[][] {
  if (sheet.gains.length === 0 && !sheet.nextLevel) return [];
  const g = GAIN_TEXTS[lang];
  const rows: CsvCell[][] = [[], [g.title, g.head[0] ?? '', g.head[3] ?? '']];
  for (const x of sheet.gains)
    rows.push([`${g.kind[x.kind]}${x.id} ${inLang(x.label, lang)}`, x.points, inLang(x.reason, lang)]);
  if (sheet.nextLevel)
    rows.push([
      lang === 'zh' ? '下一等级' : 'Next level',
      inLang(sheet.nextLevel.name, lang),
      nextLevelText(sheet, sheet.nextLevel, lang),
    ]);
  return rows;
}
