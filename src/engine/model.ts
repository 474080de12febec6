// The loaded rubric: the tree of 一级指标 → 二级指标 → 要点 → checks, with every share of points resolved.

import type { Exact } from '../base/exact.js';
import type { CalendarRules } from './calendar.js';
import type { CompiledCheck, Text } from './types.js';

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

/** A 加分 or 扣分 item. A deduction with `per` takes its points for each unit of that field's value. */
export interface RubricExtra {
  id: string;
  label: Text;
  points: Exact;
  check?: CompiledCheck;
  per?: string;
}

export interface RubricVeto {
  id: string;
  label: Text;
  /** The level names it denies, or every level. */
  denies: 'all' | string[];
  check: CompiledCheck;
}

export interface RubricLevel {
  name: Text;
  min: Exact;
}

export interface Rubric {
  id: string;
  name: Text;
  source?: string;
  total: Exact;
  calendar: CalendarRules;
  /** How the rubric reads its source where the source is silent. */
  notes: Text[];
  groups: RubricGroup[];
  bonus?: { cap: Exact; items: RubricExtra[] };
  deductions?: { cap: Exact; items: RubricExtra[] };
  vetoes: RubricVeto[];
  /** From the lowest. */
  levels: RubricLevel[];
  levelBasis: 'normalized' | 'total';
}

export const indicatorsOf = (r: Rubric): RubricIndicator[] => r.groups.flatMap((g) => g.indicators);
