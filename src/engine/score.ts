// Findings → points. Pure: (rubric, evidence) → exact points per check, 要点, 二级指标 and 一级指标.
import type { Evidence } from '../evidence/model.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import type { Rubric, RubricGroup, RubricIndicator, RubricItem, WeightedCheck } from '../rubric/model.js';
import {
  type Break,
  buildCalendar,
  type CalendarRules,
  referenceYearOf,
  type SchoolCalendar,
  type Term,
} from './calendar.js';
import { add, type Exact, sum, ZERO } from './exact.js';
import type { CompiledCheck, Context, Finding } from './types.js';

export interface CheckResult {
  check: WeightedCheck;
  applicable: boolean;
  finding: Finding;
  earned: Exact;
}

export interface ItemResult {
  item: RubricItem;
  /** Points of the applicable checks: the 要点's points less those of checks that do not apply. */
  max: Exact;
  earned: Exact;
  checks: CheckResult[];
}

export interface IndicatorResult {
  indicator: RubricIndicator;
  max: Exact;
  earned: Exact;
  items: ItemResult[];
}

export interface GroupResult {
  group: RubricGroup;
  max: Exact;
  earned: Exact;
  indicators: IndicatorResult[];
}

export interface ScoredSchool {
  groups: GroupResult[];
  max: Exact;
  earned: Exact;
}

function evaluateCheck(check: CompiledCheck, ctx: Context): Finding {
  return check.kind.evaluate(check.options, ctx, check.children);
}

/** Schools of one county share a calendar: build each distinct one once (a few, so the memo stays small). */
const CALENDARS = new Map<string, SchoolCalendar>();

function calendarOf(
  referenceYear: number,
  terms: readonly Term[],
  breaks: readonly Break[],
  rules: CalendarRules,
): SchoolCalendar {
  const key = JSON.stringify([referenceYear, terms, breaks, rules]);
  let calendar = CALENDARS.get(key);
  if (!calendar) {
    if (CALENDARS.size >= 64) CALENDARS.clear();
    calendar = buildCalendar(referenceYear, terms, breaks, rules);
    CALENDARS.set(key, calendar);
  }
  return calendar;
}

export function scoreEvidence(rubric: Rubric, evidence: Evidence): ScoredSchool {
  const data = evidence.data;
  // The evidence parser has checked the year; the fallback only keeps this function total.
  const referenceYear = referenceYearOf(data.year) ?? 0;
  const calendar = calendarOf(referenceYear, data.terms, data.breaks ?? [], rubric.calendar);
  const stage = data.school.stage;
  const ctx: Context = { evidence, calendar, stage, evaluate: (c) => evaluateCheck(c, ctx) };
  const stageLabel = STAGE_LABELS[stage];

  const scoreItem = (item: RubricItem): ItemResult => {
    const checks = item.checks.map((check): CheckResult => {
      if (check.appliesTo && !check.appliesTo.includes(stage)) {
        return {
          check,
          applicable: false,
          finding: {
            outcome: 'pass',
            reason: { zh: `不适用于${stageLabel.zh}`, en: `not applicable to a ${stageLabel.en}` },
          },
          earned: ZERO,
        };
      }
      const finding = evaluateCheck(check, ctx);
      return { check, applicable: true, finding, earned: finding.outcome === 'pass' ? check.weight : ZERO };
    });
    const applicable = checks.filter((c) => c.applicable);
    return {
      item,
      max: sum(applicable.map((c) => c.check.weight)),
      earned: sum(checks.map((c) => c.earned)),
      checks,
    };
  };

  const groups = rubric.groups.map((group): GroupResult => {
    const indicators = group.indicators.map((indicator): IndicatorResult => {
      const items = indicator.items.map(scoreItem);
      return { indicator, items, max: sum(items.map((i) => i.max)), earned: sum(items.map((i) => i.earned)) };
    });
    return {
      group,
      indicators,
      max: sum(indicators.map((i) => i.max)),
      earned: sum(indicators.map((i) => i.earned)),
    };
  });
  return {
    groups,
    max: groups.reduce((a, g) => add(a, g.max), ZERO),
    earned: groups.reduce((a, g) => add(a, g.earned), ZERO),
  };
}
