// A count of ledger records per term or per year: "每学期举办专题培训讲座不少于2次".

import * as z from 'zod';
import { exact } from '../../base/exact.js';
import { once } from '../../base/once.js';
import { countOf } from '../../i18n/messages.js';
import { termIndexOf } from '../calendar.js';
import type { RuleDoc, RuleKind } from '../types.js';
import {
  checkBase,
  compare,
  finding,
  op,
  opText,
  selection,
  selectionFields,
  selectionLabel,
  selectRecords,
  typesOf,
} from './common.js';
import { selectionText } from './wording.js';

const schema = once(() =>
  z.strictObject({
    ...checkBase(),
    rule: z.literal('count'),
    records: selection(),
    per: z.enum(['term', 'year']),
    op: op().default('>='),
    value: z.number().int().nonnegative(),
  }),
);
type Options = z.infer<ReturnType<typeof schema>>;

const TERM_NAMES = [
  { zh: '第一学期', en: 'term 1' },
  { zh: '第二学期', en: 'term 2' },
];

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '按学期或学年计数台账记录', en: 'records per term or per year' },
  example: `- { id: B6.3a, rule: count, label: 每学期专题讲座不少于 2 次, records: { type: lecture }, per: term, op: '>=', value: 2 }
`,
  text: {
    zh: `\`per: term\` 要求两个学期**各自**满足；只计该学期内的日期。\`records.where\` 可以按记录字段筛选，例如
\`where: [{ field: reached, op: '>=', ref: school.households }]\`（与某个事实比较）或 \`where: [{ field: graded, value: true }]\`。
评分表：\`专题培训讲座：第一学期 2 次、第二学期 1 次，要求每学期 ≥ 2 次\`。`,
    en: `Ledger records counted per term (each term on its own) or per academic year, optionally filtered by their fields.`,
  },
};

export const count: RuleKind<Options> = {
  kind: 'count',
  doc,
  schema,
  describe: (o) => {
    const s = selectionText(o.records);
    const sym = opText(o.op);
    return o.per === 'term'
      ? {
          zh: `每学期（两个学期各自）${s.zh} ${sym.zh} ${o.value} 次`,
          en: `${s.en}: ${sym.en} ${o.value} in each term`,
        }
      : { zh: `本学年${s.zh} ${sym.zh} ${o.value} 次`, en: `${s.en}: ${sym.en} ${o.value} in the academic year` };
  },
  fields: (o) => selectionFields(o.records, ['records']),
  recordTypes: (o) => typesOf(o.records),
  evaluate(o, ctx) {
    const records = selectRecords(ctx, o.records);
    const l = selectionLabel(o.records);
    const sym = opText(o.op);
    const want = exact(o.value);
    if (o.per === 'year') {
      const n = records.length;
      return finding(compare(exact(n), o.op, want), () => ({
        zh: `本学年${l.zh} ${n} 次，要求 ${sym.zh} ${o.value} 次`,
        en: `${l.en}: ${n} in the year, required ${sym.en} ${o.value}`,
      }));
    }
    const terms = ctx.calendar.terms;
    // One pass over the records: each date is placed in its term (or none) once.
    const perTerm = terms.map(() => 0);
    for (const r of records) {
      const i = termIndexOf(terms, r.date);
      if (i >= 0) perTerm[i] = (perTerm[i] ?? 0) + 1;
    }
    const pass = perTerm.every((n) => compare(exact(n), o.op, want));
    const name = (i: number) => TERM_NAMES[i] ?? { zh: `第${i + 1}学期`, en: `term ${i + 1}` };
    return finding(pass, () => ({
      zh: `${l.zh}：${perTerm.map((n, i) => `${name(i).zh} ${n} 次`).join('、')}，要求每学期 ${sym.zh} ${o.value} 次`,
      // "term 1: 2 times": a count beside a term's number reads as one number without them.
      en: `${l.en}: ${perTerm.map((n, i) => `${name(i).en}: ${countOf(n, 'time')}`).join(', ')}; required ${sym.en} ${o.value} each term`,
    }));
  },
};
