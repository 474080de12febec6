// Points by recognition level, the highest counting: "获县级表彰得1分，市级2分，省级3分，国家级5分".
import * as z from 'zod';
import { LEVEL_LABELS, LEVELS, type Level } from '../../evidence/schema.js';
import { div, exact } from '../exact.js';
import type { RuleKind } from '../types.js';
import { checkBase, fieldLabel, finding, once, valueAt } from './common.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('byLevel'),
    list: z.enum(['projects', 'cases', 'awards']),
    /** Only items of the reference year and the years - 1 before it; omitted: any year. */
    years: z.number().int().positive().optional(),
    pointsByLevel: z.partialRecord(z.enum(LEVELS), z.number().positive()),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

const maxPoints = (o: Options) => Math.max(0, ...Object.values(o.pointsByLevel).map((p) => p ?? 0));

/** A higher level worth fewer points than a lower one is almost surely a typing mistake. */
function lint(o: Options) {
  const listed = LEVELS.filter((l) => o.pointsByLevel[l] !== undefined);
  return listed.flatMap((l, i) => {
    const lower = listed[i - 1];
    const [p, q] = [o.pointsByLevel[l] ?? 0, lower ? (o.pointsByLevel[lower] ?? 0) : 0];
    return lower && p < q
      ? [
          {
            at: ['pointsByLevel', l],
            code: 'rubric.byLevelOrder',
            params: { level: LEVEL_LABELS[l].zh, points: p, lower: LEVEL_LABELS[lower].zh, lowerPoints: q },
            severity: 'warning' as const,
          },
        ]
      : [];
  });
}

export const byLevel: RuleKind<Options> = {
  kind: 'byLevel',
  schema,
  maxPoints,
  lint,
  fields: (o) => [{ path: [o.list], expect: 'array', at: ['list'] }],
  evaluate(o, ctx) {
    const to = ctx.calendar.referenceYear;
    const from = o.years ? to - o.years + 1 : undefined;
    const items = ((valueAt(ctx, o.list) as { title: string; year: number; level?: Level }[] | undefined) ?? []).filter(
      (x) => x.level !== undefined && (from === undefined || (x.year >= from && x.year <= to)),
    );
    // "县级及以上": the highest level the table lists counts, whatever a (mistaken) table says it is worth.
    const worth = (x: { level?: Level }) => (x.level ? (o.pointsByLevel[x.level] ?? 0) : 0);
    const rank = (x: { level?: Level }) =>
      x.level && o.pointsByLevel[x.level] !== undefined ? LEVELS.indexOf(x.level) : -1;
    const best = items.reduce<(typeof items)[number] | undefined>(
      (a, x) => (a === undefined || rank(x) > rank(a) ? x : a),
      undefined,
    );
    const max = maxPoints(o);
    const l = fieldLabel(o.list);
    const window = from === undefined ? { zh: '', en: '' } : { zh: `${from}–${to} 年`, en: ` in ${from}–${to}` };
    if (!best || worth(best) === 0) {
      return finding(
        false,
        `${window.zh}没有可计分的${l.zh}，得 0/${max} 分`,
        `no ${l.en} that scores${window.en}: 0 of ${max}`,
      );
    }
    const level = LEVEL_LABELS[best.level as Level];
    const points = worth(best);
    return {
      ...finding(
        true,
        `${window.zh}${l.zh}最高为${level.zh}（《${best.title}》${best.year}），得 ${points}/${max} 分`,
        `highest ${l.en}${window.en}: ${level.en} ("${best.title}" ${best.year}), ${points} of ${max}`,
      ),
      share: div(exact(points), exact(max)),
    };
  },
};
