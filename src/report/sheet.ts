// The sheet: what a person reads. Exact points become hundredths here, once: the total and 折算分 are the
// exact values rounded half up; every level below is apportioned from the level above (largest remainder),
// so that shown rows add up to the shown parent and equal exact scores always show equal.
import { add, cmp, div, type Exact, exact, min, mul, ratio, sub, sum, toCents, ZERO } from '../base/exact.js';
import type { Rubric } from '../engine/model.js';
import type { ExtraResult, ItemResult, ScoredSchool } from '../engine/score.js';
import { plainText } from '../engine/text.js';
import type { Text } from '../engine/types.js';
import type { Evidence } from '../evidence/model.js';
import type { Stage } from '../evidence/schema.js';
import { type Citation, type EvidenceSource, resolveCitations } from './citations.js';
import { type Gain, type GainKind, nextLevel, pointsToGain } from './gains.js';
import type { SheetReview } from './review.js';

export const SHEET_SCHEMA_VERSION = 1;

export interface SheetCheck {
  id: string;
  label: Text;
  passed: boolean;
  applicable: boolean;
  /** True when the check failed because evidence it needs is missing. */
  missing: boolean;
  reason: Text;
  /** The evidence behind a failure (or a tier below the top): the lines of the facts and records it rests on. */
  cites: Citation[];
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

/** A fix worth points: a failed check, a tier below the top, a 加分 not earned, a 扣分 taken. */
export interface SheetGain {
  kind: GainKind;
  id: string;
  /** The 要点 a check belongs to; null for 加分 and 扣分 items. */
  item: string | null;
  label: Text;
  /** What the total would gain were this alone mended: exact, rounded once. */
  points: number;
  reason: Text;
  cites: Citation[];
}

/** The level above the one reached, and the fewest fixes that reach it. */
export interface SheetNextLevel {
  name: Text;
  basis: 'normalized' | 'total';
  /** The level's minimum. */
  min: number;
  /** How far the shown score (on the basis) is below the minimum; 0 where only a veto stands in the way. */
  needed: number;
  /** Ids of the fewest fixes (from `gains`) that reach it, most points first; null when all together do not. */
  fixes: string[] | null;
  /** What those fixes add to the total together, caps applied; null with `fixes`. */
  points: number | null;
  /** Triggered vetoes that deny the level: to be lifted as well. */
  vetoes: string[];
}

export interface Sheet {
  schemaVersion: typeof SHEET_SCHEMA_VERSION;
  /** The evidence file as given, which citations point into; null where the sheet was built without one. */
  evidenceFile: string | null;
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
  /** 复评: present when a reviewer adjusted the sheet; the figures above are then the reviewed ones. */
  review?: SheetReview;
  /** Points to gain: every fix worth points, most first (ties in rubric order). */
  gains: SheetGain[];
  /** Where the rubric declares levels and one is above the school's: the fewest fixes that reach it. */
  nextLevel: SheetNextLevel | null;
}

const fromCents = (c: number): number => c / 100;
const HUNDRED: Exact = { n: 100n, d: 1n };

/**
 * Splits `whole` hundredths among parts in proportion, largest remainder first, so the parts shown add up
 * to the whole shown (⅓ + ⅓ + ⅓ shows as 0.34 + 0.33 + 0.33). When `whole` is its parts' exact sum rounded
 * (or itself apportioned from above), each part is its exact value rounded down or up, and a part that is
 * a whole number of hundredths shows exactly that.
 */
export function apportion(parts: readonly Exact[], whole: number): number[] {
  // Most parts are whole hundredths (points in halves and quarters) that add up to the whole: each shows as it
  // is, which the largest-remainder step below would give too, with no BigInt division per part.
  const cents: number[] = [];
  let added = 0;
  for (const p of parts) {
    const c = wholeCents(p);
    if (c === undefined) break;
    cents.push(c);
    added += c;
  }
  if (cents.length === parts.length && added === whole) return cents;
  const scaled = parts.map((p) => {
    const n = p.n * 100n;
    // Floor division, also for a negative part (a deduction).
    const floor = n >= 0n ? n / p.d : -((-n + p.d - 1n) / p.d);
    return { floor: Number(floor), rem: n - floor * p.d, d: p.d };
  });
  let left = whole - scaled.reduce((a, s) => a + s.floor, 0);
  // Nothing to hand out or take back (whole numbers, or hundredths that add up): the floors are the answer.
  if (left === 0) return scaled.map((s) => s.floor);
  const order = scaled
    .map((s, i) => ({ i, s }))
    .sort((a, b) => {
      const l = a.s.rem * b.s.d;
      const r = b.s.rem * a.s.d;
      return l > r ? -1 : l < r ? 1 : a.i - b.i;
    });
  const out = scaled.map((s) => s.floor);
  // One cent each, largest remainder first; more than one round only where `whole` was not derived from
  // these parts (a base shown as total − bonus + deductions with fractional extras).
  while (left > 0 && out.length > 0) {
    for (const { i } of order) {
      if (left <= 0) break;
      out[i] = (out[i] ?? 0) + 1;
      left--;
    }
  }
  for (let k = order.length - 1; left < 0 && k >= 0; k--) {
    const i = order[k]?.i ?? 0;
    const removed = Math.min(out[i] ?? 0, -left);
    out[i] = (out[i] ?? 0) - removed;
    left += removed;
  }
  return out;
}

/** A value's hundredths, when it is a whole number of them (its denominator divides 100) and exact in a double. */
function wholeCents(p: Exact): number | undefined {
  const d = Number(p.d);
  if (100 % d !== 0) return undefined;
  const c = Number(p.n) * (100 / d);
  return Number.isSafeInteger(c) ? c : undefined;
}

/** One row's shown hundredths: 分值, applicable maximum, 得分. */
export interface Shown {
  points: number;
  max: number;
  score: number;
}

interface ShownPoints {
  groups: number[];
  indicators: number[][];
  items: number[][][];
}

/** A rubric's shown points depend on the rubric alone: worked out once, not once per school. */
const SHOWN_POINTS = new WeakMap<Rubric, ShownPoints>();

/** 分值 as every sheet and summary shows it: the rubric's total rounded once, apportioned down to 要点. */
export function shownPoints(rubric: Rubric): ShownPoints {
  let shown = SHOWN_POINTS.get(rubric);
  if (!shown) {
    shown = apportionPoints(rubric);
    SHOWN_POINTS.set(rubric, shown);
  }
  return shown;
}

function apportionPoints(rubric: Rubric): ShownPoints {
  const groups = apportion(
    rubric.groups.map((g) => g.points),
    toCents(rubric.total),
  );
  const indicators = rubric.groups.map((g, k) =>
    apportion(
      g.indicators.map((b) => b.points),
      groups[k] ?? 0,
    ),
  );
  const items = rubric.groups.map((g, k) =>
    g.indicators.map((b, j) =>
      apportion(
        b.items.map((i) => i.points),
        indicators[k]?.[j] ?? 0,
      ),
    ),
  );
  return { groups, indicators, items };
}

function checkRows(r: ItemResult, where: EvidenceSource): SheetCheck[] {
  return r.checks.map((c) => ({
    id: c.check.id,
    label: c.check.label,
    passed: c.applicable && c.finding.outcome === 'pass',
    applicable: c.applicable,
    missing: c.finding.outcome === 'missing',
    reason: plainText(c.finding.reason),
    cites: c.applicable ? resolveCitations(where.source, c.finding.cites) : [],
  }));
}

const cents = (x: Exact): number => fromCents(toCents(x));

function gainRows(gains: Gain[], where: EvidenceSource): SheetGain[] {
  return gains.map((g) => ({
    kind: g.kind,
    id: g.id,
    item: g.item,
    label: g.label,
    points: cents(g.points),
    reason: plainText(g.reason),
    cites: resolveCitations(where.source, g.cites),
  }));
}

/** The highest level the shown score reaches that no triggered veto denies. */
function levelOf(
  rubric: Rubric,
  scoreCents: number,
  vetoes: readonly Pick<SheetVeto, 'id' | 'triggered' | 'denies'>[],
): SheetLevel | null {
  if (rubric.levels.length === 0) return null;
  const triggered = vetoes.filter((v) => v.triggered);
  const denied = (name: string) =>
    triggered.filter((v) => v.denies === 'all' || v.denies.includes(name)).map((v) => v.id);
  const shown = ratio(BigInt(scoreCents), 100n);
  const reached = rubric.levels.filter((l) => cmp(l.min, shown) <= 0);
  const deniedBy = new Set<string>();
  for (const l of [...reached].reverse()) {
    const by = denied(l.name.zh);
    if (by.length === 0) return { name: l.name, basis: rubric.levelBasis, deniedBy: [...deniedBy].sort() };
    for (const id of by) deniedBy.add(id);
  }
  return { name: null, basis: rubric.levelBasis, deniedBy: [...deniedBy].sort() };
}

/** A shown 折算分 (hundredths) is below a threshold: compared exactly, as the reader sees it. */
export function isBelow(normalized: number, minScore: number): boolean {
  return cmp(ratio(BigInt(Math.round(normalized * 100)), 100n), exact(minScore)) < 0;
}

/** The exact sum of the self-scores given, or null where none is. */
function selfSum(values: readonly (number | null)[]): Exact | null {
  const given = values.filter((x): x is number => x !== null);
  return given.length > 0 ? sum(given.map(exact)) : null;
}

const centsOrNull = (x: Exact | null): number | null => (x === null ? null : toCents(x));
const nullOrFromCents = (c: number | null): number | null => (c === null ? null : fromCents(c));

/** Rows' shown maximum and score, each apportioned from the parent's shown figure. */
function shownRows(rows: readonly { max: Exact; earned: Exact }[], parent: { max: number; score: number }) {
  return {
    max: apportion(
      rows.map((r) => r.max),
      parent.max,
    ),
    score: apportion(
      rows.map((r) => r.earned),
      parent.score,
    ),
  };
}

/**
 * A school's shown figures, in hundredths: what a sheet shows and a batch's row keeps. Exact aggregates
 * first; each shown figure is then the exact one rounded once, or apportioned from its parent.
 */
export interface SheetFigures {
  total: number;
  /** The rows' points added up, before 加分 and 扣分. */
  base: number;
  bonusTotal: number;
  deductionsTotal: number;
  max: number;
  normalized: number;
  /** Per 一级指标; per 一级指标 and 二级指标; per 一级指标, 二级指标 and 要点, in rubric order. */
  groups: Shown[];
  indicators: Shown[][];
  items: Shown[][][];
  /** 自评 per 二级指标 as given (null where none is), and their sum per 一级指标 and in all (hundredths). */
  selfScores: (number | null)[][];
  groupSelf: (number | null)[];
  selfTotal: number | null;
  level: SheetLevel | null;
}

/** The figures of a scored school: what buildSheet shows and a batch row (summary.ts scoredRow) keeps. */
export function sheetFigures(rubric: Rubric, evidence: Evidence, scored: ScoredSchool): SheetFigures {
  const self = evidence.data.selfScores ?? {};
  const capped = (section: { cap: Exact } | undefined, results: ExtraResult[]): Exact =>
    section ? min(section.cap, sum(results.map((r) => r.points))) : ZERO;
  const bonusExact = capped(rubric.bonus, scored.bonus);
  const deductionsExact = capped(rubric.deductions, scored.deductions);
  const unclamped = sub(add(scored.earned, bonusExact), deductionsExact);
  const totalExact = cmp(unclamped, ZERO) < 0 ? ZERO : unclamped;
  const total = toCents(totalExact);
  const bonusTotal = toCents(bonusExact);
  const deductionsTotal = toCents(deductionsExact);
  // base + bonus − deductions = total, as shown; a total held at 0 shows its base as it is.
  const base = cmp(unclamped, ZERO) < 0 ? toCents(scored.earned) : total - bonusTotal + deductionsTotal;
  const max = toCents(scored.max);
  const normalized = scored.max.n === 0n ? 0 : toCents(div(mul(totalExact, HUNDRED), scored.max));

  const points = shownPoints(rubric);
  const groupShown = shownRows(scored.groups, { max, score: base });
  const groups: Shown[] = [];
  const indicators: Shown[][] = [];
  const items: Shown[][][] = [];
  const selfScores: (number | null)[][] = [];
  scored.groups.forEach((g, k) => {
    const gShown: Shown = {
      points: points.groups[k] ?? 0,
      max: groupShown.max[k] ?? 0,
      score: groupShown.score[k] ?? 0,
    };
    groups.push(gShown);
    const bShown = shownRows(g.indicators, gShown);
    const mine: Shown[] = [];
    const mineItems: Shown[][] = [];
    g.indicators.forEach((b, j) => {
      const shown: Shown = {
        points: points.indicators[k]?.[j] ?? 0,
        max: bShown.max[j] ?? 0,
        score: bShown.score[j] ?? 0,
      };
      mine.push(shown);
      const iShown = shownRows(b.items, shown);
      mineItems.push(
        b.items.map((_, m) => ({
          points: points.items[k]?.[j]?.[m] ?? 0,
          max: iShown.max[m] ?? 0,
          score: iShown.score[m] ?? 0,
        })),
      );
    });
    indicators.push(mine);
    items.push(mineItems);
    selfScores.push(g.indicators.map((b) => self[b.indicator.id] ?? null));
  });
  const level = levelOf(
    rubric,
    rubric.levelBasis === 'total' ? total : normalized,
    scored.vetoes.map((v) => ({ id: v.veto.id, triggered: v.triggered, denies: v.veto.denies })),
  );
  return {
    total,
    base,
    bonusTotal,
    deductionsTotal,
    max,
    normalized,
    groups,
    indicators,
    items,
    selfScores,
    groupSelf: selfScores.map((b) => centsOrNull(selfSum(b))),
    selfTotal: centsOrNull(selfSum(selfScores.flat())),
    level,
  };
}

/**
 * `where`: the evidence file's name and its document with positions, for citations (without it the sheet
 * cites nothing). Resolving positions parses the file with them: a batch passes it only for sheets it shows.
 */
export function buildSheet(
  rubric: Rubric,
  evidence: Evidence,
  scored: ScoredSchool,
  where: EvidenceSource = {},
): Sheet {
  const figures = sheetFigures(rubric, evidence, scored);
  const { total, base, bonusTotal, deductionsTotal, max, normalized, level } = figures;
  const groups: SheetGroup[] = [];
  const indicators: SheetIndicator[] = [];
  scored.groups.forEach((g, k) => {
    const gShown = figures.groups[k] as Shown;
    const mine = g.indicators.map((b, j): SheetIndicator => {
      const shown = figures.indicators[k]?.[j] as Shown;
      const selfScore = figures.selfScores[k]?.[j] ?? null;
      return {
        id: b.indicator.id,
        group: g.group.id,
        name: b.indicator.name,
        points: fromCents(shown.points),
        max: fromCents(shown.max),
        score: fromCents(shown.score),
        selfScore,
        overclaim: selfScore !== null && cmp(exact(selfScore), ratio(BigInt(shown.score), 100n)) > 0,
        items: b.items.map((r, m): SheetItem => {
          const item = figures.items[k]?.[j]?.[m] as Shown;
          return {
            id: r.item.id,
            text: r.item.text,
            points: fromCents(item.points),
            max: fromCents(item.max),
            score: fromCents(item.score),
            checks: checkRows(r, where),
          };
        }),
      };
    });
    indicators.push(...mine);
    groups.push({
      id: g.group.id,
      name: g.group.name,
      points: fromCents(gShown.points),
      max: fromCents(gShown.max),
      score: fromCents(gShown.score),
      selfScore: nullOrFromCents(figures.groupSelf[k] ?? null),
    });
  });

  const extras = (section: { cap: Exact } | undefined, results: ExtraResult[], shownTotal: number) => {
    if (!section) return null;
    const scores = apportion(
      results.map((r) => r.points),
      toCents(sum(results.map((r) => r.points))),
    );
    const items = results.map(
      (r, k): SheetExtra => ({
        id: r.extra.id,
        label: r.extra.label,
        points: fromCents(toCents(r.extra.points)),
        score: fromCents(scores[k] ?? 0),
        applicable: r.applicable,
        perUnit: r.extra.per !== undefined,
        reason: plainText(r.reason),
      }),
    );
    return { cap: fromCents(toCents(section.cap)), total: fromCents(shownTotal), items } satisfies SheetExtras;
  };
  const vetoes = scored.vetoes.map(
    (v): SheetVeto => ({
      id: v.veto.id,
      label: v.veto.label,
      triggered: v.triggered,
      denies: v.veto.denies,
      reason: plainText(v.reason),
    }),
  );
  const s = evidence.data.school;
  // Points to gain and the next level are worked out when first read: a batch that keeps only each school's
  // row never reads them. Both are plain data once read (JSON and structured clone read them like any field).
  let gainsFound: Gain[] | undefined;
  const gainsExact = () => {
    gainsFound ??= pointsToGain(rubric, scored);
    return gainsFound;
  };
  let gainsShown: SheetGain[] | undefined;
  let nextShown: SheetNextLevel | null | undefined;
  const nextOf = (): SheetNextLevel | null => {
    const next = nextLevel(
      rubric,
      scored,
      gainsExact(),
      level?.name?.zh ?? null,
      vetoes.filter((v) => v.triggered),
    );
    return (
      next && {
        name: next.level.name,
        basis: rubric.levelBasis,
        min: cents(next.level.min),
        needed: fromCents(next.neededCents),
        fixes: next.fixes?.map((g) => g.id) ?? null,
        points: next.points && cents(next.points),
        vetoes: next.vetoes,
      }
    );
  };
  return {
    schemaVersion: SHEET_SCHEMA_VERSION,
    evidenceFile: where.file ?? null,
    rubric: { id: rubric.id, name: rubric.name, total: fromCents(toCents(rubric.total)) },
    school: {
      name: s.name,
      code: s.code ?? null,
      county: s.county,
      stage: s.stage,
      year: evidence.data.year,
    },
    total: fromCents(total),
    base: fromCents(base),
    bonus: extras(rubric.bonus, scored.bonus, bonusTotal),
    deductions: extras(rubric.deductions, scored.deductions, deductionsTotal),
    vetoes,
    level,
    max: fromCents(max),
    normalized: fromCents(normalized),
    selfTotal: nullOrFromCents(figures.selfTotal),
    groups,
    indicators,
    get gains() {
      gainsShown ??= gainRows(gainsExact(), where);
      return gainsShown;
    },
    // Settable like any other field of a sheet.
    set gains(value: SheetGain[]) {
      gainsShown = value;
    },
    get nextLevel() {
      if (nextShown === undefined) nextShown = nextOf();
      return nextShown;
    },
    set nextLevel(value: SheetNextLevel | null) {
      nextShown = value;
    },
  };
}
