// A dated list within a recency window, with a level filter: "五年内有县级及以上立项课题".

import * as z from 'zod';
import { once } from '../../base/once.js';
import { byText } from '../../base/problem.js';
import { LEVEL_LABELS, LEVELS } from '../../evidence/schema.js';
import type { RuleDoc, RuleKind } from '../types.js';
import { checkBase, citing, fieldLabel, finding, valueAt } from './common.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('recent'),
    list: z.enum(['projects', 'cases', 'awards']),
    /** The window: the reference year and the years - 1 before it. */
    years: z.number().int().positive(),
    /** Only items at these levels count; omitted: any level, or none given. */
    levels: z.array(z.enum(LEVELS)).min(1).optional(),
    min: z.number().int().positive().default(1),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

interface Dated {
  title: string;
  year: number;
  level?: (typeof LEVELS)[number];
}

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '时间窗口内的清单', en: 'a dated list within a window' },
  example: `- { id: B8.2a1, rule: recent, label: 五年内县级及以上立项课题, list: projects, years: 5, levels: [county, city, province, national] }
`,
  text: {
    zh: `\`list\`：\`projects\`（立项课题）、\`cases\`（个案指导成果）、\`awards\`（荣誉表彰）；窗口是参照年及此前 \`years − 1\` 年。
评分表：\`2020–2024 年县级、市级、省级（自治区级）、国家级立项课题 0 项，要求 ≥ 1 项\`。`,
    en: `At least one item of a dated list (projects, cases, awards) within the reference year and the \`years − 1\` before it, at the levels named.`,
  },
};

export const recent: RuleKind<Options> = {
  kind: 'recent',
  doc,
  schema,
  describe: (o) => {
    const l = fieldLabel(o.list);
    const lv = o.levels
      ? {
          zh: o.levels.map((x) => LEVEL_LABELS[x].zh).join('、'),
          en: `${o.levels.map((x) => LEVEL_LABELS[x].en).join('/')}-level `,
        }
      : { zh: '', en: '' };
    return {
      zh: `参照年及此前 ${o.years - 1} 年内（共 ${o.years} 年）${lv.zh}${l.zh} ≥ ${o.min} 项`,
      // The lists' English names are regular plurals (research projects, awards): one of them is singular.
      en: `at least ${o.min} ${lv.en}${o.min === 1 ? l.en.replace(/s$/, '') : l.en} in the reference year and the ${o.years - 1} before it`,
    };
  },
  fields: (o) => [{ path: [o.list], expect: 'array', at: ['list'] }],
  evaluate(o, ctx) {
    const to = ctx.calendar.referenceYear;
    const from = to - o.years + 1;
    const written = valueAt(ctx, o.list) as Dated[] | undefined;
    const items = (written ?? []).filter(
      (x) => x.year >= from && x.year <= to && (!o.levels || (x.level !== undefined && o.levels.includes(x.level))),
    );
    const pass = items.length >= o.min;
    // The list as written (its items are out of the window or below the levels), where there is one.
    return citing(
      finding(pass, () => {
        const l = fieldLabel(o.list);
        const lv = o.levels
          ? {
              zh: `${o.levels.map((x) => LEVEL_LABELS[x].zh).join('、')}`,
              en: `${o.levels.map((x) => LEVEL_LABELS[x].en).join('/')}-level `,
            }
          : { zh: '', en: '' };
        const named = items
          .slice()
          .sort((a, b) => b.year - a.year || byText(a.title, b.title))
          .slice(0, 3);
        const listZh = named.map((x) => `《${x.title}》${x.level ? LEVEL_LABELS[x.level].zh : ''}${x.year}`).join('、');
        const listEn = named
          .map((x) => `"${x.title}" ${x.level ? `${LEVEL_LABELS[x.level].en} ` : ''}${x.year}`)
          .join(', ');
        return {
          zh: `${from}–${to} 年${lv.zh}${l.zh} ${items.length} 项${pass ? `：${listZh}` : ''}，要求 ≥ ${o.min} 项`,
          en: `${lv.en}${l.en} in ${from}–${to}: ${items.length}${pass ? ` (${listEn})` : ''}; required ≥ ${o.min}`,
        };
      }),
      written && written.length > 0 ? [[o.list]] : [],
    );
  },
};
