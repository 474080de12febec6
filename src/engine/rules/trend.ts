// A trend against last year: "统测成绩有所提高", "家长投诉率普遍降低". A measure is a fact or a rate.

import * as z from 'zod';
import { cmp, div, type Exact, exact, isZero, mul } from '../../base/exact.js';
import { once } from '../../base/once.js';
import { lazyText } from '../text.js';
import type { Context, FieldRef, RuleDoc, RuleKind, Text } from '../types.js';
import { checkBase, citing, field, fieldLabel, finding, missing, numberAt, numberText, splitPath } from './common.js';

const measure = once(() =>
  z.union([z.strictObject({ field: field() }), z.strictObject({ numerator: field(), denominator: field() })]),
);
type Measure = z.infer<ReturnType<typeof measure>>;

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('trend'),
    name: z.string(),
    nameEn: z.string().optional(),
    current: measure(),
    previous: measure(),
    direction: z.enum(['higher', 'lower']),
    /** Show and compare rates as percentages. */
    percent: z.boolean().default(false),
    /** Equal to last year passes when both years are at this ceiling (direction higher), e.g. 100 (%). */
    ceiling: z.number().optional(),
    /** Equal to last year passes when both years are at this floor (direction lower), e.g. 0. */
    floor: z.number().optional(),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

const measureFields = (m: Measure, at: string): FieldRef[] =>
  'field' in m
    ? [{ path: m.field.split('.'), expect: 'number', at: [at, 'field'] }]
    : [
        { path: m.numerator.split('.'), expect: 'number', at: [at, 'numerator'] },
        { path: m.denominator.split('.'), expect: 'number', at: [at, 'denominator'] },
      ];

type Value = { value: Exact; detail: Text } | { missing: string[] } | { zero: string };

function measureValue(ctx: Context, m: Measure, percent: boolean): Value {
  if ('field' in m) {
    const v = numberAt(ctx, m.field);
    return v === undefined ? { missing: [m.field] } : { value: v, detail: { zh: '', en: '' } };
  }
  const n = numberAt(ctx, m.numerator);
  const d = numberAt(ctx, m.denominator);
  if (n === undefined || d === undefined)
    return {
      missing: [...(n === undefined ? [m.numerator] : []), ...(d === undefined ? [m.denominator] : [])],
    };
  if (isZero(d)) return { zero: m.denominator };
  const r = div(n, d);
  return {
    value: percent ? mul(r, exact(100)) : r,
    detail: lazyText(() => ({
      zh: `（${numberText(n)} ÷ ${numberText(d)}）`,
      en: ` (${numberText(n)} ÷ ${numberText(d)})`,
    })),
  };
}

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '与上学年比较', en: 'against last year' },
  example: `- id: B10.2a
  rule: trend
  label: 家长投诉率低于上学年（或两年均为 0）
  name: 家长投诉率
  current: { numerator: outcomes.complaints.current, denominator: school.students }
  previous: { numerator: outcomes.complaints.previous, denominator: school.studentsLastYear }
  direction: lower
  percent: true
  floor: 0
`,
  text: {
    zh: `\`direction: higher | lower\` 为严格比较；\`ceiling\`（升高时）或 \`floor\`（降低时）：两年都在这个值上视为达到。
评分表：\`家长投诉率 0.50%（6 ÷ 1200），上学年 0.35%（4 ÷ 1150），要求低于上学年\`。`,
    en: `This year against last year, strictly higher or lower; \`ceiling\`/\`floor\` count both years at that value as met.`,
  },
};

export const trend: RuleKind<Options> = {
  kind: 'trend',
  doc,
  schema,
  describe: (o) => {
    const m = (x: Measure): Text => {
      if ('field' in x) return fieldLabel(x.field);
      const [n, d] = [fieldLabel(x.numerator), fieldLabel(x.denominator)];
      return { zh: `${n.zh} ÷ ${d.zh}`, en: `${n.en} ÷ ${d.en}` };
    };
    const [cur, prev] = [m(o.current), m(o.previous)];
    const word = o.direction === 'higher' ? { zh: '高于', en: 'higher than' } : { zh: '低于', en: 'lower than' };
    const bound = o.direction === 'higher' ? o.ceiling : o.floor;
    const u = o.percent ? '%' : '';
    const at =
      bound === undefined
        ? { zh: '', en: '' }
        : { zh: `；两年均为 ${bound}${u} 视为达到`, en: `; both years at ${bound}${u} count as met` };
    return {
      zh: `${o.name}（${cur.zh}）${word.zh}上学年（${prev.zh}）${at.zh}`,
      en: `${o.nameEn ?? o.name} (${cur.en}) ${word.en} last year (${prev.en})${at.en}`,
    };
  },
  fields: (o) => [...measureFields(o.current, 'current'), ...measureFields(o.previous, 'previous')],
  evaluate(o, ctx) {
    const cur = measureValue(ctx, o.current, o.percent);
    const prev = measureValue(ctx, o.previous, o.percent);
    const absent = [cur, prev].flatMap((v) => ('missing' in v ? v.missing : []));
    if (absent.length > 0) return missing(absent);
    const name = { zh: o.name, en: o.nameEn ?? o.name };
    for (const v of [cur, prev]) {
      if ('zero' in v) {
        const l = fieldLabel(v.zero);
        return finding(false, () => ({
          zh: `${name.zh}无法计算：${l.zh}为 0`,
          en: `${name.en} cannot be computed: ${l.en} is 0`,
        }));
      }
    }
    if (!('value' in cur) || !('value' in prev)) return missing(absent);
    const u = o.percent ? '%' : '';
    const c = cmp(cur.value, prev.value);
    const better = o.direction === 'higher' ? c > 0 : c < 0;
    const bound = o.direction === 'higher' ? o.ceiling : o.floor;
    const atBound = c === 0 && bound !== undefined && cmp(cur.value, exact(bound)) === 0;
    const word = o.direction === 'higher' ? { zh: '高于', en: 'higher than' } : { zh: '低于', en: 'lower than' };
    const base = (): Text => ({
      zh: `${name.zh} ${numberText(cur.value)}${u}${cur.detail.zh}，上学年 ${numberText(prev.value)}${u}${prev.detail.zh}`,
      en: `${name.en} ${numberText(cur.value)}${u}${cur.detail.en}, last year ${numberText(prev.value)}${u}${prev.detail.en}`,
    });
    if (atBound) {
      const at = o.direction === 'higher' ? { zh: '最高', en: 'ceiling' } : { zh: '最低', en: 'floor' };
      return finding(true, () => {
        const b = base();
        return {
          zh: `${b.zh}，两年均为${at.zh}值 ${numberText(exact(bound))}${u}，视为达到`,
          en: `${b.en}; both years at the ${at.en} ${numberText(exact(bound))}${u}, counted as met`,
        };
      });
    }
    // This year's figure and last year's: the numbers the school wrote (a rate's numerator).
    const cites = [o.current, o.previous].map((m) => splitPath('field' in m ? m.field : m.numerator));
    return citing(
      finding(better, () => {
        const b = base();
        return { zh: `${b.zh}，要求${word.zh}上学年`, en: `${b.en}; required ${word.en} last year` };
      }),
      cites,
    );
  },
};
