// The share of ledger records that meet a condition: "每次作业有批改" is graded records ÷ homework records = 100%.

import * as z from 'zod';
import { div, exact, mul } from '../../base/exact.js';
import { once } from '../../base/once.js';
import type { RuleDoc, RuleKind } from '../types.js';
import {
  checkBase,
  citing,
  compare,
  condition,
  entryPaths,
  finding,
  meets,
  numberNear,
  op,
  opText,
  recordFieldLabel,
  selection,
  selectionFields,
  selectionLabel,
  selectRecords,
  typesOf,
} from './common.js';
import { conditionText, selectionText } from './wording.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('share'),
    records: selection(),
    /** What each record must meet. */
    where: z.array(condition()).min(1),
    op: op().default('>='),
    /** A percentage: 100 means every record. */
    value: z.number().min(0).max(100),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '满足条件的记录所占比例', en: 'the share of records meeting a condition' },
  example: `- { id: B6.2b, rule: share, label: 每次作业有批改, records: { type: homework }, where: [{ field: graded, value: true }], op: '>=', value: 100 }
`,
  text: {
    zh: `\`value\` 是百分数；没有任何记录时不通过。评分表：\`家长作业记录中作业有批改 8/9 条（88.89%），要求全部\`。`,
    en: `The percentage of records meeting a condition; no records at all fails.`,
  },
};

export const share: RuleKind<Options> = {
  kind: 'share',
  doc,
  schema,
  describe: (o) => {
    const s = selectionText(o.records);
    const w = o.where.map(conditionText);
    const [wz, we] = [w.map((x) => x.zh).join('且'), w.map((x) => x.en).join(' and ')];
    const sym = opText(o.op);
    return o.value === 100 && o.op === '>='
      ? { zh: `${s.zh}全部满足“${wz}”（没有记录时不通过）`, en: `every one of the ${s.en}: ${we} (no records fails)` }
      : {
          zh: `${s.zh}中满足“${wz}”的占 ${sym.zh} ${o.value}%（没有记录时不通过）`,
          en: `${sym.en} ${o.value}% of the ${s.en}: ${we} (no records fails)`,
        };
  },
  recordTypes: (o) => typesOf(o.records),
  fields: (o) => [
    ...selectionFields(o.records, ['records']),
    ...selectionFields({ type: o.records.type, where: o.where }, []),
  ],
  evaluate(o, ctx) {
    const records = selectRecords(ctx, o.records);
    // The words of the reason: the records, the fields they must meet, and the share required.
    const words = () => {
      const what = o.where.map((c) => recordFieldLabel(c.field));
      const sym = opText(o.op);
      return {
        l: selectionLabel(o.records),
        whatZh: what.map((w) => w.zh).join('且'),
        whatEn: what.map((w) => w.en).join(' and '),
        want:
          o.value === 100 && o.op === '>='
            ? { zh: '要求全部', en: 'required: all' }
            : { zh: `要求 ${sym.zh} ${o.value}%`, en: `required ${sym.en} ${o.value}%` },
      };
    };
    if (records.length === 0)
      return finding(false, () => {
        const { l, whatZh, whatEn, want } = words();
        return { zh: `没有${l.zh}记录，${want.zh}${whatZh}`, en: `no ${l.en} records; ${want.en} ${whatEn}` };
      });
    let met = 0;
    let unknown = 0;
    const unmet: typeof records = [];
    for (const r of records) {
      const results = o.where.map((c) => meets(ctx, r, c));
      if (results.every((x) => x === true)) met++;
      else {
        unmet.push(r);
        if (results.some((x) => x === undefined)) unknown++;
      }
    }
    const pct = mul(div(exact(met), exact(records.length)), exact(100));
    // The records that fall short, by the ledger entry they were written in.
    return citing(
      finding(compare(pct, o.op, exact(o.value)), () => {
        const { l, whatZh, whatEn, want } = words();
        const blank =
          unknown > 0 ? { zh: `，其中 ${unknown} 条未填写`, en: `; ${unknown} not filled in` } : { zh: '', en: '' };
        const shown = numberNear(pct, exact(o.value));
        return {
          zh: `${l.zh}记录中${whatZh} ${met}/${records.length} 条（${shown}%）${blank.zh}，${want.zh}`,
          en: `${l.en} records ${whatEn}: ${met} of ${records.length} (${shown}%)${blank.en}; ${want.en}`,
        };
      }),
      entryPaths(unmet),
    );
  },
};
