// A ratio of two quantities against a threshold: 生均经费 = spending ÷ students ≥ 20 元; completion ≥ 50%.

import * as z from 'zod';
import { exact } from '../../base/exact.js';
import { once } from '../../base/once.js';
import type { RuleDoc, RuleKind, Text } from '../types.js';
import { checkBase, citing, compare, finding, missing, numberNear, numberText, op, opText } from './common.js';
import { quantity, quantityCites, quantityFields, quantityLabel, quantityRecordTypes, ratioValue } from './quantity.js';
import { boundText, quantityText, unitOf } from './wording.js';

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

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '两个数量之比', en: 'a ratio of two quantities' },
  example: `- id: B4.1a
  rule: ratio
  label: 生均家庭教育经费不少于 20 元
  name: 生均经费
  numerator: { field: facts.spending }
  denominator: { field: school.students }
  op: '>='
  value: 20
  unit: 元
`,
  text: {
    zh: `数量（quantity）可以是一个字段 \`{ field: … }\`，台账记录某字段之和 \`{ sum: completed, records: { type: homework } }\`，
或记录条数 \`{ count: { type: lecture } }\`。\`percent: true\` 时按百分比比较和显示（\`value: 50\` 即 50%）。
评分表：\`生均经费 15.20 元（家庭教育经费实际支出（元） 18240 ÷ 在校学生数 1200），要求 ≥ 20 元\`。分母为 0 时不通过并说明。`,
    en: `A ratio of two quantities (a field, a sum over ledger records, or a record count) against a threshold; a zero denominator fails with a reason.`,
  },
};

export const ratio: RuleKind<Options> = {
  kind: 'ratio',
  doc,
  schema,
  describe: (o) => {
    const [n, d] = [quantityText(o.numerator), quantityText(o.denominator)];
    const b = boundText(o.op, o.value, unitOf(o));
    return {
      zh: `${o.name} = ${n.zh} ÷ ${d.zh}，要求 ${b.zh}`,
      en: `${o.nameEn ?? o.name} = ${n.en} ÷ ${d.en}, required ${b.en}`,
    };
  },
  recordTypes: (o) => [...quantityRecordTypes(o.numerator), ...quantityRecordTypes(o.denominator)],
  fields: (o) => [...quantityFields(o.numerator, ['numerator']), ...quantityFields(o.denominator, ['denominator'])],
  evaluate(o, ctx) {
    const ratio = ratioValue(ctx, o.numerator, o.denominator, o.percent);
    if ('missing' in ratio) return missing(ratio.missing);
    const name = { zh: o.name, en: o.nameEn ?? o.name };
    const unit = o.percent
      ? { zh: '%', en: '%' }
      : { zh: o.unit ? ` ${o.unit}` : '', en: o.unitEn ? ` ${o.unitEn}` : '' };
    const required = (): Text => {
      const sym = opText(o.op);
      const want = numberText(exact(o.value));
      return { zh: `${sym.zh} ${want}${unit.zh}`, en: `${sym.en} ${want}${unit.en}` };
    };
    if ('zero' in ratio)
      return citing(
        finding(false, () => {
          const dl = quantityLabel(o.denominator);
          const want = required();
          return {
            zh: `${name.zh}无法计算：${dl.zh}为 0，要求 ${want.zh}`,
            en: `${name.en} cannot be computed: ${dl.en} is 0; required ${want.en}`,
          };
        }),
        quantityCites(o.denominator),
      );
    const r = ratio.value;
    return citing(
      finding(compare(r, o.op, exact(o.value)), () => {
        const nl = quantityLabel(o.numerator);
        const dl = quantityLabel(o.denominator);
        const parts = {
          zh: `${nl.zh} ${numberText(ratio.num)} ÷ ${dl.zh} ${numberText(ratio.den)}`,
          en: `${nl.en} ${numberText(ratio.num)} ÷ ${dl.en} ${numberText(ratio.den)}`,
        };
        const shown = numberNear(r, exact(o.value));
        const want = required();
        return {
          zh: `${name.zh} ${shown}${unit.zh}（${parts.zh}），要求 ${want.zh}`,
          en: `${name.en} ${shown}${unit.en} (${parts.en}), required ${want.en}`,
        };
      }),
      [...quantityCites(o.numerator), ...quantityCites(o.denominator)],
    );
  },
};
