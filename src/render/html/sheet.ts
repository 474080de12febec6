// One school's sheet as the attachment prints it: 一级指标 · 二级指标 · 评估内容 · 分值 · 自评 · 得分, the
// 一级指标 cell merged over its rows, the 二级指标 cell and its 分值, 自评 and 得分 merged over its 要点;
// each 要点 with ✓/✗, its own points and the reasons it lost points; totals, flags, the lines to sign,
// and a chart of attainment per 二级指标.
import { centsText } from '../../base/exact.js';
import { STAGE_LABELS } from '../../evidence/schema.js';
import type { Lang } from '../../i18n/messages.js';
import type { Sheet, SheetCheck, SheetExtras, SheetIndicator, SheetItem } from '../../report/sheet.js';
import { citationText, GAIN_TEXTS, nextLevelText } from '../gains.js';
import { adjustmentChange, REVIEW_TITLE, reviewByline, reviewTotals } from '../review.js';
import { inLang, pointsText } from '../types.js';
import { type Html, html, join } from './markup.js';
import { page } from './page.js';
import { barChart } from './svg.js';

const T = {
  zh: {
    head: ['一级指标', '二级指标', '评估内容', '分值', '自评', '得分'],
    info: { school: '学校', code: '学校标识码', county: '区县', stage: '学段', year: '学年' },
    pointsUnit: (p: string) => `（${p}分）`,
    applies: (p: string) => `适用 ${p}`,
    na: '不适用',
    naCheck: '（不适用）',
    total: '合计',
    sum: '得分合计',
    max: '应得满分',
    normalized: '折算分',
    base: '基础得分',
    bonus: '加分',
    deductions: '扣分',
    cap: (c: string) => `上限 ${c} 分`,
    each: (p: string) => `每个 ${p} 分`,
    vetoes: '一票否决',
    triggered: (d: string) => `触发，否决${d}`,
    notTriggered: '未触发',
    everyLevel: '全部等级',
    level: '等级',
    noLevel: '未达到任何等级',
    basis: (b: 'normalized' | 'total') => `按${b === 'total' ? '总分' : '折算分'}`,
    deniedBy: (ids: string) => `被一票否决：${ids}`,
    overclaim: '自评高于核定得分',
    high: '偏高',
    paren: (x: string) => `（${x}）`,
    overclaimLine: (id: string, name: string, self: string, score: string) =>
      `${id} ${name}：自评 ${self} 分，核定得分 ${score} 分（自评高于核定得分）`,
    extraHead: ['项目', '说明', '分值', '得分'],
    vetoHead: ['项目', '结果', '说明'],
    chart: '各二级指标得分率（得分 ÷ 适用分值）',
    sign: ['学校（盖章）＿＿＿＿＿＿', '填表人＿＿＿＿', '审核人＿＿＿＿', '日期＿＿＿＿＿＿'],
    sep: '、',
    colon: '：',
  },
  en: {
    head: ['Level 1', 'Level 2', 'Content', 'Pts', 'Self', 'Score'],
    info: { school: 'School', code: 'Code', county: 'County', stage: 'Stage', year: 'Year' },
    pointsUnit: (p: string) => `(${p} pts)`,
    applies: (p: string) => `applies ${p}`,
    na: 'n/a',
    naCheck: ' (n/a)',
    total: 'Total',
    sum: 'Total score',
    max: 'Applicable maximum',
    normalized: 'Normalized',
    base: 'Base',
    bonus: 'Bonus',
    deductions: 'Deductions',
    cap: (c: string) => `cap ${c}`,
    each: (p: string) => `${p} each`,
    vetoes: 'Vetoes',
    triggered: (d: string) => `triggered, denies ${d}`,
    notTriggered: 'not triggered',
    everyLevel: 'every level',
    level: 'Level',
    noLevel: 'none reached',
    basis: (b: 'normalized' | 'total') => `by ${b === 'total' ? 'total' : 'normalized score'}`,
    deniedBy: (ids: string) => `denied by ${ids}`,
    overclaim: 'self-score above the computed score',
    high: 'high',
    paren: (x: string) => ` (${x})`,
    overclaimLine: (id: string, name: string, self: string, score: string) =>
      `${id} ${name}: self-score ${self}, computed ${score} (self-score above the computed score)`,
    extraHead: ['Item', 'Reason', 'Pts', 'Score'],
    vetoHead: ['Item', 'Result', 'Reason'],
    chart: 'Attainment per indicator (score ÷ applicable points)',
    sign: ['School (seal) ________', 'Filled in by ______', 'Reviewed by ______', 'Date ________'],
    sep: ', ',
    colon: ': ',
  },
};
type Texts = (typeof T)['zh'];

const cents = (x: number): number => Math.round(x * 100);
/** Half up, in integers. */
const divRound = (a: number, b: number): number => (b === 0 ? 0 : Math.floor((2 * a + b) / (2 * b)));
/** score ÷ max as a percentage with at most two decimals, from the shown hundredths. */
export const percentText = (score: number, max: number): string =>
  `${pointsText(divRound(cents(score) * 10000, cents(max)) / 100)}%`;

function checkLine(c: SheetCheck, lang: Lang, t: Texts, sheet: Sheet): Html {
  if (!c.applicable)
    return html`<li class="muted"><span class="mark">–</span>${c.id}${t.naCheck} ${inLang(c.reason, lang)}</li>`;
  if (c.passed) return html`<li class="muted"><span class="mark">✓</span>${c.id} ${inLang(c.reason, lang)}</li>`;
  const cite = citationText(sheet, c.cites, lang);
  return html`<li class="lost"><span class="mark">✗</span>${c.id} ${inLang(c.reason, lang)}${cite ? html`<span class="cite">${cite}</span>` : ''}</li>`;
}

/** A 要点 inside 评估内容: mark, number and text, its own points, then why it lost points. */
function itemContent(item: SheetItem, lang: Lang, details: boolean, t: Texts, sheet: Sheet): Html {
  const none = item.checks.every((c) => !c.applicable);
  const full = !none && item.score >= item.max;
  const mark = none ? '—' : full ? '✓' : '✗';
  const number = item.id.replace(/^[^.]*\./, '');
  const points = none ? t.na : `${pointsText(item.score)}/${pointsText(item.max)}`;
  // Points lost with every check passed (a graded check): its reasons say how far it got.
  const unexplained = !none && !full && item.checks.every((c) => !c.applicable || c.passed);
  const shown = item.checks.filter((c) => details || unexplained || !c.applicable || !c.passed);
  return html`<div class="item${full || none ? '' : ' lost'}"><p><span class="mark">${mark}</span>${number}. ${inLang(item.text, lang)}<span class="item-points">${t.paren(points)}</span></p>${
    shown.length > 0 ? html`<ul class="reasons">${shown.map((c) => checkLine(c, lang, t, sheet))}</ul>` : ''
  }</div>`;
}

function pointsCell(points: number, max: number, span: number, t: Texts): Html {
  return html`<td class="num"${span > 1 ? html` rowspan="${span}"` : ''}>${pointsText(points)}${max !== points ? html`<br/><span class="small">${t.applies(pointsText(max))}</span>` : ''}</td>`;
}

/**
 * A 二级指标's rows, one per 要点: the 二级指标 cell and its 分值 · 自评 · 得分 merged over them (the form has
 * one cell of each per 二级指标), the 一级指标 cell (merged over its group) before the first.
 */
function indicatorRows(
  b: SheetIndicator,
  groupCell: Html | null,
  lang: Lang,
  details: boolean,
  t: Texts,
  sheet: Sheet,
): Html {
  const span = Math.max(1, b.items.length);
  const self =
    b.selfScore === null
      ? ''
      : b.overclaim
        ? html`${pointsText(b.selfScore)}<br/><span class="flag small" title="${t.overclaim}">⚠ ${t.high}</span>`
        : pointsText(b.selfScore);
  const rowspan = span > 1 ? html` rowspan="${span}"` : '';
  const merged = html`<td class="indicator"${rowspan}><span class="id">${b.id}</span>${inLang(b.name, lang)}</td>`;
  const perIndicator = html`${pointsCell(b.points, b.max, span, t)}<td class="num"${rowspan}>${self}</td><td class="num score"${rowspan}><b>${pointsText(b.score)}</b></td>`;
  const items = b.items.length > 0 ? b.items : [null];
  return join(
    items.map(
      (item, k) =>
        html`<tr${k === 0 && groupCell ? html` class="group-start"` : ''}>${k === 0 ? html`${groupCell}${merged}` : ''}<td>${item ? itemContent(item, lang, details, t, sheet) : ''}</td>${k === 0 ? perIndicator : ''}</tr>
`,
    ),
  );
}

function extrasTable(x: SheetExtras, sign: '+' | '−', title: string, lang: Lang, t: Texts): Html {
  const rows = x.items.map((i) => {
    const amount = `${sign}${pointsText(i.score)}`;
    // A per-unit deduction's points are per unit, not a ceiling.
    const points = i.perUnit ? t.each(pointsText(i.points)) : pointsText(i.points);
    return html`<tr><td>${i.id} ${inLang(i.label, lang)}</td><td>${i.applicable ? '' : html`${t.na}${t.colon}`}${inLang(i.reason, lang)}</td><td class="num">${points}</td><td class="num">${amount}</td></tr>`;
  });
  return html`<div class="keep"><h3>${title}${t.paren(t.cap(pointsText(x.cap)))}${t.colon}${sign}${pointsText(x.total)}</h3><table><colgroup><col style="width:30%"/><col/><col style="width:14%"/><col style="width:10%"/></colgroup><thead><tr>${t.extraHead.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function extrasPart(sheet: Sheet, lang: Lang, t: Texts): Html {
  const parts: Html[] = [];
  if (sheet.bonus) parts.push(extrasTable(sheet.bonus, '+', t.bonus, lang, t));
  if (sheet.deductions) parts.push(extrasTable(sheet.deductions, '−', t.deductions, lang, t));
  if (sheet.vetoes.length > 0) {
    const rows = sheet.vetoes.map((v) => {
      const denies = v.denies === 'all' ? t.everyLevel : v.denies.join(t.sep);
      return html`<tr${v.triggered ? html` class="lost"` : ''}><td>${v.id} ${inLang(v.label, lang)}</td><td><span class="mark">${v.triggered ? '✗' : '✓'}</span>${v.triggered ? t.triggered(denies) : t.notTriggered}</td><td>${inLang(v.reason, lang)}</td></tr>`;
    });
    parts.push(
      html`<div class="keep"><h3>${t.vetoes}</h3><table><colgroup><col style="width:30%"/><col style="width:25%"/><col/></colgroup><thead><tr>${t.vetoHead.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`,
    );
  }
  if (sheet.level) {
    const l = sheet.level;
    const name = l.name ? inLang(l.name, lang) : t.noLevel;
    const notes = [t.basis(l.basis), ...(l.deniedBy.length > 0 ? [t.deniedBy(l.deniedBy.join(t.sep))] : [])];
    parts.push(
      html`<p class="totals"><b>${t.level}${t.colon}${name}</b>${t.paren(notes.join(lang === 'zh' ? '；' : '; '))}</p>`,
    );
  }
  return join(parts);
}

/** Points to gain, most first, and the fewest fixes to the next level. */
function gainsPart(sheet: Sheet, lang: Lang): Html {
  if (sheet.gains.length === 0 && !sheet.nextLevel) return html``;
  const g = GAIN_TEXTS[lang];
  const rows = sheet.gains.map(
    (x) =>
      html`<tr><td class="num">+${pointsText(x.points)}</td><td>${g.kind[x.kind]}${x.id} ${inLang(x.label, lang)}</td><td>${inLang(x.reason, lang)}${citationText(sheet, x.cites, lang)}</td></tr>`,
  );
  const table =
    rows.length > 0
      ? html`<table class="gains"><colgroup><col style="width:9%"/><col style="width:33%"/><col/></colgroup><thead><tr><th>${g.head[0]}</th><th>${g.head[2]}</th><th>${g.head[3]}</th></tr></thead><tbody>${rows}</tbody></table>`
      : '';
  const next = sheet.nextLevel ? html`<p class="totals"><b>${nextLevelText(sheet, sheet.nextLevel, lang)}</b></p>` : '';
  return html`<div class="keep gains"><h3>${g.title}</h3>${table}${next}</div>`;
}

export interface SheetPlacement {
  /** The sheet's heading: h1 for a sheet on its own, h2 inside a report. */
  heading: 'h1' | 'h2';
  /** An in-page anchor (ours: school-1, school-2…), or none. */
  anchor: string | null;
  /** A page break before it: every school of a report. */
  pageBreak: boolean;
}

export function sheetSection(sheet: Sheet, lang: Lang, details: boolean, placement: SheetPlacement): Html {
  const t = T[lang];
  const s = sheet.school;
  const info = [
    html`<span>${t.info.school}${t.colon}<b>${s.name}</b></span>`,
    s.code === null ? '' : html`<span>${t.info.code}${t.colon}${s.code}</span>`,
    html`<span>${t.info.county}${t.colon}${s.county}</span>`,
    html`<span>${t.info.stage}${t.colon}${STAGE_LABELS[s.stage][lang]}</span>`,
    html`<span>${t.info.year}${t.colon}${s.year}</span>`,
  ];
  const rows = sheet.groups.map((g) => {
    const mine = sheet.indicators.filter((b) => b.group === g.id);
    const span = mine.reduce((n, b) => n + Math.max(1, b.items.length), 0);
    const groupCell = html`<td class="group" rowspan="${Math.max(1, span)}"><span class="id">${g.id}</span>${inLang(g.name, lang)}<br/><span class="small">${t.pointsUnit(pointsText(g.points))}</span></td>`;
    return join(mine.map((b, k) => indicatorRows(b, k === 0 ? groupCell : null, lang, details, t, sheet)));
  });
  const totalRow = html`<tr class="total"><td colspan="3" class="r">${t.total}</td>${pointsCell(sheet.rubric.total, sheet.max, 1, t)}<td class="num">${sheet.selfTotal === null ? '' : pointsText(sheet.selfTotal)}</td><td class="num">${pointsText(sheet.base)}</td></tr>`;
  const withExtras = sheet.bonus !== null || sheet.deductions !== null;
  const totals = [
    ...(withExtras
      ? [
          html`<span>${t.base} ${centsText(cents(sheet.base))}</span>`,
          html`<span>${t.bonus} +${pointsText(sheet.bonus?.total ?? 0)}</span>`,
          html`<span>${t.deductions} −${pointsText(sheet.deductions?.total ?? 0)}</span>`,
        ]
      : []),
    html`<span>${t.sum} <b>${centsText(cents(sheet.total))}</b></span>`,
    html`<span>${t.max} <b>${pointsText(sheet.max)}</b></span>`,
    html`<span>${t.normalized} <b>${centsText(cents(sheet.normalized))}</b></span>`,
  ];
  const groupsLine = sheet.groups.map(
    (g) => `${g.id} ${inLang(g.name, lang)} ${pointsText(g.score)}/${pointsText(g.max)}`,
  );
  const flags = sheet.indicators
    .filter((b) => b.overclaim)
    .map(
      (b) =>
        html`<p class="flag">⚠ ${t.overclaimLine(b.id, inLang(b.name, lang), pointsText(b.selfScore ?? 0), pointsText(b.score))}</p>`,
    );
  const chart = barChart({
    title: t.chart,
    series: [t.chart],
    none: t.na,
    ticks: ['0%', '25%', '50%', '75%', '100%'],
    rows: sheet.indicators.map((b) => ({
      label: `${b.id} ${inLang(b.name, lang)}`,
      values: [
        b.max > 0
          ? {
              fraction: cents(b.score) / cents(b.max),
              text: `${percentText(b.score, b.max)}${t.paren(`${pointsText(b.score)}/${pointsText(b.max)}`)}`,
            }
          : null,
      ],
    })),
  });
  const classes = ['sheet', ...(placement.pageBreak ? ['school'] : [])].join(' ');
  const name = inLang(sheet.rubric.name, lang);
  const title =
    placement.heading === 'h1'
      ? html`<h1 class="sheet-title">${name}</h1>`
      : html`<h2 class="sheet-title">${name}</h2>`;
  // English names of 一级指标 and 二级指标 (Home–school communication) need wider columns than the Chinese: no
  // word of theirs is split across lines at A4 width (test/formats/html-browser.test.ts).
  return html`<section class="${classes}"${placement.anchor === null ? '' : html` id="${placement.anchor}"`}>
${title}
<p class="school-info">${info}</p>
<table class="form">
<colgroup><col style="width:${lang === 'zh' ? '11%' : '14%'}"/><col style="width:${lang === 'zh' ? '12%' : '16%'}"/><col/><col style="width:8%"/><col style="width:9%"/><col style="width:8%"/></colgroup>
<thead><tr>${t.head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>
${rows}${totalRow}
</tbody>
</table>
<p class="totals">${totals}</p>
<p class="small">${groupsLine.join(' · ')}</p>
${flags}${extrasPart(sheet, lang, t)}${reviewPart(sheet, lang)}
${gainsPart(sheet, lang)}
<h3>${t.chart}</h3>
${chart}
<p class="sign">${t.sign.map((x) => html`<span>${x}</span>`)}</p>
</section>
`;
}

/** 复评: who and when, computed → reviewed totals (the form above shows reviewed figures), each reason. */
function reviewPart(sheet: Sheet, lang: Lang): Html {
  const r = sheet.review;
  if (!r) return html``;
  const same = (s: string) => s;
  const head = lang === 'zh' ? ['编号', '评估内容', '改判', '理由'] : ['ID', 'Content', 'Change', 'Reason'];
  const rows = r.adjustments.map(
    (a) =>
      html`<tr><td>${a.id}</td><td>${inLang(a.label, lang)}</td><td>${adjustmentChange(a, lang)}</td><td>${a.reason}</td></tr>`,
  );
  return html`<div class="keep review"><h3>${REVIEW_TITLE[lang]}</h3>
<p>${reviewByline(r, lang, same)}${lang === 'zh' ? '。' : '. '}<strong>${reviewTotals(sheet, r, lang)}</strong></p>
<table><colgroup><col style="width:10%"/><col style="width:30%"/><col style="width:24%"/><col/></colgroup><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
`;
}

/** A sheet on its own: the whole document. */
export const sheetDocument = (sheet: Sheet, lang: Lang, details: boolean): string =>
  page(
    lang,
    `${sheet.school.name} · ${inLang(sheet.rubric.name, lang)}`,
    sheetSection(sheet, lang, details, { heading: 'h1', anchor: null, pageBreak: false }),
  ).text;
