// Which 要点 each evidence field feeds, derived from the compiled rubric (each check's fields and record
// types, as completeness.ts reads them), so that a rubric given with --rubric gets its own map.
import { indicatorsOf, type Rubric } from '../engine/model.js';
import type { CompiledCheck } from '../engine/types.js';
import type { Stage } from '../evidence/schema.js';

/**
 * Keys: a field's path ("facts.instructors", "surveys.parents.satisfied", "projects"), a record type
 * ("ledger:lecture") or a record type's field ("ledger:homework.completed"). Values: the ids of the 要点
 * (or 加分, 扣分, 一票否决 items) it feeds, in rubric order.
 */
export type FieldMap = Map<string, string[]>;

function add(map: FieldMap, key: string, id: string): void {
  const ids = map.get(key) ?? [];
  if (!ids.includes(id)) ids.push(id);
  map.set(key, ids);
}

function addCheck(map: FieldMap, check: CompiledCheck, id: string, stage: Stage | undefined): void {
  const options = (stage ? (check.optionsFor?.[stage] ?? check.options) : check.options) as never;
  const types = check.kind.recordTypes?.(options) ?? [];
  for (const type of types) add(map, `ledger:${type}`, id);
  for (const ref of check.kind.fields(options)) {
    const [first, index, name] = ref.path;
    if (first === 'ledger' && typeof index === 'number') {
      for (const type of types) add(map, `ledger:${type}.${String(name)}`, id);
    } else add(map, ref.path.join('.'), id);
  }
  for (const child of check.children) addCheck(map, child, id, stage);
}

const applies = (check: CompiledCheck, stage: Stage | undefined) =>
  stage === undefined || !check.appliesTo || check.appliesTo.includes(stage);

/** The map for a stage (checks that do not apply to it left out), or for every stage. */
export function fieldMap(rubric: Rubric, stage?: Stage): FieldMap {
  const map: FieldMap = new Map();
  for (const b of indicatorsOf(rubric))
    for (const item of b.items)
      for (const check of item.checks) if (applies(check, stage)) addCheck(map, check, item.id, stage);
  const extras = [...(rubric.bonus?.items ?? []), ...(rubric.deductions?.items ?? [])];
  for (const x of extras) {
    if (x.check && applies(x.check, stage)) addCheck(map, x.check, x.id, stage);
    if (x.per) add(map, x.per, x.id);
  }
  for (const v of rubric.vetoes) if (applies(v.check, stage)) addCheck(map, v.check, v.id, stage);
  return map;
}

/** B3.1 before B10.2: letters as text, numbers as numbers. */
function byId(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const d = i % 2 === 1 ? Number(x) - Number(y) : x < y ? -1 : 1;
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

/** The ids a field feeds: its own, and those of the fields below it (a survey feeds what its counts feed). */
export function idsFor(map: FieldMap, path: string): string[] {
  const ids = new Set<string>();
  for (const [key, list] of map) if (key === path || key.startsWith(`${path}.`)) for (const id of list) ids.add(id);
  return [...ids].sort(byId);
}
