// 复评: a reviewer's adjustments applied to a scored school. Pure. A check set to passed earns its full
// points (failed: none); a 要点 set to a score earns exactly that, whatever its checks found. Sums above
// the adjusted rows are worked out again, exactly. Adjustments are assumed checked (validation/review.ts):
// ids of this rubric, applicable checks, scores within the 要点's applicable maximum.
import { add, type Exact, exact, ZERO } from '../base/exact.js';
import type { CheckResult, GroupResult, IndicatorResult, ItemResult, ScoredSchool } from './score.js';

export interface Adjustment {
  /** A check id (with `passed`) or a 要点 id (with `score`). */
  id: string;
  passed?: boolean;
  score?: number;
}

const sumOf = <T extends { earned: Exact }>(rows: readonly T[]): Exact => rows.reduce((a, r) => add(a, r.earned), ZERO);

export function applyAdjustments(scored: ScoredSchool, adjustments: readonly Adjustment[]): ScoredSchool {
  if (adjustments.length === 0) return scored;
  const byId = new Map(adjustments.map((a) => [a.id, a]));
  const check = (c: CheckResult): CheckResult => {
    const a = byId.get(c.check.id);
    if (a?.passed === undefined || !c.applicable) return c;
    return {
      ...c,
      finding: { ...c.finding, outcome: a.passed ? 'pass' : 'fail' },
      earned: a.passed ? c.check.weight : ZERO,
    };
  };
  const item = (r: ItemResult): ItemResult => {
    const checks = r.checks.map(check);
    const a = byId.get(r.item.id);
    const earned = a?.score !== undefined ? exact(a.score) : sumOf(checks);
    return { ...r, checks, earned };
  };
  const groups = scored.groups.map((g): GroupResult => {
    const indicators = g.indicators.map((b): IndicatorResult => {
      const items = b.items.map(item);
      return { ...b, items, earned: sumOf(items) };
    });
    return { ...g, indicators, earned: sumOf(indicators) };
  });
  return { ...scored, groups, earned: sumOf(groups) };
}
