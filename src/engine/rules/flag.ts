// Yes/no: a fact the school states, such as "有家庭教育学习和交流制度".
import * as z from 'zod';
import type { RuleKind } from '../types.js';
import { checkBase, field, fieldLabel, finding, missing, once, valueAt } from './common.js';

const schema = once(() => z.strictObject({ ...checkBase(), rule: z.literal('flag'), field: field() }));
type Options = z.infer<ReturnType<typeof schema>>;

export const flag: RuleKind<Options> = {
  kind: 'flag',
  schema,
  fields: (o) => [{ path: o.field.split('.'), expect: 'boolean', at: ['field'] }],
  evaluate(o, ctx) {
    const v = valueAt(ctx, o.field);
    if (typeof v !== 'boolean') return missing([o.field]);
    const l = fieldLabel(o.field);
    return finding(v, `${l.zh}：${v ? '是' : '否'}`, `${l.en}: ${v ? 'yes' : 'no'}`);
  },
};
