// A quantity a ratio is built from: an evidence fact, a sum of a field over ledger records, or a record count.

import * as z from 'zod';
import { div, type Exact, exact, isZero, mul, sum } from '../../base/exact.js';
import { once } from '../../base/once.js';
import type { RecordType } from '../../evidence/schema.js';
import type { Context, FieldRef, Text } from '../types.js';
import {
  field,
  fieldLabel,
  numberAt,
  recordFieldLabel,
  selection,
  selectionFields,
  selectionLabel,
  selectRecords,
  splitPath,
  typesOf,
} from './common.js';

export const quantity = once(() =>
  z.union([
    z.strictObject({ field: field() }),
    z.strictObject({ sum: z.string().regex(/^[A-Za-z]+$/), records: selection() }),
    z.strictObject({ count: selection() }),
  ]),
);
export type Quantity = z.infer<ReturnType<typeof quantity>>;

export function quantityFields(q: Quantity, at: (string | number)[]): FieldRef[] {
  if ('field' in q) return [{ path: q.field.split('.'), expect: 'number', at: [...at, 'field'] }];
  if ('sum' in q)
    return [
      { path: ['ledger', 0, q.sum], expect: 'number', at: [...at, 'sum'] },
      ...selectionFields(q.records, [...at, 'records']),
    ];
  return selectionFields(q.count, [...at, 'count']);
}

/** The evidence a quantity stands on, for citations: its field; a sum or count over records, none (too many). */
export function quantityCites(q: Quantity): (string | number)[][] {
  return 'field' in q ? [splitPath(q.field)] : [];
}

export function quantityRecordTypes(q: Quantity): RecordType[] {
  return 'sum' in q ? typesOf(q.records) : 'count' in q ? typesOf(q.count) : [];
}

export function quantityLabel(q: Quantity): Text {
  if ('field' in q) return fieldLabel(q.field);
  if ('sum' in q) {
    const f = recordFieldLabel(q.sum);
    return { zh: `${f.zh}合计`, en: `total ${f.en}` };
  }
  const s = selectionLabel(q.count);
  return { zh: `${s.zh}次数`, en: `number of ${s.en} records` };
}

/** The value, or the evidence path that is missing. */
export function quantityValue(ctx: Context, q: Quantity): { value: Exact } | { missing: string } {
  if ('field' in q) {
    const v = numberAt(ctx, q.field);
    return v === undefined ? { missing: q.field } : { value: v };
  }
  if ('count' in q) return { value: exact(selectRecords(ctx, q.count).length) };
  const values = selectRecords(ctx, q.records)
    .map((r) => (r.fields as Record<string, unknown>)[q.sum])
    .filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return { missing: `ledger.${q.sum}` };
  return { value: sum(values.map(exact)) };
}

/**
 * numerator ÷ denominator, as percent when asked: the value, or the fields missing, or a zero denominator
 * (whose label the caller names). Shared by `ratio` and `tiers`.
 */
export function ratioValue(
  ctx: Context,
  numerator: Quantity,
  denominator: Quantity,
  percent: boolean,
): { value: Exact; num: Exact; den: Exact } | { missing: string[] } | { zero: Text } {
  const num = quantityValue(ctx, numerator);
  const den = quantityValue(ctx, denominator);
  if (!('value' in num) || !('value' in den))
    return { missing: [num, den].flatMap((q) => ('missing' in q ? [q.missing] : [])) };
  if (isZero(den.value)) return { zero: quantityLabel(denominator) };
  const r = div(num.value, den.value);
  return { value: percent ? mul(r, exact(100)) : r, num: num.value, den: den.value };
}
