// The rubric file's shape. Checks are validated in a second pass, by the schema of the rule kind they name.
import * as z from 'zod';
import { once } from '../base/once.js';

/** Built on first use, parts and all: scoring with the embedded rubric never needs it. */
export const rubricSchema = once(() => {
  const id = z.string().regex(/^[A-Za-z0-9.\-_]+$/);
  const rawCheck = z.looseObject({ rule: z.string() });

  const item = z.strictObject({
    id,
    /** The source's text of this 要点, verbatim. */
    text: z.string().min(1),
    en: z.string().optional(),
    points: z.number().positive().optional(),
    checks: z.array(rawCheck).min(1),
    note: z.string().optional(),
  });

  const indicator = z.strictObject({
    id,
    name: z.string().min(1),
    en: z.string().optional(),
    points: z.number().positive(),
    items: z.array(item).min(1),
  });

  const group = z.strictObject({
    id,
    name: z.string().min(1),
    en: z.string().optional(),
    points: z.number().positive(),
    indicators: z.array(indicator).min(1),
  });

  const text = z.string().min(1);

  /** A 加分 item: its points when its check passes (or part of them, for tiers and levels). */
  const bonusItem = z.strictObject({
    id,
    label: text,
    en: z.string().optional(),
    points: z.number().positive(),
    check: rawCheck,
  });

  /** A 扣分 item: its points when its check fails, or its points for each unit of a count (`per`). */
  const deductionItem = z.strictObject({
    id,
    label: text,
    en: z.string().optional(),
    points: z.number().positive(),
    check: rawCheck.optional(),
    per: z.strictObject({ field: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/) }).optional(),
  });

  /** 一票否决: a condition that must hold; when it fails, the levels it names (or every level) are denied. */
  const veto = z.strictObject({
    id,
    label: text,
    en: z.string().optional(),
    denies: z.union([z.literal('all'), z.array(text).min(1)], { error: 'code:rubric.denies' }).default('all'),
    check: rawCheck,
  });

  /** A named level (等级) from a score up; the rubric lists them from the lowest. */
  const level = z.strictObject({ name: text, en: z.string().optional(), min: z.number().min(0) });

  return z.strictObject({
    schemaVersion: z.literal(1),
    id,
    name: z.string().min(1),
    en: z.string().optional(),
    source: z.string().optional(),
    total: z.number().positive(),
    calendar: z
      .strictObject({
        teachingMonthMinDays: z.number().int().min(1).max(31).default(15),
        teachingWeekMinWeekdays: z.number().int().min(1).max(5).default(3),
      })
      .default({ teachingMonthMinDays: 15, teachingWeekMinWeekdays: 3 }),
    /** How this rubric reads the source where it is silent: shown by `jiaxiao rubric show` and in the README. */
    notes: z.array(z.string()).optional(),
    /** The notes in English, one for each, in order: for --lang en (a note without one shows as written). */
    notesEn: z.array(z.string()).optional(),
    groups: z.array(group).min(1),
    bonus: z.strictObject({ cap: z.number().positive(), items: z.array(bonusItem).min(1) }).optional(),
    deductions: z.strictObject({ cap: z.number().positive(), items: z.array(deductionItem).min(1) }).optional(),
    vetoes: z.array(veto).min(1).optional(),
    levels: z.array(level).min(1).optional(),
    /** What levels are read from: the 折算分 (default) or the total. */
    levelBasis: z.enum(['normalized', 'total']).default('normalized'),
  });
});

export type RubricData = z.output<ReturnType<typeof rubricSchema>>;
