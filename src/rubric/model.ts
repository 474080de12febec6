// The loaded rubric: the tree of 一级指标 → 二级指标 → 要点 → checks, with every share of points resolved.
import type { CalendarRules } from '../engine/calendar.js';
import type { Exact } from '../engine/exact.js';
import type { CompiledCheck, Text } from '../engine/types.js';

export interface WeightedCheck extends CompiledCheck {
  /** This check's share of its 要点's points. */
  weight: Exact;
}

export interface RubricItem {
  id: string;
  text: Text;
  points: Exact;
  checks: WeightedCheck[];
}

export interface RubricIndicator {
  id: string;
  name: Text;
  points: Exact;
  items: RubricItem[];
}

export interface RubricGroup {
  id: string;
  name: Text;
  points: Exact;
  indicators: RubricIndicator[];
}

export interface Rubric {
  id: string;
  name: Text;
  source?: string;
  total: Exact;
  calendar: CalendarRules;
  notes: string[];
  groups: RubricGroup[];
}

export const indicatorsOf = (r: Rubric): RubricIndicator[] => r.groups.flatMap((g) => g.indicators);
