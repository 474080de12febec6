// The sheet: what a person reads. Exact points become hundredths here, once, so that every total shown is
// the sum of the rows shown.
import { cmp, type Exact, ratio, toCents } from '../engine/exact.js';
import type { ExtraResult, ItemResult, ScoredSchool } from '../engine/score.js';
import type { Text } from '../engine/types.js';
import type { Evidence } from '../evidence/model.js';
import type { Stage } from '../evidence/schema.js';
import type { Rubric } from '../rubric/model.js';

export const SHEET_SCHEMA_VERSION = 1;

export interface SheetCheck {
  id: string;
  label: Text;
  passed: boolean;
  applicable: boolean;
  /** True when the check failed because evidence it needs is missing. */
  missing: boolean;
  reason: Text;
}

export interface SheetItem {
  id: string;
  text: Text;
  /** 分值: the rubric's points for this 要点. */
  points: number;
  /** The points that apply to this school (less the checks that do not apply). */
  max: number;
  /** 得分. */
  score: number;
  checks: SheetCheck[];
}

export interface SheetIndicator {
  id: string;
  group: string;
  name: Text;
  points: number;
  max: number;
  score: number;
  /** 自评, as the school gave it; null where it gave none. */
  selfScore: number | null;
  /** 自评高于核定得分. */
  overclaim: boolean;
  items: SheetItem[];
}

export interface SheetGroup {
  id: string;
  name: Text;
  points: number;
  max: number;
  score: number;
  selfScore: number | null;
}

/** A 加分 or 扣分 item as shown: `points` is what the rubric gives it, `score` what this school gets. */
export interface SheetExtra {
  id: string;
  label: Text;
  points: number;
  score: number;
  applicable: boolean;
  /** Points per unit of a count (a per-unit deduction), not a ceiling. */
  perUnit: boolean;
  reason: Text;
}

export interface SheetExtras {
  cap: number;
  /** The items' scores added up, then held to the cap. */
  total: number;
  items: SheetExtra[];
}

export interface SheetVeto {
  id: string;
  label: Text;
  triggered: boolean;
  denies: 'all' | string[];
  reason: Text;
}

export interface SheetLevel {
  /** The level reached; null when none is (too low, or denied by a veto). */
  name: Text | null;
  basis: 'normalized' | 'total';
  /** Vetoes that took a level away. */
  deniedBy: string[];
}

export interface Sheet {
  schemaVersion: typeof SHEET_SCHEMA_VERSION;
  rubric: { id: string; name: Text; total: number };
  school: { name: string; code: string | null; county: string; stage: Stage; year: string };
  /** 得分合计: base + bonus − deductions, never below 0. */
  total: number;
  /** The rows' points added up, before 加分 and 扣分. */
  base: number;
  bonus: SheetExtras | null;
  deductions: SheetExtras | null;
  vetoes: SheetVeto[];
  /** null when the rubric declares no levels. */
  level: SheetLevel | null;
  /** The applicable maximum (the rubric's total less what does not apply). */
  max: number;
  /** 折算分: total ÷ max × 100. */
  normalized: number;
  selfTotal: number | null;
  groups: SheetGroup[];
  indicators: SheetIndicator[];
}

const fromCents = (c: number): number => c / 100;

/**
 * Splits `whole` hundredths among parts in proportion, largest remainder first, so the parts shown add up
 * to the whole shown (⅓ + ⅓ + ⅓ shows as 0.34 + 0.33 + 0.33).
 */
export function apportion(parts: Exact[], whole: number): number[] {
  const scaled = parts.map((p) => ({ floor: Number((p.n * 100n) / p.d), rem: (p.n * 100n) % p.d, d: p.d }));
  let left = whole - scaled.reduce((a, s) => a + s.floor, 0);
  const order = scaled
    .map((s, i) => ({ i, s }))
    .sort((a, b) => {
      const l = a.s.rem * b.s.d;
      const r = b.s.rem * a.s.d;
      return l > r ? -1 : l < r ? 1 : a.i - b.i;
    });
  const out = scaled.map((s) => s.floor);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

function itemRows(items: ItemResult[], indicatorCents: number): SheetItem[] {
  const pointCents = apportion(
    items.map((i) => i.item.points),
    indicatorCents,
  );
  return items.map((r, k): SheetItem => {
    const points = pointCents[k] ?? 0;
    // A full row shows its apportioned points, so that full marks never show a cent short.
    const max = cmp(r.max, r.item.points) === 0 ? points : Math.min(points, toCents(r.max));
    const score = cmp(r.earned, r.max) === 0 ? max : Math.min(max, toCents(r.earned));
    return {
      id: r.item.id,
      text: r.item.text,
      points: fromCents(points),
      max: fromCents(max),
      score: fromCents(score),
      checks: r.checks.map((c) => ({
        id: c.check.id,
        label: c.check.label,
        passed: c.applicable && c.finding.outcome === 'pass',
        applicable: c.applicable,
        missing: c.finding.outcome === 'missing',
        reason: c.finding.reason,
      })),
    };
  });
}

const centsOf = (x: number) => Math.round(x * 100);

/** The highest level the score reaches that no triggered veto denies. */
function levelOf(rubric: Rubric, score: number, vetoes: SheetVeto[]): SheetLevel | null {
  if (rubric.levels.length === 0) return null;
  const triggered = vetoes.filter((v) => v.triggered);
  const denied = (name: string) =>
    triggered.filter((v) => v.denies === 'all' || v.denies.includes(name)).map((v) => v.id);
  const reached = rubric.levels.filter((l) => toCents(l.min) <= centsOf(score));
  const deniedBy = new Set<string>();
  for (const l of [...reached].reverse()) {
    const by = denied(l.name.zh);
    if (by.length === 0) return { name: l.name, basis: rubric.levelBasis, deniedBy: [...deniedBy].sort() };
    for (const id of by) deniedBy.add(id);
  }
  return { name: null, basis: rubric.levelBasis, deniedBy: [...deniedBy].sort() };
}
const addUp = (xs: number[]) => fromCents(xs.reduce((a, x) => a + centsOf(x), 0));

export function buildSheet(rubric: Rubric, evidence: Evidence, scored: ScoredSchool): Sheet {
  const self = evidence.data.selfScores ?? {};
  const indicators: SheetIndicator[] = scored.groups.flatMap((g) =>
    g.indicators.map((b): SheetIndicator => {
      const items = itemRows(b.items, toCents(b.indicator.points));
      const score = addUp(items.map((i) => i.score));
      const selfScore = self[b.indicator.id] ?? null;
      return {
        id: b.indicator.id,
        group: g.group.id,
        name: b.indicator.name,
        points: addUp(items.map((i) => i.points)),
        max: addUp(items.map((i) => i.max)),
        score,
        selfScore,
        overclaim: selfScore !== null && centsOf(selfScore) > centsOf(score),
        items,
      };
    }),
  );
  const groups = scored.groups.map((g): SheetGroup => {
    const mine = indicators.filter((b) => b.group === g.group.id);
    const selfs = mine.map((b) => b.selfScore).filter((x): x is number => x !== null);
    return {
      id: g.group.id,
      name: g.group.name,
      points: addUp(mine.map((b) => b.points)),
      max: addUp(mine.map((b) => b.max)),
      score: addUp(mine.map((b) => b.score)),
      selfScore: selfs.length > 0 ? addUp(selfs) : null,
    };
  });
  const base = addUp(groups.map((g) => g.score));
  const max = addUp(groups.map((g) => g.max));
  const extras = (section: { cap: Exact } | undefined, results: ExtraResult[]): SheetExtras | null => {
    if (!section) return null;
    const items = results.map(
      (r): SheetExtra => ({
        id: r.extra.id,
        label: r.extra.label,
        points: fromCents(toCents(r.extra.points)),
        score: fromCents(toCents(r.points)),
        applicable: r.applicable,
        perUnit: r.extra.per !== undefined,
        reason: r.reason,
      }),
    );
    const cap = toCents(section.cap);
    return { cap: fromCents(cap), total: fromCents(Math.min(cap, centsOf(addUp(items.map((i) => i.score))))), items };
  };
  const bonus = extras(rubric.bonus, scored.bonus);
  const deductions = extras(rubric.deductions, scored.deductions);
  const total = fromCents(Math.max(0, centsOf(base) + centsOf(bonus?.total ?? 0) - centsOf(deductions?.total ?? 0)));
  const normalized = max === 0 ? 0 : fromCents(toCents(ratio(BigInt(centsOf(total)) * 100n, BigInt(centsOf(max)))));
  const vetoes = scored.vetoes.map(
    (v): SheetVeto => ({
      id: v.veto.id,
      label: v.veto.label,
      triggered: v.triggered,
      denies: v.veto.denies,
      reason: v.reason,
    }),
  );
  const selfs = groups.map((g) => g.selfScore).filter((x): x is number => x !== null);
  const s = evidence.data.school;
  return {
    schemaVersion: SHEET_SCHEMA_VERSION,
    rubric: { id: rubric.id, name: rubric.name, total: fromCents(toCents(rubric.total)) },
    school: {
      name: s.name,
      code: s.code ?? null,
      county: s.county,
      stage: s.stage,
      year: evidence.data.year,
    },
    total,
    base,
    bonus,
    deductions,
    vetoes,
    level: levelOf(rubric, rubric.levelBasis === 'total' ? total : normalized, vetoes),
    max,
    normalized,
    selfTotal: selfs.length > 0 ? addUp(selfs) : null,
    groups,
    indicators,
  };
}
