// Coverage of every teaching month or week by ledger records: "每月有作业", "周周组织家长开展主题读书活动".

import * as z from 'zod';
import { monthOf, weekOf } from '../../base/dates.js';
import { once } from '../../base/once.js';
import type { RuleDoc, RuleKind, Text } from '../types.js';
import {
  checkBase,
  finding,
  recordFieldLabel,
  selection,
  selectionFields,
  selectionLabel,
  selectRecords,
  typesOf,
} from './common.js';
import { selectionText } from './wording.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('coverage'),
    records: selection(),
    period: z.enum(['month', 'week']),
    /** At least this many records (or distinct values of `distinct`) in each period. */
    min: z.number().int().positive().default(1),
    distinct: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .optional(),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

const SHOWN_GAPS = 6;

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '每个教学月或教学周', en: 'every teaching month or week' },
  example: `- { id: B6.2a, rule: coverage, label: 每个教学月有家长作业, records: { type: homework }, period: month }
- { id: B9.1a, rule: coverage, label: 每月至少 2 种形式, records: { type: course }, period: month, distinct: form, min: 2 }
`,
  text: {
    zh: `教学月、教学周的定义在细则的 \`calendar\` 中（默认：一个月至少 15 天在学期内；一周至少 3 个工作日在学期内且不在假期内）。
评分表：\`家长作业覆盖 7/9 个教学月，缺 2023-12、2024-03\`。`,
    en: `Every teaching month or teaching week must have a record (optionally of at least \`min\` distinct values of a field).`,
  },
};

export const coverage: RuleKind<Options> = {
  kind: 'coverage',
  doc,
  schema,
  describe: (o) => {
    const s = selectionText(o.records);
    const unit = o.period === 'month' ? { zh: '教学月', en: 'teaching month' } : { zh: '教学周', en: 'teaching week' };
    const d = o.distinct ? recordFieldLabel(o.distinct) : undefined;
    const what = d
      ? { zh: `至少 ${o.min} 种不同${d.zh}的${s.zh}`, en: `${s.en} of at least ${o.min} different ${d.en}s` }
      : { zh: `至少 ${o.min} 条${s.zh}`, en: o.min === 1 ? `one of the ${s.en}` : `at least ${o.min} of the ${s.en}` };
    return {
      zh: `每个${unit.zh}${what.zh}；缺任何一个${unit.zh}即不通过`,
      en: `${what.en} in every ${unit.en}; a single ${unit.en} without fails the check`,
    };
  },
  recordTypes: (o) => typesOf(o.records),
  fields: (o) => [
    ...selectionFields(o.records, ['records']),
    ...(o.distinct ? [{ path: ['ledger', 0, o.distinct], expect: 'any' as const, at: ['distinct'] }] : []),
  ],
  evaluate(o, ctx) {
    const periods = o.period === 'month' ? ctx.calendar.teachingMonths : ctx.calendar.teachingWeeks;
    const keyOf = o.period === 'month' ? monthOf : weekOf;
    const found = new Map<string, Set<string>>();
    selectRecords(ctx, o.records).forEach((r, i) => {
      const key = keyOf(r.date);
      const value = o.distinct ? (r.fields as Record<string, unknown>)[o.distinct] : undefined;
      if (o.distinct && value === undefined) return;
      const set = found.get(key) ?? new Set<string>();
      set.add(o.distinct ? String(value) : String(i));
      found.set(key, set);
    });
    const gaps = periods.filter((p) => (found.get(p)?.size ?? 0) < o.min);
    const unit =
      o.period === 'month' ? { zh: '教学月', en: 'teaching months' } : { zh: '教学周', en: 'teaching weeks' };
    const what = (): Text => {
      const l = selectionLabel(o.records);
      return o.distinct
        ? {
            zh: `至少 ${o.min} 种${recordFieldLabel(o.distinct).zh}的${l.zh}`,
            en: `${l.en} in at least ${o.min} ${recordFieldLabel(o.distinct).en}s`,
          }
        : o.min > 1
          ? { zh: `至少 ${o.min} 次${l.zh}`, en: `at least ${o.min} ${l.en} records` }
          : l;
    };
    if (periods.length === 0)
      return finding(false, () => {
        const w = what();
        return {
          zh: `学期内没有${unit.zh}，无法核对${w.zh}`,
          en: `no ${unit.en} in the terms to check ${w.en} against`,
        };
      });
    const covered = periods.length - gaps.length;
    if (gaps.length === 0)
      return finding(true, () => {
        const w = what();
        return {
          zh: `${w.zh}覆盖全部 ${periods.length} 个${unit.zh}`,
          en: `${w.en} in all ${periods.length} ${unit.en}`,
        };
      });
    return finding(false, () => {
      const shown = gaps.slice(0, SHOWN_GAPS);
      const more =
        gaps.length > SHOWN_GAPS
          ? { zh: ` 等 ${gaps.length} 个`, en: ` and ${gaps.length - SHOWN_GAPS} more` }
          : { zh: '', en: '' };
      const weekNote = o.period === 'week' ? { zh: '（所列为该周周一）', en: ' (Mondays)' } : { zh: '', en: '' };
      const w = what();
      return {
        zh: `${w.zh}覆盖 ${covered}/${periods.length} 个${unit.zh}，缺 ${shown.join('、')}${more.zh}${weekNote.zh}`,
        en: `${w.en} in ${covered} of ${periods.length} ${unit.en}; missing ${shown.join(', ')}${more.en}${weekNote.en}`,
      };
    });
  },
};
