// Yes/no: a fact the school states, such as "有家庭教育学习和交流制度".

import * as z from 'zod';
import { once } from '../../base/once.js';
import type { RuleDoc, RuleKind } from '../types.js';
import { checkBase, citing, field, fieldLabel, finding, missing, splitPath, valueAt } from './common.js';

const schema = once(() => z.strictObject({ ...checkBase(), rule: z.literal('flag'), field: field() }));
type Options = z.infer<ReturnType<typeof schema>>;

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '是否', en: 'yes/no' },
  example: `- { id: B1.2a, rule: flag, label: 有家庭教育学习和交流制度, field: facts.studyExchangeSystem }
`,
  text: {
    zh: `评分表：\`✗ B1.2a 有家庭教育学习和交流制度：否\`。字段缺失时：\`缺少数据: 有家庭教育学习和交流制度\`。`,
    en: `A yes/no fact the school states; it passes when the fact is true.`,
  },
};

export const flag: RuleKind<Options> = {
  kind: 'flag',
  doc,
  schema,
  describe: (o) => {
    const l = fieldLabel(o.field);
    return { zh: `${l.zh}：是（true）`, en: `${l.en}: yes (true)` };
  },
  fields: (o) => [{ path: o.field.split('.'), expect: 'boolean', at: ['field'] }],
  evaluate(o, ctx) {
    const v = valueAt(ctx, o.field);
    if (typeof v !== 'boolean') return missing([o.field]);
    return citing(
      finding(v, () => {
        const l = fieldLabel(o.field);
        return { zh: `${l.zh}：${v ? '是' : '否'}`, en: `${l.en}: ${v ? 'yes' : 'no'}` };
      }),
      [splitPath(o.field)],
    );
  },
};
