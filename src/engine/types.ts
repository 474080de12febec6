// The engine's vocabulary: rule kinds turn evidence into findings; scoring turns findings into points.
import type * as z from 'zod';
import type { Exact } from '../base/exact.js';
import type { Evidence } from '../evidence/model.js';
import type { RecordType, Stage } from '../evidence/schema.js';
import type { SchoolCalendar } from './calendar.js';

/** A text in both languages; renderers pick one. */
export interface Text {
  zh: string;
  en: string;
}

/**
 * What a rule says of the evidence: pass, fail, or missing (a fact it needs is absent — a fail with the
 * reason "缺少数据"). Not-applicable is decided before a rule runs, from the check's stages.
 */
export interface Finding {
  outcome: 'pass' | 'fail' | 'missing';
  /**
   * Made when first read (engine/text.ts): read `zh` or `en`, or copy it with `plainText`, before spreading or
   * structured-cloning it. A sheet's reasons are plain copies.
   */
  reason: Text;
  /** Part of the check's points earned on a pass (tiers, levels); all of them when absent. */
  share?: Exact;
  /** Evidence paths of the facts that were missing, e.g. "facts.spending". */
  missing?: string[];
  /**
   * Where in the evidence a failure (or a tier below the top) comes from: paths such as ["facts", "spending"]
   * or ["ledger", 3], each present in the file. Positions are resolved outside the engine (report/citations.ts).
   */
  cites?: (string | number)[][];
}

export interface Context {
  evidence: Evidence;
  calendar: SchoolCalendar;
  stage: Stage;
  /** Evaluates a nested check (any-of / all-of). */
  evaluate(check: CompiledCheck): Finding;
}

/** An evidence field a rule reads: where it sits in the evidence file and what value it must hold. */
export interface FieldRef {
  path: (string | number)[];
  expect: 'number' | 'boolean' | 'string' | 'array' | 'any';
  /** Where in the check's options it was named, for rubric error positions. */
  at: (string | number)[];
}

/** A problem of meaning in a check's options, at a place inside them. */
export interface RubricLint {
  at: (string | number)[];
  code: string;
  params: Record<string, string | number>;
  severity?: 'error' | 'warning';
}

/** A rule kind's own documentation: docs/rubric-language.md is generated from these. */
export interface RuleDoc {
  title: Text;
  /** A check of this kind in YAML, as a rubric writes it. */
  example: string;
  /** What it does and what the sheet shows (Markdown). */
  text: Text;
}

export interface RuleKind<O = unknown> {
  kind: string;
  doc: RuleDoc;
  /** The check's options, common fields included (id, label, points, stages); built on first use. */
  schema: () => z.ZodType<O>;
  fields(options: O): FieldRef[];
  /** The requirement in words with its numbers, from the options alone: "家庭教育讲师人数 ≥ 10 人" (`jiaxiao explain`). */
  describe(options: O): Text;
  /** For rules that earn part of their points (tiers, levels): the most they can earn; the check's points must equal it. */
  maxPoints?(options: O): number;
  /** Problems of meaning in valid options (a tier that can never be reached…), for the rubric loader. */
  lint?(options: O): RubricLint[];
  /** Ledger record types the rule reads: a file with none of them is incomplete for this check. */
  recordTypes?(options: O): RecordType[];
  /** For combinations: how many of its `parts` must be complete (or pass) for the whole to be; all by default. */
  need?(options: O, parts: number): number;
  /** Nested raw checks (any-of / all-of) with their place in the options. */
  children?(options: O): { at: (string | number)[]; raw: unknown }[];
  evaluate(options: O, ctx: Context, children: CompiledCheck[]): Finding;
}

export interface CompiledCheck {
  id: string;
  label: Text;
  kind: RuleKind<unknown>;
  options: unknown;
  /** The options for a stage with parameters of its own (byStage). */
  optionsFor?: Partial<Record<Stage, unknown>>;
  /** Explicit points, when the rubric overrides the equal share. */
  points?: number;
  appliesTo?: Stage[];
  children: CompiledCheck[];
}
