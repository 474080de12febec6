// 复评 as every format words it: a heading with the reviewer, the date and the computed → reviewed figures,
// then one line per adjustment with its reason. Strings from the review file (reviewer, reason) and the
// rubric's labels pass through the format's own escaping function, given as `esc`.
import { centsText } from '../base/exact.js';
import type { Lang } from '../i18n/messages.js';
import type { SheetAdjustment, SheetReview } from '../report/review.js';
import type { Sheet } from '../report/sheet.js';
import { inLang, pointsText } from './types.js';

const cents = (x: number) => centsText(Math.round(x * 100));

export const REVIEW_TITLE = { zh: '复评', en: 'Review' };

/** "复评：张三，2024-07-10" */
export function reviewByline(r: SheetReview, lang: Lang, esc: (s: string) => string): string {
  return lang === 'zh'
    ? `复评：${esc(r.reviewer)}，${esc(r.date)}`
    : `Reviewed by ${esc(r.reviewer)} on ${esc(r.date)}`;
}

/** "计算得分 54.25 → 复评得分 66.75；折算分 54.25 → 66.75" */
export function reviewTotals(sheet: Sheet, r: SheetReview, lang: Lang): string {
  const c = r.computed;
  // 折算分 differs from the total only where some 要点 do not apply.
  const normalized = sheet.max !== sheet.rubric.total;
  return lang === 'zh'
    ? `计算得分 ${cents(c.total)} → 复评得分 ${cents(sheet.total)}${normalized ? `；折算分 ${cents(c.normalized)} → ${cents(sheet.normalized)}` : ''}`
    : `computed ${cents(c.total)} → reviewed ${cents(sheet.total)}${normalized ? `; normalized ${cents(c.normalized)} → ${cents(sheet.normalized)}` : ''}`;
}

const passedText = (p: boolean | null, lang: Lang) =>
  p === null ? '' : lang === 'zh' ? (p ? '通过' : '不通过') : p ? 'passed' : 'failed';

/** What changed: "不通过 → 通过；B6.3 得分 0 → 11" or "B4.1 得分 0 → 1.5". */
export function adjustmentChange(a: SheetAdjustment, lang: Lang): string {
  const score =
    lang === 'zh'
      ? `${a.item} 得分 ${pointsText(a.computedScore)} → ${pointsText(a.reviewedScore)}`
      : `${a.item} ${pointsText(a.computedScore)} → ${pointsText(a.reviewedScore)}`;
  if (a.kind === 'item') return score;
  const result = `${passedText(a.computedPassed, lang)} → ${passedText(a.reviewedPassed, lang)}`;
  return `${result}${lang === 'zh' ? '；' : '; '}${score}`;
}

/** One adjustment in one line: "B6.3a 专题讲座…：不通过 → 通过；B6.3 得分 0 → 11。理由：…" */
export function adjustmentLine(a: SheetAdjustment, lang: Lang, esc: (s: string) => string): string {
  const label = esc(inLang(a.label, lang).replace(/[。.]$/, ''));
  return lang === 'zh'
    ? `${a.id} ${label}：${adjustmentChange(a, lang)}。理由：${esc(a.reason)}`
    : `${a.id} ${label}: ${adjustmentChange(a, lang)}. Reason: ${esc(a.reason)}`;
}

/** The whole section as lines: byline with totals, then the adjustments. */
export function reviewLines(sheet: Sheet, lang: Lang, esc: (s: string) => string): string[] {
  const r = sheet.review;
  if (!r) return [];
  const sep = lang === 'zh' ? '。' : '. ';
  return [
    `${reviewByline(r, lang, esc)}${sep}${reviewTotals(sheet, r, lang)}`,
    ...r.adjustments.map((a) => `  ${adjustmentLine(a, lang, esc)}`),
  ];
}

/** After a school's name in a batch's ranking: it is ranked on its reviewed score. */
export const REVIEWED_MARK = { zh: '（复评）', en: ' (reviewed)' };

/** Below a ranking with reviewed schools. */
export function reviewedNote(count: number, lang: Lang): string {
  return lang === 'zh'
    ? `复评 ${count} 所：标“复评”的学校按复评后的分数排名`
    : `${count} reviewed: schools marked "reviewed" are ranked on their reviewed scores`;
}
