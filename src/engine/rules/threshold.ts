// A number against a threshold with an explicit operator: "配备不少于2名家庭教育指导师" is instructors >= 2.

import * as z from 'zod';
import { exact } from '../../base/exact.js';
import { once } from '../../base/once.js';
import type { RuleDoc, RuleKind } from '../types.js';
import {
  checkBase,
  citing,
  compare,
  field,
  fieldLabel,
  finding,
  missing,
  numberAt,
  numberNear,
  numberText,
  op,
  opText,
  splitPath,
} from './common.js';
import { boundText, unitOf } from './wording.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('threshold'),
    field: field(),
    op: op(),
    value: z.number(),
    unit: z.string().default(''),
    unitEn: z.string().default(''),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '数值与阈值', en: 'a number against a threshold' },
  example: `- { id: B3.1a, rule: threshold, label: 指导师不少于 2 名, field: facts.instructors, op: '>=', value: 2, unit: 人 }
`,
  text: {
    zh: `评分表：\`家庭教育指导师人数 1 人，要求 ≥ 2 人\`。`,
    en: `A number compared with a threshold by an explicit operator.`,
  },
};

export const threshold: RuleKind<Options> = {
  kind: 'threshold',
  doc,
  schema,
  describe: (o) => {
    const l = fieldLabel(o.field);
    const b = boundText(o.op, o.value, unitOf(o));
    return { zh: `${l.zh} ${b.zh}`, en: `${l.en} ${b.en}` };
  },
  fields: (o) => [{ path: o.field.split('.'), expect: 'number', at: ['field'] }],
  evaluate(o, ctx) {
    const v = numberAt(ctx, o.field);
    if (v === undefined) return missing([o.field]);
    const want = exact(o.value);
    return citing(
      finding(compare(v, o.op, want), () => {
        const l = fieldLabel(o.field);
        const sym = opText(o.op);
        const u = o.unit ? ` ${o.unit}` : '';
        const ue = o.unitEn ? ` ${o.unitEn}` : '';
        return {
          zh: `${l.zh} ${numberNear(v, want)}${u}，要求 ${sym.zh} ${numberText(want)}${u}`,
          en: `${l.en} ${numberNear(v, want)}${ue}, required ${sym.en} ${numberText(want)}${ue}`,
        };
      }),
      [splitPath(o.field)],
    );
  },
};
