// One registry of the Chinese and English label of every evidence field. The JSON Schema's titles, the
// messages and the sheet's reasons all read labels from here, so each label is written once.

import * as z from 'zod';
import { once } from '../base/once.js';

export interface Label {
  zh: string;
  en: string;
  /** What to write, shown in the JSON Schema and in messages, e.g. "写整数，如 1200". */
  hint?: string;
  /** For a field that takes one of a few values: each value's Chinese and English name. */
  values?: Record<string, { zh: string; en: string }>;
}

/** Made on first use: loading zod costs a start ~2 ms, and a run of a plain file needs none of it. */
const labels = once(() => z.registry<Label>());

/**
 * Attaches a label to a schema: in the registry for messages, as title/description for the JSON Schema.
 * The schema itself is labelled, not a copy (`.meta()` would clone it: the evidence schema's ~130 labelled
 * fields built twice, a few milliseconds of every start); a schema labelled already is copied first, so that
 * one instance used twice keeps both labels.
 */
export function labelled<T extends z.ZodType>(
  schema: T,
  zh: string,
  en: string,
  hint?: string,
  values?: Record<string, { zh: string; en: string }>,
): T {
  const meta = { title: zh, description: hint ? `${zh}（${en}）。${hint}` : `${zh}（${en}）` };
  const target = labels().has(schema) ? (schema.meta(meta) as T) : schema;
  if (target === schema) z.globalRegistry.add(schema, meta);
  labels().add(target, { zh, en, ...(hint ? { hint } : {}), ...(values ? { values } : {}) });
  return target;
}

export type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  entries?: Record<string, string>;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
};

export const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The schema one wrapper in (optional, default, nullable, pipe), or undefined at the schema itself. A pipe is a
 * schema then a transform (value → value), or a preprocess (transform → schema): the schema is followed.
 */
export function innerSchema(s: z.ZodType): z.ZodType | undefined {
  const def = defOf(s);
  const pipeTo = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
  return def.innerType ?? (def.type === 'pipe' ? pipeTo : undefined);
}

/** Strips optional/default/nullable/pipe wrappers, collecting labels on the way. */
function unwrap(s: z.ZodType): { schema: z.ZodType; label?: Label } {
  let label = labels().get(s);
  let cur = s;
  for (;;) {
    const next = innerSchema(cur);
    if (!next) return { schema: cur, ...(label ? { label } : {}) };
    cur = next;
    label ??= labels().get(cur);
  }
}

/** The child schema at one step of a path (an object key or an array index), if the schema has one. */
export function childSchema(s: z.ZodType, key: string | number): z.ZodType | undefined {
  const { schema } = unwrap(s);
  const def = defOf(schema);
  if (def.type === 'object' && typeof key === 'string') return def.shape?.[key];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const o of def.options ?? []) {
      const c = childSchema(o, key);
      if (c) return c;
    }
  }
  return undefined;
}

/** The schema and label at a path, or undefined where the path leaves the schema. */
export function schemaAt(
  root: z.ZodType,
  path: readonly (string | number)[],
): { schema: z.ZodType; label?: Label } | undefined {
  let cur: z.ZodType | undefined = root;
  for (const key of path) {
    cur = childSchema(cur, key);
    if (!cur) return undefined;
  }
  return unwrap(cur);
}

/** The nearest label along a path: the field's own, else its parent's, and so on. */
export function labelAt(root: z.ZodType, path: readonly (string | number)[]): Label | undefined {
  // Reasons name fields for every check of every school: remember each path (indices alike) once looked up.
  let memo = LABELS_AT.get(root);
  if (!memo) {
    memo = new Map();
    LABELS_AT.set(root, memo);
  }
  const key = labelKey(path);
  if (memo.has(key)) return memo.get(key);
  let label: Label | undefined;
  for (let n = path.length; n > 0 && !label; n--) label = schemaAt(root, path.slice(0, n))?.label;
  memo.set(key, label);
  return label;
}

const LABELS_AT = new WeakMap<z.ZodType, Map<string, Label | undefined>>();

/** The known keys of the object at a path, for "did you mean" suggestions. */
export function keysAt(root: z.ZodType, path: readonly (string | number)[]): string[] {
  const found = schemaAt(root, path);
  if (!found) return [];
  const def = defOf(found.schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  // A record keyed by an enum (byStage: { kindergarten: … }): its keys are the enum's values.
  const key = def.type === 'record' && def.keyType ? defOf(def.keyType) : undefined;
  return key?.type === 'enum' ? Object.values(key.entries ?? {}) : [];
}

/** The known keys of the object at a path with their labels, for matching a key written by its Chinese name. */
export function labelledKeysAt(
  root: z.ZodType,
  path: readonly (string | number)[],
): { key: string; zh: string; en: string }[] {
  return keysAt(root, path).flatMap((key) => {
    const label = schemaAt(root, [...path, key])?.label;
    return label ? [{ key, zh: label.zh, en: label.en }] : [];
  });
}

/** The kind of value a field holds, for the rubric's field checks. */
export function valueKind(schema: z.ZodType): string {
  return defOf(unwrap(schema).schema).type;
}

/** A path as labels are kept by: every index alike, keys apart by NUL (a key may hold a dot). */
export const labelKey = (path: readonly (string | number)[]): string =>
  path.map((k) => (typeof k === 'number' ? '#' : k)).join('\u0000');

/**
 * The label of every path the schema spells out (object keys, and one index for lists; not the free keys of a
 * record), as labelAt gives it: null where it gives none.
 */
export function labelTable(root: z.ZodType): Record<string, Label | null> {
  const table: Record<string, Label | null> = {};
  const visit = (schema: z.ZodType, path: (string | number)[]) => {
    if (path.length > 0) table[labelKey(path)] = labelAt(root, path) ?? null;
    const def = defOf(unwrap(schema).schema);
    if (def.type === 'object') for (const [key, child] of Object.entries(def.shape ?? {})) visit(child, [...path, key]);
    else if (def.type === 'array' && def.element) visit(def.element, [...path, 0]);
  };
  visit(root, []);
  return table;
}
