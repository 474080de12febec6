// The rubric file's shape. Checks are validated in a second pass, by the schema of the rule kind they name.
import * as z from 'zod';
import { once } from '../engine/rules/common.js';

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

/** Built on first use: scoring with the embedded rubric never needs it. */
export const rubricSchema = once(() =>
  z.strictObject({
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
    groups: z.array(group).min(1),
  }),
);

export type RubricData = z.output<ReturnType<typeof rubricSchema>>;
