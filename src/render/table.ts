// The sheet as the attachment prints it: 一级指标 · 二级指标 · 评估内容 · 分值 · 自评 · 得分, one row per 要点,
// each failed check's reason under its row.

import { escapeText, textLines } from '../base/escape.js';
import { centsText } from '../base/exact.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import type { Sheet, SheetCheck, SheetExtras, SheetItem } from '../report/sheet.js';
import { citationText, GAIN_TEXTS, gainLine, nextLevelText } from './gains.js';
import { type Row, renderGrid } from './grid.js';
import { reviewLines } from './review.js';
import { widestWord, width, wrap } from './text.js';
import { inLang, pointsText, type RenderOptions, type SheetRenderer, textOf } from './types.js';
import { extraAmount, extrasHeading } from './words.js';

const HEAD = {
  zh: ['一级指标', '二级指标', '评估内容', '分值', '自评', '得分'],
  en: ['Level 1', 'Level 2', 'Content', 'Pts', 'Self', 'Score'],
};
const T = {
  zh: {
    total: '合计',
    max: '应得满分',
    normalized: '折算分',
    overclaim: '自评高于核定得分',
    notApplicable: '不适用',
    applicable: (max: string, total: string, off: string) =>
      `分值为适用于本校的分值：细则满分 ${total}，其中 ${off} 分的要点不适用，应得满分 ${max}`,
  },
  en: {
    total: 'Total',
    max: 'applicable maximum',
    normalized: 'normalized',
    overclaim: 'self-score above the computed score',
    notApplicable: 'not applicable',
    applicable: (max: string, total: string, off: string) =>
      `Pts are the points that apply to this school: the rubric's ${total}, less ${off} for items that do not apply, is ${max}`,
  },
};

/** Borders and padding of a six-column grid: seven rules and a space either side of each cell. */
const FRAME = 7 + 2 * 6;
/** 分值, 自评, 得分: wide enough for "54.25" and for the English headings. */
const NUMBER = 5;
/** 评估内容 no narrower than this (a narrower table overflows the width rather than read as a column of stubs). */
const MIN_CONTENT = 20;
/** …and no wider: longer lines are harder to read than more of them. */
const MAX_CONTENT = 90;

/**
 * The widest word of a column's texts, between `min` and `max`; an ASCII word (English names) is never broken,
 * so the widest of those sets the width even beyond `max` (up to LONGEST_WORD).
 */
function columnWidth(texts: string[], min: number, max: number): number {
  const words = texts.flatMap((t) => t.split(/[\s\n]+/));
  return Math.max(min, Math.min(max, Math.max(0, ...words.map(width))), widestWord(texts));
}

/** Column widths for a table `total` columns wide (README: 终端宽度 · Terminal width). */
export function sheetWidths(sheet: Sheet, lang: 'zh' | 'en', total: number): number[] {
  const group = columnWidth([HEAD[lang][0] ?? '', ...sheet.groups.map((g) => inLang(g.name, lang))], 6, 12);
  const indicator = columnWidth([HEAD[lang][1] ?? '', ...sheet.indicators.map((b) => inLang(b.name, lang))], 6, 12);
  const content = Math.max(MIN_CONTENT, Math.min(MAX_CONTENT, total - FRAME - group - indicator - 3 * NUMBER));
  return [group, indicator, content, NUMBER, NUMBER, NUMBER];
}

function checkRow(sheet: Sheet, c: SheetCheck, options: RenderOptions): Row {
  const mark = !c.applicable ? '–' : c.passed ? '✓' : '✗';
  // The reason carries the numbers and names the fact; the check's label would only repeat it.
  const paint = !c.applicable || c.passed ? options.paint.dim : options.paint.red;
  return {
    cells: [
      { text: '' },
      { text: '' },
      {
        text: `  ${mark} ${c.id} ${textOf(c.reason, options.lang)}${escapeText(citationText(sheet, c.cites, options.lang))}`,
        span: 4,
        hang: 4,
        paint,
      },
    ],
  };
}

/** A 要点 inside 评估内容: ✓ or ✗, its number and text, and what it earned of the points that apply to it. */
function itemText(item: SheetItem, lang: 'zh' | 'en'): string {
  const none = item.checks.every((c) => !c.applicable);
  const number = item.id.replace(/^[^.]*\./, '');
  const mark = none ? '–' : item.score < item.max ? '✗' : '✓';
  const earned = none ? T[lang].notApplicable : `${pointsText(item.score)}/${pointsText(item.max)}`;
  return `${mark} ${number}. ${textOf(item.text, lang)}${lang === 'zh' ? `（${earned}）` : ` (${earned})`}`;
}

/** 加分, 扣分, 一票否决 and 等级, each item with its reason: only for rubrics that declare them. */
function extraLines(sheet: Sheet, options: RenderOptions): string[] {
  const wrapLine = fitTo(options.width);
  const zh = options.lang === 'zh';
  const out: string[] = [];
  const section = (x: SheetExtras | null, sign: '+' | '−', title: { zh: string; en: string }) => {
    if (!x) return;
    out.push(options.paint.bold(extrasHeading(x, sign, title, options.lang)));
    for (const i of x.items) {
      const mark = !i.applicable ? '–' : i.score > 0 ? sign : '·';
      const amount = extraAmount(i, sign, options.lang);
      const line = wrapLine(
        `  ${mark} ${i.id} ${textOf(i.label, options.lang)}${zh ? `（${amount}）：` : ` (${amount}): `}${textOf(i.reason, options.lang)}`,
        4,
      );
      out.push(i.score > 0 ? line : options.paint.dim(line));
    }
  };
  section(sheet.bonus, '+', { zh: '加分', en: 'Bonus' });
  section(sheet.deductions, '−', { zh: '扣分', en: 'Deductions' });
  if (sheet.vetoes.length > 0) {
    out.push(options.paint.bold(zh ? '一票否决' : 'Vetoes'));
    for (const v of sheet.vetoes) {
      const denies =
        v.denies === 'all' ? (zh ? '全部等级' : 'every level') : escapeText(v.denies.join(zh ? '、' : ', '));
      const state = v.triggered
        ? zh
          ? `触发，否决${denies}`
          : `triggered, denies ${denies}`
        : zh
          ? '未触发'
          : 'not triggered';
      const line = wrapLine(
        `  ${v.triggered ? '✗' : '✓'} ${v.id} ${textOf(v.label, options.lang)}${zh ? `（${state}）：` : ` (${state}): `}${textOf(v.reason, options.lang)}`,
        4,
      );
      out.push(v.triggered ? options.paint.red(line) : options.paint.dim(line));
    }
  }
  if (sheet.level) {
    const name = sheet.level.name ? textOf(sheet.level.name, options.lang) : zh ? '未达到任何等级' : 'none';
    const basis = sheet.level.basis === 'total' ? (zh ? '总分' : 'total') : zh ? '折算分' : 'normalized';
    const by =
      sheet.level.deniedBy.length > 0
        ? zh
          ? `；被一票否决：${escapeText(sheet.level.deniedBy.join('、'))}`
          : `; denied by ${escapeText(sheet.level.deniedBy.join(', '))}`
        : '';
    out.push(
      options.paint.bold(wrapLine(zh ? `等级：${name}（按${basis}${by}）` : `Level: ${name} (by ${basis}${by})`)),
    );
  }
  return out;
}

/** A line of text outside the grid, wrapped to the table's width; lines after the first indented by `hang`. */
const fitTo =
  (columns: number) =>
  (text: string, hang = 0): string =>
    wrap(text, columns, hang);

export const renderTable: SheetRenderer = (sheet, options) => {
  const wrapLine = fitTo(options.width);
  const lang = options.lang;
  const t = T[lang];
  const rows: Row[] = [{ cells: HEAD[lang].map((text) => ({ text, paint: options.paint.bold })) }];
  // As the attachment: 分值 · 自评 · 得分 once per 二级指标, beside all its 要点; each 要点 with what it earned.
  for (const g of sheet.groups) {
    rows.push({ rule: true });
    sheet.indicators
      .filter((b) => b.group === g.id)
      .forEach((b, bi) => {
        if (bi > 0) rows.push({ rule: true, indent: 1 });
        const none = b.items.every((i) => i.checks.every((c) => !c.applicable));
        b.items.forEach((item, k) => {
          const lost = item.score < item.max;
          const first = k === 0;
          rows.push({
            cells: [
              { text: bi === 0 && first ? `${g.id}\n${textOf(g.name, lang)}\n(${pointsText(g.max)})` : '' },
              { text: first ? `${b.id}\n${textOf(b.name, lang)}` : '' },
              { text: itemText(item, lang), hang: 2, ...(lost ? { paint: options.paint.yellow } : {}) },
              { text: first ? (none ? '—' : pointsText(b.max)) : '' },
              {
                text: first && b.selfScore !== null ? pointsText(b.selfScore) : '',
                ...(b.overclaim ? { paint: options.paint.red } : {}),
              },
              {
                text: first ? (none ? '—' : pointsText(b.score)) : '',
                ...(b.score < b.max ? { paint: options.paint.yellow } : {}),
              },
            ],
          });
          // Every lost point has its reason: a failed check's, or (a tier below the top, say) a passed one's.
          const failed = item.checks.some((c) => c.applicable && !c.passed);
          const explains = (c: SheetCheck) => !c.applicable || !c.passed || (lost && !failed);
          for (const c of item.checks.filter((x) => options.details || explains(x)))
            rows.push(checkRow(sheet, c, options));
        });
      });
  }
  rows.push({ rule: true });
  rows.push({
    cells: [
      { text: t.total, span: 3 },
      { text: pointsText(sheet.max) },
      { text: sheet.selfTotal === null ? '' : pointsText(sheet.selfTotal) },
      { text: pointsText(sheet.base), paint: options.paint.bold },
    ],
  });

  const s = {
    ...sheet.school,
    name: escapeText(sheet.school.name),
    county: escapeText(sheet.school.county),
    year: escapeText(sheet.school.year),
  };
  const stage = STAGE_LABELS[s.stage][lang];
  const title =
    lang === 'zh'
      ? `${s.name}（${s.county}，${stage}）${s.year} 学年`
      : `${s.name} (${s.county}, ${stage}), academic year ${s.year}`;
  const lines = [
    options.paint.bold(title),
    textOf(sheet.rubric.name, lang),
    renderGrid(sheetWidths(sheet, lang, options.width), rows),
  ];
  if (sheet.max < sheet.rubric.total)
    lines.push(
      wrapLine(
        t.applicable(pointsText(sheet.max), pointsText(sheet.rubric.total), pointsText(sheet.rubric.total - sheet.max)),
      ),
    );
  lines.push(
    wrapLine(
      sheet.groups
        .map((g) => `${g.id} ${textOf(g.name, lang)} ${pointsText(g.score)}/${pointsText(g.max)}`)
        .join(' · '),
    ),
  );
  lines.push(...extraLines(sheet, options));
  const sep = lang === 'zh' ? '，' : ', ';
  const withExtras = sheet.bonus || sheet.deductions;
  const summary = [
    ...(withExtras
      ? [
          options.lang === 'zh'
            ? `基础得分 ${centsText(Math.round(sheet.base * 100))}，加分 +${pointsText(sheet.bonus?.total ?? 0)}，扣分 −${pointsText(sheet.deductions?.total ?? 0)}`
            : `base ${centsText(Math.round(sheet.base * 100))}, bonus +${pointsText(sheet.bonus?.total ?? 0)}, deductions −${pointsText(sheet.deductions?.total ?? 0)}`,
        ]
      : []),
    `${t.total} ${centsText(Math.round(sheet.total * 100))}`,
    `${t.max} ${pointsText(sheet.max)}`,
    `${t.normalized} ${centsText(Math.round(sheet.normalized * 100))}`,
  ];
  lines.push(options.paint.bold(wrapLine(summary.join(sep))));
  // 复评: the figures above are the reviewed ones; the computed ones and each adjustment's reason follow.
  const [byline, ...adjusted] = reviewLines(sheet, lang, escapeText);
  if (byline) lines.push(options.paint.bold(wrapLine(byline)), ...adjusted.map((l) => wrapLine(l, 4)));
  for (const b of sheet.indicators.filter((x) => x.overclaim)) {
    const selfScore = pointsText(b.selfScore ?? 0);
    const name = textOf(b.name, lang);
    lines.push(
      options.paint.red(
        wrapLine(
          lang === 'zh'
            ? `⚠ ${b.id} ${name}：自评 ${selfScore} 分，核定得分 ${pointsText(b.score)} 分（${t.overclaim}）`
            : `⚠ ${b.id} ${name}: self-score ${selfScore}, computed ${pointsText(b.score)} (${t.overclaim})`,
          2,
        ),
      ),
    );
  }
  lines.push(...gainLines(sheet, options));
  return `${textLines(lines)}\n`;
};

/** Points to gain, most first, and the fewest fixes to the next level: after the totals. */
function gainLines(sheet: Sheet, options: RenderOptions): string[] {
  const lang = options.lang;
  if (sheet.gains.length === 0 && !sheet.nextLevel) return [];
  const out = [options.paint.bold(GAIN_TEXTS[lang].title)];
  const wide = Math.max(...sheet.gains.map((g) => `+${pointsText(g.points)}`.length));
  // Wrapped to the table's width, continuation lines under the label rather than under the points.
  for (const g of sheet.gains) {
    const [points = '', ...rest] = escapeText(gainLine(g, lang)).split(' ');
    out.push(wrap(`  ${points.padEnd(wide)} ${rest.join(' ')}`, options.width, wide + 3));
  }
  if (sheet.nextLevel)
    out.push(options.paint.bold(wrap(escapeText(nextLevelText(sheet, sheet.nextLevel, lang)), options.width, 2)));
  return out;
}
