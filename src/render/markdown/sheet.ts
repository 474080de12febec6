// A school's sheet as GitHub-flavoured Markdown, for a pull-request comment or a job summary: the title, the
// total line, one table row per 二级指标 (the attachment gives 分值, 自评 and 得分 per 二级指标), then each
// 要点 that lost points with the reasons of its failed checks.

import { markdownLines } from '../../base/escape.js';
import { centsText } from '../../base/exact.js';
import { STAGE_LABELS } from '../../evidence/schema.js';
import type { Lang } from '../../i18n/messages.js';
import type { Sheet, SheetCheck, SheetExtras, SheetIndicator, SheetItem } from '../../report/sheet.js';
import { citationText, GAIN_TEXTS, nextLevelText } from '../gains.js';
import { adjustmentLine, REVIEW_TITLE, reviewByline, reviewTotals } from '../review.js';
import { pointsText, type RenderOptions, type SheetRenderer } from '../types.js';
import { extraAmount, extrasHeading } from '../words.js';
import { md, mdText, table } from './common.js';

/** A total or 折算分 as the other formats write it: two decimals. */
const cents = (x: number) => centsText(Math.round(x * 100));

const T = {
  zh: {
    title: (name: string, county: string, stage: string, year: string) => `${name}（${county}，${stage}）${year} 学年`,
    rubric: (name: string) => `评分细则：${name}`,
    code: (code: string) => `学校标识码 ${code}`,
    head: ['一级指标', '二级指标', '分值', '自评', '得分'],
    total: '合计',
    applies: (points: string, max: string) => `${points}（适用 ${max}）`,
    totalLine: (total: string, max: string, normalized: string) =>
      `得分合计 ${total} / 应得满分 ${max}，折算分 ${normalized}`,
    selfTotal: (x: string) => `（自评合计 ${x}）`,
    base: (base: string, bonus: string, deductions: string) => `基础得分 ${base}，加分 +${bonus}，扣分 −${deductions}`,
    legend: '✓ 得满分 · ⚠ 自评高于核定得分 · — 不适用',
    overclaimTitle: '⚠ 自评高于核定得分',
    overclaim: (b: string, self: string, score: string) => `${b}：自评 ${self} 分，核定得分 ${score} 分`,
    lostTitle: '失分原因',
    noLoss: '没有失分。',
    earned: (score: string, max: string) => `得 ${score} / ${max} 分`,
    partly: (points: string, max: string) => `；分值 ${points}，适用 ${max}`,
    na: '不适用',
    naTitle: '不适用的要点',
    fullTitle: (n: number) => `得满分的要点（${n} 项）`,
    sep: '：',
    list: '；',
  },
  en: {
    title: (name: string, county: string, stage: string, year: string) =>
      `${name} (${county}, ${stage}), academic year ${year}`,
    rubric: (name: string) => `Rubric: ${name}`,
    code: (code: string) => `school code ${code}`,
    head: ['Level 1', 'Level 2', 'Points', 'Self', 'Score'],
    total: 'Total',
    applies: (points: string, max: string) => `${points} (applies: ${max})`,
    totalLine: (total: string, max: string, normalized: string) =>
      `Total ${total} / applicable maximum ${max}, normalized ${normalized}`,
    selfTotal: (x: string) => ` (self-score ${x})`,
    base: (base: string, bonus: string, deductions: string) =>
      `base ${base}, bonus +${bonus}, deductions −${deductions}`,
    legend: '✓ full points · ⚠ self-score above the computed score · — not applicable',
    overclaimTitle: '⚠ Self-score above the computed score',
    overclaim: (b: string, self: string, score: string) => `${b}: self-score ${self}, computed ${score}`,
    lostTitle: 'Points lost',
    noLoss: 'No points lost.',
    earned: (score: string, max: string) => `${score}/${max} points`,
    partly: (points: string, max: string) => `; points ${points}, applicable ${max}`,
    na: 'not applicable',
    naTitle: 'Not applicable',
    fullTitle: (n: number) => `Full points (${n})`,
    sep: ': ',
    list: '; ',
  },
};

/** A parenthesis as each language writes it. */
const paren = (x: string, lang: Lang) => (lang === 'zh' ? `（${x}）` : ` (${x})`);

/** 分值 of a row: the rubric's points, and the points that apply where fewer do. */
function pointsCell(points: number, max: number, lang: Lang): string {
  return max === points ? pointsText(points) : T[lang].applies(pointsText(points), pointsText(max));
}

function indicatorRow(b: SheetIndicator, first: string, lang: Lang): string[] {
  const self = b.selfScore === null ? '' : `${pointsText(b.selfScore)}${b.overclaim ? ' ⚠' : ''}`;
  const score = b.max === 0 ? '—' : `${pointsText(b.score)}${b.score === b.max ? ' ✓' : ''}`;
  return [first, `${md(b.id)} ${mdText(b.name, lang)}`, pointsCell(b.points, b.max, lang), self, score];
}

function checkLine(sheet: Sheet, c: SheetCheck, lang: Lang): string {
  const t = T[lang];
  if (!c.applicable) return `  - – ${md(c.id)} ${t.na}${t.sep}${mdText(c.reason, lang)}`;
  return `  - ${c.passed ? '✓' : '✗'} ${md(c.id)} ${mdText(c.reason, lang)}${md(citationText(sheet, c.cites, lang))}`;
}

/** Points to gain as a table, most first, and the fewest fixes to the next level. */
function gainLines(sheet: Sheet, lang: Lang): string[] {
  if (sheet.gains.length === 0 && !sheet.nextLevel) return [];
  const g = GAIN_TEXTS[lang];
  const rows = sheet.gains.map((x) => [
    `+${pointsText(x.points)}`,
    `${g.kind[x.kind]}${md(x.id)}`,
    mdText(x.label, lang),
  ]);
  const out = ['', `### ${g.title}`, ''];
  if (rows.length > 0) out.push(...table(g.head.slice(0, 3), ['right', 'left', 'left'], rows));
  if (sheet.nextLevel) out.push('', `**${md(nextLevelText(sheet, sheet.nextLevel, lang))}**`);
  return out;
}

const hasLoss = (i: SheetItem) => i.score < i.max || i.checks.some((c) => c.applicable && !c.passed);
const notApplicable = (i: SheetItem) => i.checks.every((c) => !c.applicable);

/** A 要点 with what it earned of its points, then its checks: failed and not applicable, passed with details. */
function itemLines(sheet: Sheet, i: SheetItem, options: RenderOptions): string[] {
  const t = T[options.lang];
  const earned = `${t.earned(pointsText(i.score), pointsText(i.max))}${i.max === i.points ? '' : t.partly(pointsText(i.points), pointsText(i.max))}`;
  // A 要点 short of its points with no failed check (a tier reached below the top) shows its passed checks:
  // their reasons say why.
  const why = i.score < i.max && !i.checks.some((c) => c.applicable && !c.passed);
  const checks = i.checks.filter((c) => options.details || why || !c.applicable || !c.passed);
  return [
    `- **${md(i.id)}** ${mdText(i.text, options.lang)}${paren(earned, options.lang)}`,
    ...checks.map((c) => checkLine(sheet, c, options.lang)),
  ];
}

/** 加分, 扣分, 一票否决 and 等级, each item with its reason: only for rubrics that declare them. */
function extraLines(sheet: Sheet, lang: Lang): string[] {
  const zh = lang === 'zh';
  const sep = T[lang].sep;
  const out: string[] = [];
  const section = (x: SheetExtras | null, sign: '+' | '−', title: { zh: string; en: string }) => {
    if (!x) return;
    out.push('', `### ${extrasHeading(x, sign, title, lang)}`, '');
    for (const i of x.items) {
      const mark = !i.applicable ? '–' : i.score > 0 ? sign : '·';
      const amount = extraAmount(i, sign, lang);
      out.push(`- ${mark} ${md(i.id)} ${mdText(i.label, lang)}${paren(amount, lang)}${sep}${mdText(i.reason, lang)}`);
    }
  };
  section(sheet.bonus, '+', { zh: '加分', en: 'Bonus' });
  section(sheet.deductions, '−', { zh: '扣分', en: 'Deductions' });
  if (sheet.vetoes.length > 0) {
    out.push('', zh ? '### 一票否决' : '### Vetoes', '');
    for (const v of sheet.vetoes) {
      const denies = v.denies === 'all' ? (zh ? '全部等级' : 'every level') : v.denies.map(md).join(zh ? '、' : ', ');
      const state = v.triggered
        ? zh
          ? `触发，否决${denies}`
          : `triggered, denies ${denies}`
        : zh
          ? '未触发'
          : 'not triggered';
      const mark = v.triggered ? '✗' : '✓';
      out.push(`- ${mark} ${md(v.id)} ${mdText(v.label, lang)}${paren(state, lang)}${sep}${mdText(v.reason, lang)}`);
    }
  }
  if (sheet.level) {
    const name = sheet.level.name ? mdText(sheet.level.name, lang) : zh ? '未达到任何等级' : 'none';
    const basis = sheet.level.basis === 'total' ? (zh ? '总分' : 'total') : zh ? '折算分' : 'normalized';
    const deniedBy = sheet.level.deniedBy.map(md);
    const by =
      deniedBy.length > 0 ? (zh ? `；被一票否决：${deniedBy.join('、')}` : `; denied by ${deniedBy.join(', ')}`) : '';
    out.push('', zh ? `### 等级：${name}（按${basis}${by}）` : `### Level: ${name} (by ${basis}${by})`);
  }
  return out;
}

/** 复评: who and when, computed → reviewed totals (the figures above are reviewed), each adjustment's reason. */
function reviewSection(sheet: Sheet, lang: Lang): string[] {
  const r = sheet.review;
  if (!r) return [];
  return [
    '',
    `### ${REVIEW_TITLE[lang]}`,
    '',
    `${reviewByline(r, lang, md)}${lang === 'zh' ? '。' : '. '}**${reviewTotals(sheet, r, lang)}**`,
    '',
    ...r.adjustments.map((a) => `- ${adjustmentLine(a, lang, md)}`),
  ];
}

export const renderSheetMarkdown: SheetRenderer = (sheet, options) => {
  const lang = options.lang;
  const t = T[lang];
  const s = sheet.school;
  const out = [
    `## ${t.title(md(s.name), md(s.county), STAGE_LABELS[s.stage][lang], md(s.year))}`,
    '',
    [t.rubric(mdText(sheet.rubric.name, lang)), ...(s.code === null ? [] : [t.code(md(s.code))])].join(' · '),
    '',
    `**${t.totalLine(cents(sheet.total), pointsText(sheet.max), cents(sheet.normalized))}**${sheet.selfTotal === null ? '' : t.selfTotal(pointsText(sheet.selfTotal))}`,
  ];
  if (sheet.bonus || sheet.deductions)
    out.push(
      '',
      t.base(cents(sheet.base), pointsText(sheet.bonus?.total ?? 0), pointsText(sheet.deductions?.total ?? 0)),
    );

  const rows = sheet.groups.flatMap((g) =>
    sheet.indicators
      .filter((b) => b.group === g.id)
      .map((b, k) =>
        indicatorRow(b, k === 0 ? `${md(g.id)} ${mdText(g.name, lang)}${paren(pointsText(g.points), lang)}` : '', lang),
      ),
  );
  rows.push([
    `**${t.total}**`,
    '',
    pointsCell(sheet.rubric.total, sheet.max, lang),
    sheet.selfTotal === null ? '' : pointsText(sheet.selfTotal),
    `**${pointsText(sheet.base)}**`,
  ]);
  out.push('', ...table(t.head, ['left', 'left', 'right', 'right', 'right'], rows), '');
  out.push(
    sheet.groups
      .map((g) => `${md(g.id)} ${mdText(g.name, lang)} ${pointsText(g.score)}/${pointsText(g.max)}`)
      .join(' · '),
    '',
    t.legend,
  );

  const overclaimed = sheet.indicators.filter((b) => b.overclaim);
  if (overclaimed.length > 0) {
    out.push('', `### ${t.overclaimTitle}`, '');
    for (const b of overclaimed)
      out.push(
        `- ${t.overclaim(`${md(b.id)} ${mdText(b.name, lang)}`, pointsText(b.selfScore ?? 0), pointsText(b.score))}`,
      );
  }

  const items = sheet.indicators.flatMap((b) => b.items);
  const lost = items.filter((i) => !notApplicable(i) && hasLoss(i));
  out.push(...gainLines(sheet, lang));
  out.push('', `### ${t.lostTitle}`, '');
  if (lost.length === 0) out.push(t.noLoss);
  for (const i of lost) out.push(...itemLines(sheet, i, options));

  const none = items.filter(notApplicable);
  if (none.length > 0) {
    out.push('', `### ${t.naTitle}`, '');
    for (const i of none) {
      const reasons = [...new Set(i.checks.map((c) => mdText(c.reason, lang)))].join(t.list);
      out.push(`- **${md(i.id)}** ${mdText(i.text, lang)}${paren(`— ${t.na}${t.sep}${reasons}`, lang)}`);
    }
  }

  out.push(...extraLines(sheet, lang));
  out.push(...reviewSection(sheet, lang));

  // Passed checks only with details, folded: a fixed wrapper of ours around escaped Markdown.
  const full = items.filter((i) => !notApplicable(i) && !hasLoss(i));
  if (options.details && full.length > 0) {
    out.push('', '<details>', `<summary>${t.fullTitle(full.length)}</summary>`, '');
    for (const i of full) out.push(...itemLines(sheet, i, options));
    out.push('', '</details>');
  }
  return `${markdownLines(out)}\n`;
};
