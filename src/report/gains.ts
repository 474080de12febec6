// Points to gain: what each failed check (or 要点 tier below the top, 加分 not earned, 扣分 taken) would add
// to the school's exact total were it alone mended, most first; and, where the rubric declares levels, the
// fewest fixes that reach the next level. Exact throughout; the sheet rounds each figure once.
import { add, cmp, div, type Exact, min, mul, sub, sum, toCents, ZERO } from '../base/exact.js';
import type { Rubric, RubricLevel } from '../engine/model.js';
import type { ExtraResult, ScoredSchool } from '../engine/score.js';
import type { Text } from '../engine/types.js';

export type GainKind = 'check' | 'bonus' | 'deduction';

/** A fix and the points it is worth on its own (`own`, before any cap) and to the total (`points`). */
export interface Gain {
  kind: GainKind;
  /** The check's id; a 加分 or 扣分 item's own id. */
  id: string;
  /** The 要点 a check belongs to; null for 加分 and 扣分. */
  item: string | null;
  label: Text;
  reason: Text;
  cites: (string | number)[][];
  own: Exact;
  points: Exact;
  /** Rubric order: checks in the tree's order, then 加分, then 扣分. Ties are broken by it. */
  order: number;
}

/** What the total is made of: the rows' points, and the 加分 and 扣分 items added up before their caps. */
interface Parts {
  base: Exact;
  bonus: Exact;
  deductions: Exact;
  bonusCap: Exact | null;
  deductionsCap: Exact | null;
}

const HUNDRED: Exact = { n: 100n, d: 1n };

function partsOf(rubric: Rubric, scored: ScoredSchool): Parts {
  const total = (xs: ExtraResult[]) => sum(xs.map((x) => x.points));
  return {
    base: scored.earned,
    bonus: total(scored.bonus),
    deductions: total(scored.deductions),
    bonusCap: rubric.bonus?.cap ?? null,
    deductionsCap: rubric.deductions?.cap ?? null,
  };
}

/** The total with these parts, as the sheet computes it: capped 加分 and 扣分, never below 0. */
function totalOf(p: Parts, more: Record<GainKind, Exact> = { check: ZERO, bonus: ZERO, deduction: ZERO }): Exact {
  const bonus = p.bonusCap ? min(p.bonusCap, add(p.bonus, more.bonus)) : ZERO;
  const deductions = p.deductionsCap ? min(p.deductionsCap, sub(p.deductions, more.deduction)) : ZERO;
  const t = sub(add(add(p.base, more.check), bonus), deductions);
  return cmp(t, ZERO) < 0 ? ZERO : t;
}

/** Every fix with points to win, most points to the total first, ties in rubric order. */
export function pointsToGain(rubric: Rubric, scored: ScoredSchool): Gain[] {
  const parts = partsOf(rubric, scored);
  const now = totalOf(parts);
  const found: Omit<Gain, 'points'>[] = [];
  for (const g of scored.groups)
    for (const b of g.indicators)
      for (const i of b.items)
        for (const c of i.checks) {
          if (!c.applicable) continue;
          const own = sub(c.check.weight, c.earned);
          if (cmp(own, ZERO) <= 0) continue;
          found.push({
            kind: 'check',
            id: c.check.id,
            item: i.item.id,
            label: c.check.label,
            reason: c.finding.reason,
            cites: c.finding.cites ?? [],
            own,
            order: found.length,
          });
        }
  // A 加分 item with a check that did not earn all of it; a 扣分 item with a check that took points. A
  // per-unit 扣分 (complaints × 1) is a count, not a check to mend: it is not listed.
  for (const x of scored.bonus) {
    if (!x.applicable || !x.extra.check) continue;
    const own = sub(x.extra.points, x.points);
    if (cmp(own, ZERO) > 0)
      found.push({
        kind: 'bonus',
        id: x.extra.id,
        item: null,
        label: x.extra.label,
        reason: x.reason,
        cites: [],
        own,
        order: found.length,
      });
  }
  for (const x of scored.deductions) {
    if (!x.applicable || !x.extra.check || x.extra.per) continue;
    if (cmp(x.points, ZERO) > 0)
      found.push({
        kind: 'deduction',
        id: x.extra.id,
        item: null,
        label: x.extra.label,
        reason: x.reason,
        cites: [],
        own: x.points,
        order: found.length,
      });
  }
  const none: Record<GainKind, Exact> = { check: ZERO, bonus: ZERO, deduction: ZERO };
  return found
    .map((f): Gain => ({ ...f, points: sub(totalOf(parts, { ...none, [f.kind]: f.own }), now) }))
    .filter((g) => cmp(g.points, ZERO) > 0)
    .sort((a, b) => cmp(b.points, a.points) || a.order - b.order);
}

export interface NextLevel {
  level: RubricLevel;
  /** The shown score on the level's basis, in hundredths, below the level's minimum (0 when only vetoes deny it). */
  neededCents: number;
  /** The fewest fixes that reach it, most points first; null when all of them together do not. */
  fixes: Gain[] | null;
  /** What those fixes add to the total together (caps applied). */
  points: Exact | null;
  /** Triggered vetoes that deny the level: they must be lifted as well. */
  vetoes: string[];
}

/**
 * The next level above `current` (the lowest, when none is reached) and the fewest fixes that reach it.
 * Checks add up; 加分 and 扣分 saturate at their caps, so the best set of k fixes is, for some split of k
 * among the three kinds, the top of each kind by its own points: every split is tried, k from 0 up, and
 * among the sets of the fewest fixes the one that adds most (then the first in rubric order) is chosen.
 */
export function nextLevel(
  rubric: Rubric,
  scored: ScoredSchool,
  gains: Gain[],
  current: string | null,
  triggered: { id: string; denies: 'all' | string[] }[],
): NextLevel | null {
  if (rubric.levels.length === 0) return null;
  const at = current === null ? -1 : rubric.levels.findIndex((l) => l.name.zh === current);
  const level = rubric.levels[at + 1];
  if (!level) return null;
  const parts = partsOf(rubric, scored);
  const shownCents = (total: Exact): number =>
    rubric.levelBasis === 'total'
      ? toCents(total)
      : scored.max.n === 0n
        ? 0
        : toCents(div(mul(total, HUNDRED), scored.max));
  const reaches = (total: Exact) => cmp(level.min, { n: BigInt(shownCents(total)), d: 100n }) <= 0;
  const now = totalOf(parts);
  const minCents = toCents(level.min);
  const neededCents = Math.max(0, minCents - shownCents(now));
  const vetoes = triggered.filter((v) => v.denies === 'all' || v.denies.includes(level.name.zh)).map((v) => v.id);

  // Each kind's fixes by their own points, most first (ties in rubric order): the best c of a kind are its first c.
  const byOwn = (kind: GainKind) =>
    gains.filter((g) => g.kind === kind).sort((a, b) => cmp(b.own, a.own) || a.order - b.order);
  const pools = { check: byOwn('check'), bonus: byOwn('bonus'), deduction: byOwn('deduction') };
  const prefix = (pool: Gain[]) => {
    const out: Exact[] = [ZERO];
    for (const g of pool) out.push(add(out[out.length - 1] ?? ZERO, g.own));
    return out;
  };
  const sums = { check: prefix(pools.check), bonus: prefix(pools.bonus), deduction: prefix(pools.deduction) };
  const n = gains.length;
  for (let k = 0; k <= n; k++) {
    let best: { total: Exact; set: Gain[] } | null = null;
    for (let j = 0; j <= Math.min(k, pools.bonus.length); j++)
      for (let m = 0; m <= Math.min(k - j, pools.deduction.length); m++) {
        const c = k - j - m;
        if (c > pools.check.length) continue;
        const total = totalOf(parts, {
          check: sums.check[c] ?? ZERO,
          bonus: sums.bonus[j] ?? ZERO,
          deduction: sums.deduction[m] ?? ZERO,
        });
        if (!reaches(total) || (best && cmp(total, best.total) <= 0)) continue;
        const set = [...pools.check.slice(0, c), ...pools.bonus.slice(0, j), ...pools.deduction.slice(0, m)];
        best = { total, set };
      }
    if (best) {
      const fixes = best.set.sort((a, b) => cmp(b.points, a.points) || a.order - b.order);
      return { level, neededCents, fixes, points: sub(best.total, now), vetoes };
    }
  }
  return { level, neededCents, fixes: null, points: null, vetoes };
}
