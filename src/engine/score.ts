// Findings → points. Pure: (rubric, evidence) → exact points per check, 要点, 二级指标 and 一级指标.

import { referenceYearOf } from '../base/dates.js';
import { add, type Exact, mul, sum, ZERO } from '../base/exact.js';
import type { Evidence } from '../evidence/model.js';
import { STAGE_LABELS, type Stage } from '../evidence/schema.js';
import { type Break, buildCalendar, type CalendarRules, type SchoolCalendar, type Term } from './calendar.js';
import type {
  Rubric,
  RubricExtra,
  RubricGroup,
  RubricIndicator,
  RubricItem,
  RubricVeto,
  WeightedCheck,
} from './model.js';
import { fieldLabel, missing, numberAt, numberText } from './rules/common.js';
import { lazyText } from './text.js';
import type { CompiledCheck, Context, Finding, Text } from './types.js';

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

/** A 加分 or 扣分 item: the points it adds or takes away (before the section's cap). */
export interface ExtraResult {
  extra: RubricExtra;
  applicable: boolean;
  points: Exact;
  reason: Text;
}

export interface VetoResult {
  veto: RubricVeto;
  /** The condition failed: the levels it names are denied. */
  triggered: boolean;
  reason: Text;
}

export interface ScoredSchool {
  groups: GroupResult[];
  max: Exact;
  earned: Exact;
  bonus: ExtraResult[];
  deductions: ExtraResult[];
  vetoes: VetoResult[];
}

function evaluateCheck(check: CompiledCheck, ctx: Context): Finding {
  return check.kind.evaluate(check.optionsFor?.[ctx.stage] ?? check.options, ctx, check.children);
}

/** Schools of one county share a calendar: build each distinct one once (a few, so the memo stays small). */
const CALENDARS = new Map<string, SchoolCalendar>();

function calendarOf(
  referenceYear: number,
  terms: readonly Term[],
  breaks: readonly Break[],
  rules: CalendarRules,
): SchoolCalendar {
  // Only what the calendar is built from (a break's name is not): a plain string, cheaper than JSON.
  let key = `${referenceYear}|${rules.teachingMonthMinDays}|${rules.teachingWeekMinWeekdays}`;
  for (const t of terms) key += `|${t.start}~${t.end}`;
  key += '|';
  for (const b of breaks) key += `|${b.start}~${b.end}`;
  let calendar = CALENDARS.get(key);
  if (!calendar) {
    if (CALENDARS.size >= 64) CALENDARS.clear();
    calendar = buildCalendar(referenceYear, terms, breaks, rules);
    CALENDARS.set(key, calendar);
  }
  return calendar;
}

/**
 * The points that apply to a school: they depend on its stage alone (which checks apply), so each 要点's,
 * 二级指标's, 一级指标's and the rubric's are added up once per stage, keyed on the rubric's own objects.
 */
const MAXIMA = new WeakMap<object, Map<Stage, Exact>>();

function maximum(of: RubricItem | RubricIndicator | RubricGroup | Rubric, stage: Stage, total: () => Exact): Exact {
  let byStage = MAXIMA.get(of);
  if (!byStage) {
    byStage = new Map();
    MAXIMA.set(of, byStage);
  }
  let max = byStage.get(stage);
  if (max === undefined) {
    max = total();
    byStage.set(stage, max);
  }
  return max;
}

export function scoreEvidence(rubric: Rubric, evidence: Evidence): ScoredSchool {
  const data = evidence.data;
  // The evidence parser has checked the year; the fallback only keeps this function total.
  const referenceYear = referenceYearOf(data.year) ?? 0;
  const calendar = calendarOf(referenceYear, data.terms, data.breaks ?? [], rubric.calendar);
  const stage = data.school.stage;
  const ctx: Context = { evidence, calendar, stage, evaluate: (c) => evaluateCheck(c, ctx) };
  const stageLabel = STAGE_LABELS[stage];

  const notApplicable: Text = { zh: `不适用于${stageLabel.zh}`, en: `not applicable to a ${stageLabel.en}` };
  const applies = (check: CompiledCheck) => !check.appliesTo || check.appliesTo.includes(stage);

  const scoreItem = (item: RubricItem): ItemResult => {
    const checks = item.checks.map((check): CheckResult => {
      if (!applies(check)) {
        return { check, applicable: false, finding: { outcome: 'pass', reason: notApplicable }, earned: ZERO };
      }
      const finding = evaluateCheck(check, ctx);
      const earned =
        finding.outcome !== 'pass' ? ZERO : finding.share ? mul(check.weight, finding.share) : check.weight;
      return { check, applicable: true, finding, earned };
    });
    // One pass, no intermediate arrays: this runs for every 要点 of every school.
    let earned = ZERO;
    for (const c of checks) earned = add(earned, c.earned);
    const max = maximum(item, stage, () => {
      let points = ZERO;
      for (const c of checks) if (c.applicable) points = add(points, c.check.weight);
      return points;
    });
    return { item, max, earned, checks };
  };

  const groups = rubric.groups.map((group): GroupResult => {
    const indicators = group.indicators.map((indicator): IndicatorResult => {
      const items = indicator.items.map(scoreItem);
      const max = maximum(indicator, stage, () => sum(items.map((i) => i.max)));
      return { indicator, items, max, earned: sum(items.map((i) => i.earned)) };
    });
    return {
      group,
      indicators,
      max: maximum(group, stage, () => sum(indicators.map((i) => i.max))),
      earned: sum(indicators.map((i) => i.earned)),
    };
  });
  const bonus = (rubric.bonus?.items ?? []).map((extra): ExtraResult => {
    const check = extra.check;
    if (!check) return { extra, applicable: true, points: ZERO, reason: { zh: '', en: '' } };
    if (!applies(check)) return { extra, applicable: false, points: ZERO, reason: notApplicable };
    const f = evaluateCheck(check, ctx);
    const points = f.outcome !== 'pass' ? ZERO : f.share ? mul(extra.points, f.share) : extra.points;
    return { extra, applicable: true, points, reason: f.reason };
  });

  const deductions = (rubric.deductions?.items ?? []).map((extra): ExtraResult => {
    if (extra.per) {
      const v = numberAt(ctx, extra.per);
      const l = fieldLabel(extra.per);
      if (v === undefined) return { extra, applicable: true, points: ZERO, reason: missing([extra.per]).reason };
      return {
        extra,
        applicable: true,
        points: mul(extra.points, v),
        reason: lazyText(() => {
          const each = numberText(extra.points);
          return { zh: `${l.zh} ${numberText(v)}，每个扣 ${each} 分`, en: `${l.en} ${numberText(v)}, ${each} each` };
        }),
      };
    }
    const check = extra.check;
    if (!check) return { extra, applicable: true, points: ZERO, reason: { zh: '', en: '' } };
    if (!applies(check)) return { extra, applicable: false, points: ZERO, reason: notApplicable };
    const f = evaluateCheck(check, ctx);
    return { extra, applicable: true, points: f.outcome === 'pass' ? ZERO : extra.points, reason: f.reason };
  });

  const vetoes = rubric.vetoes.map((veto): VetoResult => {
    if (!applies(veto.check)) return { veto, triggered: false, reason: notApplicable };
    const f = evaluateCheck(veto.check, ctx);
    return { veto, triggered: f.outcome !== 'pass', reason: f.reason };
  });

  return {
    groups,
    max: maximum(rubric, stage, () => groups.reduce((a, g) => add(a, g.max), ZERO)),
    earned: groups.reduce((a, g) => add(a, g.earned), ZERO),
    bonus,
    deductions,
    vetoes,
  };
}
