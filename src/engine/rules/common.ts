// Pieces every rule kind shares: the check's common options, operators, field look-up, number wording.

import * as z from 'zod';
import { centsText, cmp, type Exact, exact, toCents } from '../../base/exact.js';
import { once } from '../../base/once.js';
import { evidenceLabel } from '../../evidence/field-labels.js';
import type { LedgerRecord } from '../../evidence/model.js';
import { RECORD_TYPES, type RecordType, STAGES } from '../../evidence/schema.js';
import { lazyText } from '../text.js';
import type { Context, FieldRef, Finding, Text } from '../types.js';

export const OPS = ['>=', '>', '<=', '<', '=='] as const;
export type Op = (typeof OPS)[number];
const OP_TEXT: Record<Op, Text> = {
  '>=': { zh: '≥', en: '≥' },
  '>': { zh: '>', en: '>' },
  '<=': { zh: '≤', en: '≤' },
  '<': { zh: '<', en: '<' },
  '==': { zh: '=', en: '=' },
};
export const opText = (op: Op) => OP_TEXT[op];

export function compare(a: Exact, op: Op, b: Exact): boolean {
  const c = cmp(a, b);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0;
}

function compareNumbers(a: number, op: Op, b: number): boolean {
  return op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : op === '<' ? a < b : a === b;
}

/** Options every check has, whatever its rule. */
export const checkBase = once(() => ({
  id: z.string().regex(/^[A-Za-z0-9.\-_]+$/),
  rule: z.string(),
  label: z.string().min(1),
  en: z.string().optional(),
  points: z.number().positive().optional(),
  appliesTo: z.array(z.enum(STAGES)).min(1).optional(),
  notApplicableTo: z.array(z.enum(STAGES)).min(1).optional(),
  /** Other parameters for some stages, e.g. { kindergarten: { value: 2 } }; checked as the whole check would be. */
  byStage: z.partialRecord(z.enum(STAGES), z.record(z.string(), z.unknown())).optional(),
  note: z.string().optional(),
  /** The note in English, for --lang en (the note itself otherwise). */
  noteEn: z.string().optional(),
}));

export const op = once(() => z.enum(OPS));
/** An evidence field path, e.g. facts.spending. */
export const field = once(() => z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/));
const recordTypes = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]];

export const condition = once(() =>
  z.strictObject({
    field: z.string().regex(/^[A-Za-z]+$/),
    op: op().default('=='),
    value: z.union([z.number(), z.boolean(), z.string()]).optional(),
    /** Compare with an evidence fact instead of a constant, e.g. school.households. */
    ref: field().optional(),
  }),
);
export type Condition = z.infer<ReturnType<typeof condition>>;

export const selection = once(() =>
  z.strictObject({
    type: z.union([z.enum(recordTypes), z.array(z.enum(recordTypes)).min(1)]),
    where: z.array(condition()).optional(),
  }),
);
export type Selection = z.infer<ReturnType<typeof selection>>;

const SPLIT = new Map<string, string[]>();
/** A field path's keys; rubric paths are few and read for every school, so each is split once. */
export function splitPath(path: string): string[] {
  let keys = SPLIT.get(path);
  if (!keys) {
    keys = path.split('.');
    SPLIT.set(path, keys);
  }
  return keys;
}

/** The value at an evidence path, or undefined where the file does not give it. */
export function valueAt(ctx: Context, path: string): unknown {
  let cur: unknown = ctx.evidence.data;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const FIELD_LABELS = new Map<string, Text>();

/** The label of an evidence path; reasons name fields for every check of every school, so each is kept. */
export function fieldLabel(path: string): Text {
  let text = FIELD_LABELS.get(path);
  if (!text) {
    const label = evidenceLabel(splitPath(path));
    text = label ? { zh: label.zh, en: label.en } : { zh: path, en: path };
    FIELD_LABELS.set(path, text);
  }
  return text;
}

const RECORD_FIELD_LABELS = new Map<string, Text>();

/** The label of a ledger record's field; kept, as fieldLabel's are. */
export function recordFieldLabel(name: string): Text {
  let text = RECORD_FIELD_LABELS.get(name);
  if (!text) {
    const label = evidenceLabel(['ledger', 0, name]);
    text = label ? { zh: label.zh, en: label.en } : { zh: name, en: name };
    RECORD_FIELD_LABELS.set(name, text);
  }
  return text;
}

export function typesOf(sel: Selection): RecordType[] {
  return Array.isArray(sel.type) ? sel.type : [sel.type];
}

const SELECTION_LABELS = new WeakMap<Selection, Text>();

/** The record types a selection names; a rubric's selections are read for every school, so each is kept. */
export function selectionLabel(sel: Selection): Text {
  let text = SELECTION_LABELS.get(sel);
  if (!text) {
    // A type named twice ([reading, reading]) is named once.
    const types = [...new Set(typesOf(sel))].map((t) => RECORD_TYPES[t]);
    text = { zh: types.map((t) => t.zh).join('、'), en: types.map((t) => t.en).join(', ') };
    SELECTION_LABELS.set(sel, text);
  }
  return text;
}

export function selectionFields(sel: Selection, at: (string | number)[]): FieldRef[] {
  return (sel.where ?? []).flatMap((c, i): FieldRef[] => {
    const refs: FieldRef[] = [
      {
        path: ['ledger', 0, c.field],
        // Compared with a fact: a number. No value means "is true"; a text value is compared as text.
        expect:
          c.ref !== undefined
            ? 'number'
            : c.value === undefined || typeof c.value === 'boolean'
              ? 'boolean'
              : typeof c.value === 'string'
                ? 'string'
                : 'number',
        at: [...at, 'where', i, 'field'],
      },
    ];
    if (c.ref) refs.push({ path: splitPath(c.ref), expect: 'number', at: [...at, 'where', i, 'ref'] });
    return refs;
  });
}

/** True when the record meets the condition; undefined when a value it needs is missing. */
export function meets(ctx: Context, record: LedgerRecord, c: Condition): boolean | undefined {
  const actual = (record.fields as Record<string, unknown>)[c.field];
  const expected = c.ref !== undefined ? valueAt(ctx, c.ref) : (c.value ?? true);
  if (actual === undefined || expected === undefined) return undefined;
  if (typeof actual === 'number' && typeof expected === 'number') {
    // Finite doubles order as their shortest decimals do (rounding is monotonic, and distinct doubles have
    // distinct shortest decimals), so this is the exact comparison without building two fractions.
    if (Number.isFinite(actual) && Number.isFinite(expected)) return compareNumbers(actual, c.op, expected);
    return compare(exact(actual), c.op, exact(expected));
  }
  const same = actual === expected;
  return c.op === '==' ? same : undefined;
}

export function selectRecords(ctx: Context, sel: Selection): LedgerRecord[] {
  const where = sel.where ?? [];
  const types = typesOf(sel);
  // One type: its records as indexed; several: filtered from all, so they stay in the order written.
  const [only] = types;
  const records =
    types.length === 1 && only !== undefined
      ? (ctx.evidence.recordsByType.get(only) ?? [])
      : ctx.evidence.records.filter((r) => types.includes(r.type));
  return where.length === 0 ? records : records.filter((r) => where.every((c) => meets(ctx, r, c) === true));
}

/** Numbers as a person reads them: whole numbers plain, others with two decimals. */
export function numberText(x: Exact): string {
  return x.d === 1n ? x.n.toString() : centsText(toCents(x));
}

/**
 * A number shown beside a threshold: where two decimals would make it look equal to the threshold while it
 * is not (49.996 vs 50), more decimals are shown, so the reason never contradicts the outcome.
 */
export function numberNear(x: Exact, threshold: Exact): string {
  const plain = numberText(x);
  if (cmp(x, threshold) === 0 || toCents(x) !== toCents(threshold)) return plain;
  for (let digits = 3; digits <= 8; digits++) {
    const scale = 10n ** BigInt(digits);
    const scaled = (x.n * scale * 2n + x.d) / (2n * x.d);
    const t = (threshold.n * scale * 2n + threshold.d) / (2n * threshold.d);
    if (scaled !== t) {
      const s = scaled.toString().padStart(digits + 1, '0');
      return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
    }
  }
  return plain;
}

export function missing(paths: string[]): Finding {
  return { outcome: 'missing', reason: lazyText(() => missingText(paths)), missing: paths };
}

/** "缺少数据: …": "ledger.completed" names a field of ledger records, not a path of the file; each field once. */
function missingText(paths: string[]): Text {
  const labels = [...new Set(paths)].map((p) =>
    p.startsWith('ledger.') ? recordFieldLabel(p.slice('ledger.'.length)) : fieldLabel(p),
  );
  return {
    zh: `缺少数据: ${labels.map((l) => l.zh).join('、')}`,
    en: `missing data: ${labels.map((l) => l.en).join(', ')}`,
  };
}

/** A pass or a fail, with its reason (built when first read: text.ts). */
export const finding = (pass: boolean, reason: () => Text): Finding => ({
  outcome: pass ? 'pass' : 'fail',
  reason: lazyText(reason),
});

/** A number at a path, exact; undefined where it is missing. */
export function numberAt(ctx: Context, path: string): Exact | undefined {
  const v = valueAt(ctx, path);
  return typeof v === 'number' ? exact(v) : undefined;
}

/**
 * A pass worth part of the check's points (a tier, a level), with where its figure was written (`cites`, when
 * it loses points). Built field by field: a spread of findings, which come in several shapes, is slow in Node 20.
 */
export function partialPass(reason: () => Text, share: Exact, cites?: (string | number)[][]): Finding {
  const f = finding(true, reason);
  f.share = share;
  if (cites && cites.length > 0) f.cites = cites;
  return f;
}

/** A finding with the evidence behind it: on a failure only (a pass needs no pointer), and only paths given. */
export function citing(f: Finding, paths: (string | number)[][]): Finding {
  // Object.assign, not a spread: findings come in several shapes, and Node 20 spreads such objects slowly.
  return f.outcome === 'fail' && paths.length > 0 ? Object.assign({}, f, { cites: paths }) : f;
}

/** The ledger entries the records were written in, each once, in the order written: ["ledger", 3]. */
export function entryPaths(records: readonly LedgerRecord[]): (string | number)[][] {
  const seen = new Set<number>();
  const out: (string | number)[][] = [];
  for (const r of records) {
    if (seen.has(r.entry)) continue;
    seen.add(r.entry);
    out.push(['ledger', r.entry]);
  }
  return out;
}
