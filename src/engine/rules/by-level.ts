// Points by recognition level, the highest counting: "获县级表彰得1分，市级2分，省级3分，国家级5分".

import * as z from 'zod';
import { div, exact } from '../../base/exact.js';
import { once } from '../../base/once.js';
import { LEVEL_LABELS, LEVELS, type Level } from '../../evidence/schema.js';
import type { RuleDoc, RuleKind } from '../types.js';
import { checkBase, citing, fieldLabel, finding, partialPass, valueAt } from './common.js';

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

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '按级别计分，取最高', en: 'points by level, the highest counting' },
  example: `- { id: B6.1a, rule: byLevel, label: 最高级别表彰, list: awards, years: 5, pointsByLevel: { county: 4, city: 6, province: 8, national: 10 } }
`,
  text: {
    zh: `列出的级别中**最高的**一项计分（“县级及以上”按最高级别）；表中级别越高分值越低时 \`rubric check\` 警告。
评分表：\`2020–2024 年荣誉表彰最高为市级（《市级优秀家长学校》2022），得 6/10 分\`。`,
    en: `The highest level present (the table's order: county, city, province, national) gives its points.`,
  },
};

export const byLevel: RuleKind<Options> = {
  kind: 'byLevel',
  doc,
  schema,
  describe: (o) => {
    const l = fieldLabel(o.list);
    const listed = LEVELS.filter((x) => o.pointsByLevel[x] !== undefined);
    const window = o.years
      ? { zh: `参照年及此前 ${o.years - 1} 年内`, en: ` in the reference year and the ${o.years - 1} before it` }
      : { zh: '', en: '' };
    return {
      zh: `${window.zh}${l.zh}按最高级别计分：${listed.map((x) => `${LEVEL_LABELS[x].zh} ${o.pointsByLevel[x]} 分`).join('、')}；没有则 0 分`,
      en: `the highest level of ${l.en}${window.en}: ${listed.map((x) => `${LEVEL_LABELS[x].en} ${o.pointsByLevel[x]}`).join(', ')}; none: 0`,
    };
  },
  maxPoints,
  lint,
  fields: (o) => [{ path: [o.list], expect: 'array', at: ['list'] }],
  evaluate(o, ctx) {
    const to = ctx.calendar.referenceYear;
    const from = o.years ? to - o.years + 1 : undefined;
    const written = valueAt(ctx, o.list) as { title: string; year: number; level?: Level }[] | undefined;
    const items = (written ?? []).filter(
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
      return citing(
        finding(false, () => ({
          zh: `${window.zh}没有可计分的${l.zh}，得 0/${max} 分`,
          en: `no ${l.en} that scores${window.en}: 0 of ${max}`,
        })),
        written && written.length > 0 ? [[o.list]] : [],
      );
    }
    const level = LEVEL_LABELS[best.level as Level];
    const points = worth(best);
    return partialPass(
      () => ({
        zh: `${window.zh}${l.zh}最高为${level.zh}（《${best.title}》${best.year}），得 ${points}/${max} 分`,
        en: `highest ${l.en}${window.en}: ${level.en} ("${best.title}" ${best.year}), ${points} of ${max}`,
      }),
      div(exact(points), exact(max)),
      points < max ? [[o.list]] : undefined,
    );
  },
};
