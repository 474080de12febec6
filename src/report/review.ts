// 复评 on the sheet: the sheet's figures are the reviewed ones (each rounded once and apportioned like any
// sheet, so shown rows still add up to the shown parent); `review` keeps the computed figures beside them,
// and each adjustment with its reason, the reviewer and the date.
import type { Rubric } from '../engine/model.js';
import type { ScoredSchool } from '../engine/score.js';
import type { Text } from '../engine/types.js';
import type { Evidence } from '../evidence/model.js';
import type { ReviewData } from '../evidence/review.js';
import type { EvidenceSource } from './citations.js';
import { buildSheet, type Sheet } from './sheet.js';

export interface SheetAdjustment {
  /** The check or 要点 adjusted. */
  id: string;
  kind: 'check' | 'item';
  /** The 要点 it belongs to (itself, for a 要点). */
  item: string;
  /** The check's label, or the 要点's text. */
  label: Text;
  /** A check's result as computed and as reviewed; null for a 要点 given a score. */
  computedPassed: boolean | null;
  reviewedPassed: boolean | null;
  /** The 要点's shown score as computed and as reviewed. */
  computedScore: number;
  reviewedScore: number;
  /** The reviewer's words, as written in the review file. */
  reason: string;
}

export interface SheetReview {
  reviewer: string;
  date: string;
  /** The figures as computed from the evidence alone. */
  computed: {
    total: number;
    base: number;
    normalized: number;
    level: Text | null;
    groups: { id: string; score: number }[];
    indicators: { id: string; score: number }[];
  };
  adjustments: SheetAdjustment[];
}

/** The sheet of a reviewed school: reviewed figures, with the computed ones and the adjustments in `review`. */
export function buildReviewedSheet(
  rubric: Rubric,
  evidence: Evidence,
  computed: ScoredSchool,
  reviewed: ScoredSchool,
  review: ReviewData,
  where: EvidenceSource = {},
): Sheet {
  const before = buildSheet(rubric, evidence, computed);
  const after = buildSheet(rubric, evidence, reviewed, where);
  const itemsOf = (s: Sheet) => new Map(s.indicators.flatMap((b) => b.items.map((i) => [i.id, i] as const)));
  const beforeItems = itemsOf(before);
  const afterItems = itemsOf(after);
  const checkOwner = new Map(after.indicators.flatMap((b) => b.items.flatMap((i) => i.checks.map((c) => [c.id, i]))));
  const adjustments = review.adjustments.flatMap((a): SheetAdjustment[] => {
    const item = afterItems.get(a.id) ?? checkOwner.get(a.id);
    const was = item && beforeItems.get(item.id);
    if (!item || !was) return [];
    const check = item.checks.find((c) => c.id === a.id);
    const wasCheck = was.checks.find((c) => c.id === a.id);
    return [
      {
        id: a.id,
        kind: check ? 'check' : 'item',
        item: item.id,
        label: check ? check.label : item.text,
        computedPassed: wasCheck ? wasCheck.passed : null,
        reviewedPassed: check ? check.passed : null,
        computedScore: was.score,
        reviewedScore: item.score,
        reason: a.reason,
      },
    ];
  });
  return {
    ...after,
    review: {
      reviewer: review.reviewer,
      date: review.date,
      computed: {
        total: before.total,
        base: before.base,
        normalized: before.normalized,
        level: before.level?.name ?? null,
        groups: before.groups.map((g) => ({ id: g.id, score: g.score })),
        indicators: before.indicators.map((b) => ({ id: b.id, score: b.score })),
      },
      adjustments,
    },
  };
}
