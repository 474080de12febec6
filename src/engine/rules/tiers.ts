// Tiered points for one measure: "参与率高于80%得4分，高于60%得2分". The first tier met (in the order the
// rubric lists them) gives its points; the check's points are those of the highest tier.

import * as z from 'zod';
import { add, cmp, div, type Exact, exact, sub, ZERO } from '../../base/exact.js';
import { once } from '../../base/once.js';
import type { RubricLint, RuleDoc, RuleKind, Text } from '../types.js';
import {
  checkBase,
  citing,
  compare,
  finding,
  missing,
  numberNear,
  numberText,
  op,
  opText,
  partialPass,
} from './common.js';
import { quantity, quantityCites, quantityFields, quantityRecordTypes, quantityValue, ratioValue } from './quantity.js';
import { boundText, quantityText, unitOf } from './wording.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('tiers'),
    name: z.string(),
    nameEn: z.string().optional(),
    /** One quantity, or a ratio of two. */
    measure: z.union([quantity(), z.strictObject({ numerator: quantity(), denominator: quantity() })]),
    percent: z.boolean().default(false),
    unit: z.string().default(''),
    unitEn: z.string().default(''),
    tiers: z.array(z.strictObject({ op: op(), value: z.number(), points: z.number().positive() })).min(1),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

const maxPoints = (o: Options) => Math.max(...o.tiers.map((t) => t.points));

/**
 * Tiers are tried in order, so a tier is reachable only if some value meets it and none of the tiers before
 * it. The values worth trying are each threshold, a little either side of it, and one beyond the ends; a
 * percentage lies within 0–100.
 */
function lint(o: Options): RubricLint[] {
  const values = o.tiers.map((t) => exact(t.value));
  const tiny = { n: 1n, d: 1_000_000n };
  const candidates = values
    .flatMap((v) => [sub(v, tiny), v, add(v, tiny)])
    .filter((v) => !o.percent || (cmp(v, ZERO) >= 0 && cmp(v, exact(100)) <= 0));
  if (o.percent) candidates.push(ZERO, exact(100));
  const meets = (v: Exact, i: number) => {
    const t = o.tiers[i];
    return t !== undefined && compare(v, t.op, exact(t.value));
  };
  return o.tiers.flatMap((t, i): RubricLint[] => {
    if (candidates.some((v) => meets(v, i) && !o.tiers.slice(0, i).some((_, j) => meets(v, j)))) return [];
    const never = !candidates.some((v) => meets(v, i));
    const by = o.tiers.slice(0, i).findIndex((_, j) => candidates.every((v) => !meets(v, i) || meets(v, j)));
    const prev = o.tiers[by];
    return [
      never && o.percent
        ? { at: ['tiers', i, 'value'], code: 'rubric.tierPercent', params: { tier: `${opText(t.op).zh} ${t.value}` } }
        : {
            at: ['tiers', i, 'value'],
            code: 'rubric.tierShadowed',
            params: {
              tier: `${opText(t.op).zh} ${t.value}`,
              prev: prev ? `${opText(prev.op).zh} ${prev.value}` : '',
              n: by + 1,
            },
          },
    ];
  });
}

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '分档计分', en: 'tiered points' },
  example: `- id: B4.1a
  rule: tiers
  label: 完成率分档
  name: 家长作业完成率
  percent: true
  measure:
    numerator: { sum: completed, records: { type: homework } }
    denominator: { sum: assigned, records: { type: homework } }
  tiers:                                  # 从高到低；第一个满足的档得分
    - { op: '>', value: 80, points: 20 }  # 高于 80% 得 20 分
    - { op: '>', value: 60, points: 10 }  # 高于 60% 得 10 分
`,
  text: {
    zh: `\`measure\` 是一个数量，或两个数量之比。这项核查的分值必须等于最高一档（不等时 \`rubric check\` 报错）。
评分表：\`家长作业完成率 70%（553 ÷ 790），达到“> 60%”一档，得 10/20 分\`。`,
    en: `The first tier met, in the order listed, gives its points; the check is worth its highest tier.`,
  },
};

export const tiers: RuleKind<Options> = {
  kind: 'tiers',
  doc,
  schema,
  describe: (o) => {
    const m =
      'numerator' in o.measure
        ? (() => {
            const [n, d] = [quantityText(o.measure.numerator), quantityText(o.measure.denominator)];
            return { zh: `${n.zh} ÷ ${d.zh}`, en: `${n.en} ÷ ${d.en}` };
          })()
        : quantityText(o.measure);
    const u = unitOf(o);
    const each = o.tiers.map((t) => ({ b: boundText(t.op, t.value, u), points: t.points }));
    return {
      zh: `${o.name}（${m.zh}）：${each.map((t) => `${t.b.zh} 得 ${t.points} 分`).join('；')}；按列出的顺序取第一个达到的一档，一档都未达到得 0 分`,
      en: `${o.nameEn ?? o.name} (${m.en}): ${each.map((t) => `${t.b.en}: ${t.points}`).join('; ')}; the first tier met, in this order, counts; none: 0`,
    };
  },
  maxPoints,
  lint,
  fields: (o) =>
    'numerator' in o.measure
      ? [
          ...quantityFields(o.measure.numerator, ['measure', 'numerator']),
          ...quantityFields(o.measure.denominator, ['measure', 'denominator']),
        ]
      : quantityFields(o.measure, ['measure']),
  recordTypes: (o) =>
    'numerator' in o.measure
      ? [...quantityRecordTypes(o.measure.numerator), ...quantityRecordTypes(o.measure.denominator)]
      : quantityRecordTypes(o.measure),
  evaluate(o, ctx) {
    const name = { zh: o.name, en: o.nameEn ?? o.name };
    const unit = o.percent
      ? { zh: '%', en: '%' }
      : { zh: o.unit ? ` ${o.unit}` : '', en: o.unitEn ? ` ${o.unitEn}` : '' };
    let value: Exact;
    let detail = (): Text => ({ zh: '', en: '' });
    if ('numerator' in o.measure) {
      const ratio = ratioValue(ctx, o.measure.numerator, o.measure.denominator, o.percent);
      if ('missing' in ratio) return missing(ratio.missing);
      if ('zero' in ratio)
        return finding(false, () => ({
          zh: `${name.zh}无法计算：${ratio.zero.zh}为 0`,
          en: `${name.en} cannot be computed: ${ratio.zero.en} is 0`,
        }));
      value = ratio.value;
      detail = () => ({
        zh: `（${numberText(ratio.num)} ÷ ${numberText(ratio.den)}）`,
        en: ` (${numberText(ratio.num)} ÷ ${numberText(ratio.den)})`,
      });
    } else {
      const q = quantityValue(ctx, o.measure);
      if (!('value' in q)) return missing([q.missing]);
      value = q.value;
    }
    const max = maxPoints(o);
    const cites =
      'numerator' in o.measure
        ? [...quantityCites(o.measure.numerator), ...quantityCites(o.measure.denominator)]
        : quantityCites(o.measure);
    const met = o.tiers.find((t) => compare(value, t.op, exact(t.value)));
    const shown = () => numberNear(value, exact(met?.value ?? o.tiers[o.tiers.length - 1]?.value ?? 0));
    const tierText = (t: { op: Parameters<typeof opText>[0]; value: number }) =>
      `${opText(t.op).zh} ${t.value}${unit.zh.trim()}`;
    const tierTextEn = (t: { op: Parameters<typeof opText>[0]; value: number }) =>
      `${opText(t.op).en} ${t.value}${unit.en.trim()}`;
    if (!met) {
      const lowest = o.tiers[o.tiers.length - 1];
      return citing(
        finding(false, () => {
          const [s, d] = [shown(), detail()];
          return {
            zh: `${name.zh} ${s}${unit.zh}${d.zh}，未达到最低一档（${lowest ? tierText(lowest) : ''}），得 0/${max} 分`,
            en: `${name.en} ${s}${unit.en}${d.en}; below the lowest tier (${lowest ? tierTextEn(lowest) : ''}): 0 of ${max}`,
          };
        }),
        cites,
      );
    }
    return partialPass(
      () => {
        const [s, d] = [shown(), detail()];
        return {
          zh: `${name.zh} ${s}${unit.zh}${d.zh}，达到“${tierText(met)}”一档，得 ${met.points}/${max} 分`,
          en: `${name.en} ${s}${unit.en}${d.en}; tier "${tierTextEn(met)}": ${met.points} of ${max}`,
        };
      },
      div(exact(met.points), exact(max)),
      // A tier below the top loses points: say where the figure was written.
      met.points < max ? cites : undefined,
    );
  },
};
