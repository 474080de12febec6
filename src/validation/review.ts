// A review file (复评) checked against a rubric and the school's evidence: the school and year match, each
// id is a check (with passed) or a 要点 (with score) of the rubric, a score lies within the 要点's
// applicable points, a check applies to the school, and no id is adjusted twice. Every problem is placed.
import { cmp, exact, toNumber } from '../base/exact.js';
import { hasErrors, type Problem, pathText } from '../base/problem.js';
import { indicatorsOf, type Rubric, type RubricItem } from '../engine/model.js';
import { type Adjustment, applyAdjustments } from '../engine/review.js';
import type { ItemResult, ScoredSchool } from '../engine/score.js';
import { nearest } from '../evidence/issues.js';
import { labelAt } from '../evidence/labels.js';
import type { Evidence } from '../evidence/model.js';
import { parseReviewBytes, type ReviewData, reviewSchema } from '../evidence/review.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import { type LazySource, locate, type YamlSource } from '../io/yaml.js';

export interface CheckedReview {
  review?: ReviewData;
  problems: Problem[];
}

interface Ids {
  checks: Map<string, RubricItem>;
  items: Map<string, RubricItem>;
  all: string[];
}

const IDS = new WeakMap<Rubric, Ids>();

function idsOf(rubric: Rubric): Ids {
  let ids = IDS.get(rubric);
  if (!ids) {
    const checks = new Map<string, RubricItem>();
    const items = new Map<string, RubricItem>();
    for (const b of indicatorsOf(rubric))
      for (const i of b.items) {
        items.set(i.id, i);
        for (const c of i.checks) checks.set(c.id, i);
      }
    ids = { checks, items, all: [...items.keys(), ...checks.keys()] };
    IDS.set(rubric, ids);
  }
  return ids;
}

function itemResults(scored: ScoredSchool): Map<string, ItemResult> {
  const out = new Map<string, ItemResult>();
  for (const g of scored.groups) for (const b of g.indicators) for (const r of b.items) out.set(r.item.id, r);
  return out;
}

/** What a review says of its school and of the rubric: located problems, errors all. */
export function reviewProblems(
  review: ReviewData,
  /** A review file is YAML: its places are lines and columns. */
  source: YamlSource | LazySource,
  rubric: Rubric,
  evidence: Evidence,
  scored: ScoredSchool,
  file: string | undefined,
  evidenceFile: string,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], code: string, params: Problem['params'], atKey = false) => {
    const label = labelAt(reviewSchema(), path);
    problems.push({
      severity: 'error',
      code,
      params,
      path: pathText(path),
      ...(label ? { label } : {}),
      ...(file ? { file } : {}),
      ...locate(source, path, atKey),
    });
  };
  const s = evidence.data.school;
  if (review.school !== s.code && review.school !== s.name)
    add(['school'], 'review.schoolMismatch', {
      input: review.school,
      file: evidenceFile,
      code: s.code ?? '—',
      school: s.name,
    });
  if (review.year !== evidence.data.year)
    add(['year'], 'review.yearMismatch', { input: review.year, year: evidence.data.year });

  const ids = idsOf(rubric);
  const results = itemResults(scored);
  const firstLine = new Map<string, number>();
  /** 要点 given a score, with the line it was given on. */
  const scoredItems = new Map<string, number>();
  review.adjustments.forEach((a, k) => {
    if (ids.items.has(a.id) && a.score !== undefined) scoredItems.set(a.id, locate(source, ['adjustments', k]).line);
  });
  review.adjustments.forEach((a, k) => {
    const at = ['adjustments', k, 'id'];
    const line = locate(source, ['adjustments', k]).line;
    const first = firstLine.get(a.id);
    if (first !== undefined) {
      add(at, 'review.duplicate', { id: a.id, first });
      return;
    }
    firstLine.set(a.id, line);
    const item = ids.items.get(a.id);
    const owner = ids.checks.get(a.id);
    if (!item && !owner) {
      add(at, 'review.unknownId', { input: a.id, suggestion: nearest(a.id, ids.all) ?? '' });
      return;
    }
    if (item) {
      const result = results.get(item.id);
      const max = result ? result.max : item.points;
      if (a.score === undefined) {
        add(at, 'review.itemWantsScore', { id: a.id, max: toNumber(max), example: item.checks[0]?.id ?? '' });
        return;
      }
      if (cmp(exact(a.score), max) > 0)
        add(['adjustments', k, 'score'], 'review.scoreRange', { id: a.id, value: a.score, max: toNumber(max) });
      return;
    }
    if (owner) {
      if (a.passed === undefined) {
        add(at, 'review.checkWantsPassed', { id: a.id, item: owner.id });
        return;
      }
      const over = scoredItems.get(owner.id);
      if (over !== undefined) {
        add(at, 'review.overlap', { id: a.id, item: owner.id, first: over });
        return;
      }
      const applies = results.get(owner.id)?.checks.find((c) => c.check.id === a.id)?.applicable ?? true;
      if (!applies) add(at, 'review.notApplicable', { id: a.id, stage: STAGE_LABELS[evidence.data.school.stage].zh });
    }
  });
  return problems;
}

export interface ReviewedScore {
  /** The school as the engine scored it. */
  computed: ScoredSchool;
  /** With the review's adjustments, when there is a review without errors. */
  reviewed?: ScoredSchool;
  review?: ReviewData;
  problems: Problem[];
}

/** A review file's bytes read and checked for a scored school; errors leave `reviewed` unset. */
export function readReview(
  bytes: Uint8Array,
  file: string,
  rubric: Rubric,
  evidence: Evidence,
  computed: ScoredSchool,
  evidenceFile: string,
): ReviewedScore {
  const parsed = parseReviewBytes(bytes, file);
  // A review is read as YAML (parseReviewBytes), never from a workbook: its source has lines, not cells.
  const source = parsed.source;
  if (!parsed.review || !source || 'cells' in source || hasErrors(parsed.problems))
    return { computed, problems: parsed.problems };
  const problems = [
    ...parsed.problems,
    ...reviewProblems(parsed.review, source, rubric, evidence, computed, file, evidenceFile),
  ];
  if (hasErrors(problems)) return { computed, problems };
  return {
    computed,
    reviewed: applyAdjustments(computed, parsed.review.adjustments as Adjustment[]),
    review: parsed.review,
    problems,
  };
}
