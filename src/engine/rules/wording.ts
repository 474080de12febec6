// A check's requirement in words, with its numbers ("家庭教育讲师人数 ≥ 10 人"): the pieces every rule kind's
// `describe` shares. `jiaxiao explain` shows them; they read the options only, never evidence.
import type { Text } from '../types.js';
import {
  type Condition,
  fieldLabel,
  type Op,
  opText,
  recordFieldLabel,
  type Selection,
  selectionLabel,
} from './common.js';
import type { Quantity } from './quantity.js';

/** "作业有批改", "到达家庭数 ≥ 学生家庭户数", "形式 = 线上微课". */
export function conditionText(c: Condition): Text {
  const f = recordFieldLabel(c.field);
  if (c.ref !== undefined) {
    const r = fieldLabel(c.ref);
    const sym = opText(c.op);
    return { zh: `${f.zh} ${sym.zh} ${r.zh}`, en: `${f.en} ${sym.en} ${r.en}` };
  }
  if (c.value === undefined || c.value === true) return f;
  if (c.value === false) return { zh: `${f.zh}为否`, en: `${f.en}: no` };
  const sym = opText(c.op);
  return { zh: `${f.zh} ${sym.zh} ${c.value}`, en: `${f.en} ${sym.en} ${c.value}` };
}

/** "家长作业记录" or "家庭教育指导课程或菜单记录（到达家庭数 ≥ 学生家庭户数）". */
export function selectionText(sel: Selection): Text {
  const l = selectionLabel(sel);
  const where = (sel.where ?? []).map(conditionText);
  if (where.length === 0) return { zh: `${l.zh}记录`, en: `${l.en} records` };
  return {
    zh: `${l.zh}记录（${where.map((w) => w.zh).join('且')}）`,
    en: `${l.en} records (${where.map((w) => w.en).join(' and ')})`,
  };
}

/** A quantity as a formula's term: a field's label, "完成作业的家庭数合计", "专题培训讲座记录条数". */
export function quantityText(q: Quantity): Text {
  if ('field' in q) return fieldLabel(q.field);
  if ('sum' in q) {
    const f = recordFieldLabel(q.sum);
    const s = selectionText(q.records);
    return { zh: `${s.zh}的${f.zh}合计`, en: `total ${f.en} of ${s.en}` };
  }
  const s = selectionText(q.count);
  return { zh: `${s.zh}条数`, en: `number of ${s.en}` };
}

/** "≥ 20 元", "≥ 50%". */
export function boundText(op: Op, value: number, unit: Text): Text {
  const sym = opText(op);
  return { zh: `${sym.zh} ${value}${unit.zh}`, en: `${sym.en} ${value}${unit.en}` };
}

/** A unit as shown after a number: "%" for a percentage, " 元" for a unit, nothing otherwise. */
export function unitOf(o: { percent?: boolean; unit?: string; unitEn?: string }): Text {
  if (o.percent) return { zh: '%', en: '%' };
  return { zh: o.unit ? ` ${o.unit}` : '', en: o.unitEn ? ` ${o.unitEn}` : '' };
}
