// Words several summary renderers share, written once: the ranking rule and the stage names of a narrow column.
import type { Text } from '../engine/types.js';
import { STAGE_LABELS, type Stage } from '../evidence/schema.js';
import type { Lang } from '../i18n/messages.js';

/** How a batch ranks its schools (report/summary.ts `rank`), under every ranking. */
export const RANK_RULE: Text = {
  zh: '排名按折算分（得分 ÷ 应得满分 × 100）从高到低；折算分相同的学校并列同一名次，按学校标识码排列。',
  en: 'Ranked by normalized score (total ÷ applicable maximum × 100), highest first; equal scores share a rank and are listed by school code.',
};

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
