// An empty value is a field not yet filled in. A template (`jiaxiao init`) leaves blanks after the colon —
// `instructors:` — for the school to fill; where the field may be left out (an optional field, a section, a
// self-score), a blank, or a mapping of nothing but blanks, counts as absent: validate reports it as missing
// data (a warning), and the check that needs it fails with "缺少数据". A blank where a value is required is
// still an error ("值是空的"), at its position.
import type * as z from 'zod';
import { defOf, innerSchema } from './labels.js';

type Walk = { type: string; schema: z.ZodType };

/** Whether the schema takes undefined, and the object, array or record schema under its wrappers. */
function inner(s: z.ZodType): { optional: boolean; node: Walk } {
  let optional = false;
  let cur = s;
  for (;;) {
    const def = defOf(cur);
    if (def.type === 'optional') optional = true;
    const next = innerSchema(cur);
    if (!next) return { optional, node: { type: def.type, schema: cur } };
    cur = next;
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** null, or a mapping with keys whose values are all blank. */
export function isBlank(v: unknown, depth = 0): boolean {
  if (v === null) return true;
  // Past any depth evidence has (YAML aliases can make a value hold itself): not blank, and the walk ends.
  if (!isMapping(v) || depth > MAX_DEPTH) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every((x) => isBlank(x, depth + 1));
}

/** Deeper than any evidence file goes: a value nested further holds itself (through aliases) or is not evidence. */
const MAX_DEPTH = 32;

/**
 * Whether a null is anywhere in the value: without one there is no blank, and nothing to remove. Past MAX_DEPTH
 * the answer is yes, and the walk beside the schema (which ends with the schema) decides.
 */
function holdsNull(v: unknown, depth = 0): boolean {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (holdsNull(x, depth + 1)) return true;
    return false;
  }
  for (const key in v) if (holdsNull((v as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** The value with every blank that may be left out removed; the value itself where there is none. */
export function withoutBlanks(value: unknown, schema: () => z.ZodType): unknown {
  // Most files have no blank: a plain look for null is cheaper than the walk beside the schema (nor is the
  // schema built for them).
  return holdsNull(value) ? removeBlanks(value, schema()) : value;
}

function removeBlanks(value: unknown, schema: z.ZodType): unknown {
  const { node } = inner(schema);
  const def = defOf(node.schema);
  if (node.type === 'array' && Array.isArray(value) && def.element) {
    const element = def.element;
    let changed = false;
    const out = value.map((v) => {
      const w = removeBlanks(v, element);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : value;
  }
  if (!isMapping(value)) return value;
  if (node.type !== 'object' && node.type !== 'record') return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    // Never a key that would reach an object's prototype (the parser reports __proto__ on its own).
    if (key === '__proto__') continue;
    const child =
      node.type === 'object'
        ? def.shape && Object.hasOwn(def.shape, key)
          ? def.shape[key]
          : undefined
        : def.valueType;
    if (!child) continue;
    // Every key of a record may be left out.
    const optional = node.type === 'record' || inner(child).optional;
    const next = optional && isBlank(v) ? undefined : removeBlanks(v, child);
    if (next === v) continue;
    out ??= { ...value };
    if (next === undefined) delete out[key];
    else out[key] = next;
  }
  return out ?? value;
}
