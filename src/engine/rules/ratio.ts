// A ratio of two quantities against a threshold: 生均经费 = spending ÷ students ≥ 20 元; completion ≥ 50%.
import * as z from 'zod';
import { exact } from '../exact.js';
import type { RuleKind } from '../types.js';
import { checkBase, compare, finding, missing, numberNear, numberText, once, op, opText } from './common.js';
import { quantity, quantityFields, quantityLabel, quantityRecordTypes, ratioValue } from './quantity.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('ratio'),
    name: z.string(),
    nameEn: z.string().optional(),
    numerator: quantity(),
    denominator: quantity(),
    op: op(),
    value: z.number(),
    /** Compare and show the ratio as a percentage: value 50 means 50%. */
    percent: z.boolean().default(false),
    unit: z.string().default(''),
    unitEn: z.string().default(''),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

export const ratio: RuleKind<Options> = {
  kind: 'ratio',
  schema,
  recordTypes: (o) => [...quantityRecordTypes(o.numerator), ...quantityRecordTypes(o.denominator)],
  fields: (o) => [...quantityFields(o.numerator, ['numerator']), ...quantityFields(o.denominator, ['denominator'])],
  evaluate(o, ctx) {
    const ratio = ratioValue(ctx, o.numerator, o.denominator, o.percent);
    if ('missing' in ratio) return missing(ratio.missing);
    const nl = quantityLabel(o.numerator);
    const dl = quantityLabel(o.denominator);
    const name = { zh: o.name, en: o.nameEn ?? o.name };
    const sym = opText(o.op);
    const unit = o.percent
      ? { zh: '%', en: '%' }
      : { zh: o.unit ? ` ${o.unit}` : '', en: o.unitEn ? ` ${o.unitEn}` : '' };
    const want = `${sym.zh} ${numberText(exact(o.value))}${unit.zh}`;
    const wantEn = `${sym.en} ${numberText(exact(o.value))}${unit.en}`;
    if ('zero' in ratio)
      return finding(
        false,
        `${name.zh}无法计算：${dl.zh}为 0，要求 ${want}`,
        `${name.en} cannot be computed: ${dl.en} is 0; required ${wantEn}`,
      );
    const r = ratio.value;
    const parts = {
      zh: `${nl.zh} ${numberText(ratio.num)} ÷ ${dl.zh} ${numberText(ratio.den)}`,
      en: `${nl.en} ${numberText(ratio.num)} ÷ ${dl.en} ${numberText(ratio.den)}`,
    };
    const shown = numberNear(r, exact(o.value));
    return finding(
      compare(r, o.op, exact(o.value)),
      `${name.zh} ${shown}${unit.zh}（${parts.zh}），要求 ${want}`,
      `${name.en} ${shown}${unit.en} (${parts.en}), required ${wantEn}`,
    );
  },
};
