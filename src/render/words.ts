// Words several summary renderers share, written once: the ranking rule and the stage names of a narrow column.
import type { Text } from '../engine/types.js';
import { STAGE_LABELS, type Stage } from '../evidence/schema.js';
import type { Lang } from '../i18n/messages.js';
import type { SheetExtra, SheetExtras } from '../report/sheet.js';
import { pointsText } from './types.js';

/** How a batch ranks its schools (report/summary.ts `rank`), under every ranking. */
export const RANK_RULE: Text = {
  zh: '排名按折算分（得分 ÷ 应得满分 × 100）从高到低；折算分相同的学校并列同一名次，按学校标识码排列。',
  en: 'Ranked by normalized score (total ÷ applicable maximum × 100), highest first; equal scores share a rank and are listed by school code.',
};

/** Files not counted that a summary lists one by one (with their first problem), at most; the rest it counts. */
export const INVALID_LISTED = 20;

/** English stage names that fit a ranking's narrow column (the sheets spell them out). */
const STAGE_SHORT_EN: Record<Stage, string> = {
  kindergarten: 'KG',
  primary: 'primary',
  junior: 'junior',
  senior: 'senior',
  'nine-year': '9-year',
  complete: 'complete',
};

/** A stage as a ranking's column shows it. */
export const stageShort = (stage: Stage, lang: Lang): string =>
  lang === 'zh' ? STAGE_LABELS[stage].zh : STAGE_SHORT_EN[stage];

/** The heading of a 加分 or 扣分 section: its cap and what it gives in all. */
export const extrasHeading = (x: SheetExtras, sign: '+' | '−', title: Text, lang: Lang): string =>
  lang === 'zh'
    ? `${title.zh}（上限 ${pointsText(x.cap)} 分）：${sign}${pointsText(x.total)}`
    : `${title.en} (cap ${pointsText(x.cap)}): ${sign}${pointsText(x.total)}`;

/**
 * What a 加分 or 扣分 item gives: "+3/3", earned of its points; a per-unit deduction has no such ceiling, so
 * its points are shown per unit ("−2，每个 1 分").
 */
export const extraAmount = (i: SheetExtra, sign: '+' | '−', lang: Lang): string =>
  i.perUnit
    ? lang === 'zh'
      ? `${sign}${pointsText(i.score)}，每个 ${pointsText(i.points)} 分`
      : `${sign}${pointsText(i.score)}, ${pointsText(i.points)} each`
    : `${sign}${pointsText(i.score)}/${pointsText(i.points)}`;
