// Rubric text → Rubric, or problems located in the rubric file. A rubric checks itself on load: known rule
// kinds, known evidence fields, unique ids, and points that add up.

import type * as z from 'zod';
import { add, centsText, cmp, div, type Exact, exact, exactText, mul, sub, sum, toCents, ZERO } from '../base/exact.js';
import { hasErrors, type Problem, pathText, type Severity } from '../base/problem.js';
import { PARSE } from '../base/zod-parse.js';
import type { Rubric, RubricExtra, RubricGroup, RubricItem, RubricVeto, WeightedCheck } from '../engine/model.js';
import { RULE_KINDS } from '../engine/rules/index.js';
import type { CompiledCheck, FieldRef, RuleKind } from '../engine/types.js';
import { issuesToProblems, nearest } from '../evidence/issues.js';
import { schemaAt, valueKind } from '../evidence/labels.js';
import { evidenceSchema, STAGE_LABELS, STAGES, type Stage } from '../evidence/schema.js';
import { decodeBytes, plainLines } from '../io/decode.js';
import { locate, parseYaml, type YamlSource } from '../io/yaml.js';
import { type RubricData, rubricSchema } from './schema.js';

export interface LoadedRubric {
  rubric?: Rubric;
  /** The rubric file's data with every default filled in: what the bundle embeds for the default rubric. */
  data?: RubricData;
  problems: Problem[];
}

type Path = (string | number)[];

const ZOD_KIND: Record<FieldRef['expect'], string[]> = {
  number: ['number'],
  boolean: ['boolean'],
  string: ['string', 'enum'],
  array: ['array'],
  any: ['number', 'boolean', 'string', 'enum'],
};

export function loadRubricBytes(bytes: Uint8Array, file?: string): LoadedRubric {
  const decoded = decodeBytes(bytes);
  if (decoded.text === undefined || hasErrors(decoded.problems))
    return { problems: decoded.problems.map((p) => ({ ...p, ...(file ? { file } : {}) })) };
  return loadRubricText(decoded.text, file);
}

export function loadRubricText(text: string, file?: string): LoadedRubric {
  const yaml = parseYaml(plainLines(text));
  const withFile = (ps: Problem[]) => ps.map((p) => ({ ...p, ...(file ? { file } : {}) }));
  const early = withFile(yaml.problems);
  if (!yaml.source) return { problems: early };
  const value = yaml.value;
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !('groups' in value || 'schemaVersion' in value)
  ) {
    return {
      problems: [
        ...early,
        { severity: 'error', code: 'file.notRubric', params: {}, line: 1, col: 1, ...(file ? { file } : {}) },
      ],
    };
  }
  const parsed = rubricSchema().safeParse(value, { ...PARSE, reportInput: true });
  if (!parsed.success)
    return { problems: [...early, ...issuesToProblems(parsed.error.issues, rubricSchema(), yaml.source, file)] };
  const c = new Compiler(yaml.source, file);
  const rubric = c.rubric(parsed.data);
  const problems = [...early, ...c.problems];
  return hasErrors(problems) ? { problems } : { rubric, data: parsed.data, problems };
}

/**
 * Compiles rubric data that was validated when the bundle was built (the embedded default): no YAML, no
 * schema checks, so start-up stays fast. Anything else goes through loadRubricText.
 */
export function compileValidatedRubric(data: RubricData): Rubric {
  return new Compiler(undefined, undefined).rubric(data);
}

class Compiler {
  problems: Problem[] = [];
  private ids = new Map<string, Path>();

  /** Without a source the data was validated at build time: checks are trusted as they are. */
  constructor(
    private source: YamlSource | undefined,
    private file: string | undefined,
  ) {}

  private report(path: Path, code: string, params: Problem['params'], atKey = false, severity: Severity = 'error') {
    if (!this.source) throw new Error(`embedded rubric problem ${code} at ${pathText(path)}`);
    this.problems.push({
      severity,
      code,
      params,
      path: pathText(path),
      ...locate(this.source, path, atKey),
      ...(this.file ? { file: this.file } : {}),
    });
  }

  private claim(id: string, path: Path) {
    const first = this.ids.get(id);
    if (first)
      this.report([...path, 'id'], 'rubric.duplicateId', {
        id,
        first: this.source ? locate(this.source, [...first, 'id']).line : 0,
      });
    else this.ids.set(id, path);
  }

  /** `at` is the key that states the whole: a group's `points`, or the rubric's `total`. */
  private sumsTo(parts: Exact[], whole: Exact, at: Path, what: string) {
    const total = sum(parts);
    if (cmp(total, whole) !== 0)
      this.report(at, 'rubric.pointsSum', {
        what,
        sum: exactText(total),
        points: exactText(whole),
      });
  }

  /**
   * Splits `whole` among parts: explicit points stay, the rest share what is left equally. Where the whole
   * itself is wrong (undefined: already reported above), nothing below is reported again.
   */
  private shares(
    explicit: (number | undefined)[],
    whole: Exact | undefined,
    path: Path,
    childKey: string,
  ): (Exact | undefined)[] {
    if (whole === undefined) return explicit.map((p) => (p === undefined ? undefined : exact(p)));
    const fixed = explicit.reduce<Exact>((acc, p) => (p === undefined ? acc : add(acc, exact(p))), ZERO);
    const open = explicit.filter((p) => p === undefined).length;
    const left = sub(whole, fixed);
    if (cmp(left, ZERO) < 0 || (open === 0 && cmp(left, ZERO) !== 0) || (open > 0 && cmp(left, ZERO) === 0)) {
      this.report([...path, 'points'], 'rubric.sharesSum', {
        child: childKey,
        fixed: exactText(fixed),
        points: exactText(whole),
      });
      return explicit.map(() => undefined);
    }
    const each = open > 0 ? div(left, exact(open)) : ZERO;
    return explicit.map((p) => (p === undefined ? each : exact(p)));
  }

  rubric(data: RubricData): Rubric {
    const groups = data.groups.map((g, gi) => {
      const gPath: Path = ['groups', gi];
      this.claim(g.id, gPath);
      const indicators = g.indicators.map((b, bi) => {
        const bPath: Path = [...gPath, 'indicators', bi];
        this.claim(b.id, bPath);
        const itemPoints = this.shares(
          b.items.map((it) => it.points),
          exact(b.points),
          bPath,
          'items',
        );
        const items = b.items.map((it, ii): RubricItem => {
          const iPath: Path = [...bPath, 'items', ii];
          this.claim(it.id, iPath);
          const checks = it.checks.map((raw, ci) => {
            const compiled = this.check(raw, [...iPath, 'checks', ci]);
            // Keep the check with its defaults filled in, for the embedded copy.
            if (compiled) it.checks[ci] = compiled.options as typeof raw;
            return compiled;
          });
          const weights = this.shares(
            checks.map((c) => c?.points),
            itemPoints[ii],
            iPath,
            'checks',
          );
          checks.forEach((c, ci) => {
            const weight = weights[ci];
            if (!c || !weight) return;
            // Every stage's options must top out at the check's points.
            const tops = [c.options, ...Object.values(c.optionsFor ?? {})].map((x) => c.kind.maxPoints?.(x as never));
            const most = tops.find((t) => t !== undefined && cmp(weight, exact(t)) !== 0);
            if (most !== undefined)
              this.report([...iPath, 'checks', ci], 'rubric.partialPoints', {
                id: c.id,
                most,
                points: exactText(weight),
              });
          });
          return {
            id: it.id,
            text: { zh: it.text, en: it.en ?? it.text },
            points: itemPoints[ii] ?? ZERO,
            checks: checks.flatMap((c, ci): WeightedCheck[] => (c ? [{ ...c, weight: weights[ci] ?? ZERO }] : [])),
          };
        });
        return { id: b.id, name: { zh: b.name, en: b.en ?? b.name }, points: exact(b.points), items };
      });
      this.sumsTo(
        g.indicators.map((b) => exact(b.points)),
        exact(g.points),
        [...gPath, 'points'],
        g.id,
      );
      return { id: g.id, name: { zh: g.name, en: g.en ?? g.name }, points: exact(g.points), indicators };
    });
    this.sumsTo(
      data.groups.map((g) => exact(g.points)),
      exact(data.total),
      ['total'],
      data.id,
    );
    const extra = (key: 'bonus' | 'deductions') => {
      const section = data[key];
      if (!section) return undefined;
      const items = section.items.map((it, i): RubricExtra => {
        const at: Path = [key, 'items', i];
        this.claim(it.id, at);
        const check = it.check ? this.check(it.check, [...at, 'check']) : undefined;
        if (check && it.check) it.check = check.options as typeof it.check;
        const per = 'per' in it ? it.per?.field : undefined;
        if (per) this.field({ path: per.split('.'), expect: 'number', at: ['per', 'field'] }, at);
        if (key === 'deductions' && !check && !per) this.report(at, 'rubric.deductionHow', { id: it.id });
        return {
          id: it.id,
          label: { zh: it.label, en: it.en ?? it.label },
          points: exact(it.points),
          ...(check ? { check } : {}),
          ...(per ? { per } : {}),
        };
      });
      return { cap: exact(section.cap), items };
    };
    const levels = (data.levels ?? []).map((l) => ({ name: { zh: l.name, en: l.en ?? l.name }, min: exact(l.min) }));
    const bonus = extra('bonus');
    if (this.source) this.checkLevels(data, groups);
    // One English note for each note: otherwise --lang en would show some notes in the wrong place.
    const notes = data.notes?.length ?? 0;
    if (data.notesEn && data.notesEn.length !== notes)
      this.report(['notesEn'], 'rubric.notesEn', { en: data.notesEn.length, notes });
    const vetoes = (data.vetoes ?? []).flatMap((v, i): RubricVeto[] => {
      const at: Path = ['vetoes', i];
      this.claim(v.id, at);
      if (Array.isArray(v.denies))
        v.denies.forEach((name, j) => {
          if (!levels.some((l) => l.name.zh === name))
            this.report([...at, 'denies', j], 'rubric.unknownLevel', { name });
        });
      const check = this.check(v.check, [...at, 'check']);
      if (!check) return [];
      v.check = check.options as typeof v.check;
      return [{ id: v.id, label: { zh: v.label, en: v.en ?? v.label }, denies: v.denies, check }];
    });
    const deductions = extra('deductions');
    return {
      id: data.id,
      name: { zh: data.name, en: data.en ?? data.name },
      ...(data.source ? { source: data.source } : {}),
      total: exact(data.total),
      calendar: data.calendar,
      notes: (data.notes ?? []).map((zh, k) => ({ zh, en: data.notesEn?.[k] ?? zh })),
      groups,
      ...(bonus ? { bonus } : {}),
      ...(deductions ? { deductions } : {}),
      vetoes,
      levels,
      levelBasis: data.levelBasis,
    };
  }

  /**
   * Numbers a label states must be the check's own parameters: a label saying 不少于 10 名 over a threshold
   * of 8 would tell every school the wrong rule. (Percentages may be written as 50 or 0.5.)
   */
  private labelNumbers(o: { label: string; en?: string }, path: Path) {
    const params = new Set<number>();
    const walk = (v: unknown, key: string) => {
      if (['id', 'label', 'en', 'points', 'note', 'noteEn', 'byStage', 'checks'].includes(key)) return;
      if (typeof v === 'number') for (const x of [v, v * 100, v / 100]) params.add(Math.round(x * 1e6) / 1e6);
      else if (Array.isArray(v)) for (const x of v) walk(x, '');
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(o, '');
    for (const [text, at] of [
      [o.label, 'label'],
      [o.en ?? '', 'en'],
    ] as const) {
      for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) {
        if (!params.has(Number(m[0])))
          this.report([...path, at], 'rubric.labelNumber', { number: m[0], label: text }, false, 'warning');
      }
    }
  }

  /** The most a bonus section can add: its cap, or all its items if they add up to less. */
  private bonusBest(data: RubricData): Exact {
    const section = data.bonus;
    if (!section) return ZERO;
    const items = sum(section.items.map((i) => exact(i.points)));
    section.items.forEach((it, i) => {
      if (it.points > section.cap)
        this.report(['bonus', 'items', i, 'points'], 'rubric.bonusItemOverCap', {
          id: it.id,
          points: it.points,
          cap: section.cap,
        });
    });
    if (section.cap > data.total)
      this.report(['bonus', 'cap'], 'rubric.bonusCapOverTotal', { cap: section.cap, total: data.total });
    return cmp(items, exact(section.cap)) < 0 ? items : exact(section.cap);
  }

  /**
   * Levels rise from the lowest, and each can be reached: its minimum is within the best possible score.
   * The best 折算分 is that of the stage with the least applicable maximum, whose bonus weighs the most.
   */
  private checkLevels(data: RubricData, groups: RubricGroup[]) {
    const levels = data.levels ?? [];
    const bonus = this.bonusBest(data);
    // Points that do not add up were reported already; the best score cannot be known from them.
    if (this.problems.some((p) => p.code === 'rubric.sharesSum' || p.code === 'rubric.pointsSum')) return;
    const maxFor = (stage: Stage) =>
      sum(
        groups.flatMap((g) =>
          g.indicators.flatMap((b) =>
            b.items.flatMap((i) =>
              i.checks.filter((c) => !c.appliesTo || c.appliesTo.includes(stage)).map((c) => c.weight),
            ),
          ),
        ),
      );
    let best = add(exact(data.total), bonus);
    let bestStage: Stage | undefined;
    if (data.levelBasis !== 'total') {
      best = ZERO;
      for (const stage of STAGES) {
        const max = maxFor(stage);
        if (max.n === 0n) continue;
        const normalized = div(mul(add(max, bonus), exact(100)), max);
        if (cmp(normalized, best) > 0) [best, bestStage] = [normalized, stage];
      }
    }
    const seen = new Set<string>();
    levels.forEach((l, i) => {
      const at: Path = ['levels', i];
      if (seen.has(l.name)) this.report([...at, 'name'], 'rubric.duplicateLevel', { name: l.name });
      seen.add(l.name);
      const prev = levels[i - 1];
      if (prev && l.min <= prev.min)
        this.report([...at, 'min'], 'rubric.levelOrder', {
          name: l.name,
          min: l.min,
          prev: prev.name,
          prevMin: prev.min,
        });
      if (cmp(exact(l.min), best) > 0)
        this.report([...at, 'min'], 'rubric.levelUnreachable', {
          name: l.name,
          min: l.min,
          best: centsText(toCents(best)),
          basis: data.levelBasis === 'total' ? '总分' : '折算分',
          stage: bestStage ? STAGE_LABELS[bestStage].zh : '',
        });
    });
  }

  /** `nested`: a part of an any-of / all-of / at-least check. */
  private check(raw: unknown, path: Path, nested = false): CompiledCheck | undefined {
    const ruleName = (raw as { rule?: unknown }).rule;
    const kind = typeof ruleName === 'string' ? RULE_KINDS[ruleName] : undefined;
    if (!kind) {
      const suggestion = nearest(String(ruleName), Object.keys(RULE_KINDS));
      this.report([...path, 'rule'], suggestion ? 'rubric.unknownRuleSuggest' : 'rubric.unknownRule', {
        rule: String(ruleName),
        suggestion: suggestion ?? '',
        known: Object.keys(RULE_KINDS).join(', '),
      });
      return undefined;
    }
    const options = this.options(kind, raw, path);
    if (options === undefined) return undefined;
    const o = options as {
      id: string;
      label: string;
      en?: string;
      points?: number;
      appliesTo?: Stage[];
      notApplicableTo?: Stage[];
    };
    this.claim(o.id, path);
    if (this.source) {
      this.labelNumbers(o, path);
      const both = o.appliesTo && o.notApplicableTo ? o.appliesTo.filter((s) => o.notApplicableTo?.includes(s)) : [];
      if (both.length > 0) this.report([...path, 'notApplicableTo'], 'rubric.stageBoth', { stages: both.join(', ') });
      for (const ref of kind.fields(o as never)) this.field(ref, path);
      for (const l of kind.lint?.(o as never) ?? [])
        this.report([...path, ...l.at], l.code, l.params, false, l.severity);
    }
    if (nested && (o.appliesTo || o.notApplicableTo))
      // A combination decides for all its parts: stages belong on the outer check.
      this.report([...path, o.appliesTo ? 'appliesTo' : 'notApplicableTo'], 'rubric.nestedStages', { id: o.id });
    const children = (kind.children?.(o as never) ?? []).flatMap((c, i) => {
      const compiled = this.check(c.raw, [...path, ...c.at], true);
      const nested = (o as { checks?: unknown[] }).checks;
      if (compiled && nested) nested[i] = compiled.options;
      return compiled ? [compiled] : [];
    });
    const byStage = (o as { byStage?: Record<string, Record<string, unknown>> }).byStage;
    const optionsFor: Partial<Record<Stage, unknown>> = {};
    for (const [stage, override] of Object.entries(byStage ?? {})) {
      // A stage's options are the check's own with the override laid over, checked like any check.
      const merged = this.options(kind, { ...(raw as object), ...override, byStage: undefined }, [
        ...path,
        'byStage',
        stage,
      ]);
      if (merged === undefined) continue;
      optionsFor[stage as Stage] = merged;
      if (this.source) {
        const at: Path = [...path, 'byStage', stage];
        for (const ref of kind.fields(merged as never)) this.field(ref, at);
        for (const l of kind.lint?.(merged as never) ?? [])
          this.report([...at, ...l.at], l.code, l.params, false, l.severity);
      }
    }
    return {
      id: o.id,
      label: { zh: o.label, en: o.en ?? o.label },
      kind: kind as never,
      options: o,
      ...(byStage ? { optionsFor } : {}),
      ...(o.points !== undefined ? { points: o.points } : {}),
      ...this.stages(o),
      children,
    };
  }

  /** A check's options with defaults filled in, or undefined after reporting why they are wrong. */
  private options(kind: RuleKind<never>, raw: unknown, path: Path): unknown {
    if (!this.source) return raw;
    const schema = kind.schema() as z.ZodType;
    const parsed = schema.safeParse(raw, { ...PARSE, reportInput: true });
    if (parsed.success) return parsed.data;
    // Issues of a stage's merged options point at the override when they can, else at the check.
    this.problems.push(...issuesToProblems(parsed.error.issues, schema, this.source, this.file, path));
    return undefined;
  }

  private stages(o: { appliesTo?: string[]; notApplicableTo?: string[] }): Pick<CompiledCheck, 'appliesTo'> {
    if (!o.appliesTo && !o.notApplicableTo) return {};
    const allowed = STAGES.filter((s) => (!o.appliesTo || o.appliesTo.includes(s)) && !o.notApplicableTo?.includes(s));
    return { appliesTo: [...allowed] };
  }

  private field(ref: FieldRef, checkPath: Path) {
    const found = schemaAt(evidenceSchema(), ref.path);
    const shown = ref.path.filter((k) => typeof k === 'string').join('.');
    if (!found) {
      this.report([...checkPath, ...ref.at], 'rubric.unknownField', { field: shown });
      return;
    }
    const kind = valueKind(found.schema);
    if (!ZOD_KIND[ref.expect].includes(kind))
      this.report([...checkPath, ...ref.at], 'rubric.fieldKind', {
        field: shown,
        expected: ref.expect,
        actual: kind,
      });
  }
}
