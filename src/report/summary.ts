// A county's (or a city's) batch: one compact row per school, then ranking, per-county lines and how often
// each indicator earns full points. Pure; rows are small so that ten thousand schools fit in little memory.

import { byText, type Problem } from '../base/problem.js';
import { indicatorsOf, type Rubric } from '../engine/model.js';
import type { ScoredSchool } from '../engine/score.js';
import type { Text } from '../engine/types.js';
import type { Evidence } from '../evidence/model.js';
import type { Stage } from '../evidence/schema.js';
import { type Sheet, sheetFigures, shownPoints } from './sheet.js';

export const SUMMARY_SCHEMA_VERSION = 1;

/** What a summary keeps of one school's sheet. Scores are in hundredths, exactly as the sheet shows them. */
export interface SchoolRow {
  file: string;
  name: string;
  code: string | null;
  county: string;
  stage: Stage;
  /** The academic year of the evidence (2023-2024). */
  year: string;
  /** A1, A2, A3… in rubric order. */
  groups: number[];
  total: number;
  max: number;
  normalized: number;
  selfTotal: number | null;
  /** The level reached, when the rubric declares levels. */
  level: Text | null;
  /** Per 二级指标, then per 要点, in rubric order: score and applicable maximum, flat (s0, m0, s1, m1…) to stay small. */
  indicators: number[];
  items: number[];
  /** 复评: the 折算分 as computed before a reviewer adjusted it (hundredths); null when not reviewed. */
  computedNormalized: number | null;
}

export function schoolRow(sheet: Sheet, file: string): SchoolRow {
  const c = (x: number) => Math.round(x * 100);
  // Plain loops: this runs for every school of a batch, and flatMap's arrays cost more than the work.
  const indicators: number[] = [];
  const items: number[] = [];
  for (const b of sheet.indicators) {
    indicators.push(c(b.score), c(b.max));
    for (const i of b.items) items.push(c(i.score), c(i.max));
  }
  return {
    file,
    name: sheet.school.name,
    code: sheet.school.code,
    county: sheet.school.county,
    stage: sheet.school.stage,
    year: sheet.school.year,
    groups: sheet.groups.map((g) => c(g.score)),
    total: c(sheet.total),
    max: c(sheet.max),
    normalized: c(sheet.normalized),
    selfTotal: sheet.selfTotal === null ? null : c(sheet.selfTotal),
    level: sheet.level?.name ?? null,
    indicators,
    items,
    computedNormalized: sheet.review ? c(sheet.review.computed.normalized) : null,
  };
}

/**
 * The same row from a school's scores, without its sheet: from the figures a sheet shows (sheetFigures), so
 * that a batch keeping only rows builds no check rows and no reasons. Not for a reviewed school (复评): its
 * row is its reviewed sheet's.
 */
export function scoredRow(rubric: Rubric, evidence: Evidence, scored: ScoredSchool, file: string): SchoolRow {
  const f = sheetFigures(rubric, evidence, scored);
  const indicators: number[] = [];
  const items: number[] = [];
  f.indicators.forEach((group, k) => {
    group.forEach((b, j) => {
      indicators.push(b.score, b.max);
      for (const i of f.items[k]?.[j] ?? []) items.push(i.score, i.max);
    });
  });
  const school = evidence.data.school;
  return {
    file,
    name: school.name,
    code: school.code ?? null,
    county: school.county,
    stage: school.stage,
    year: evidence.data.year,
    groups: f.groups.map((g) => g.score),
    total: f.total,
    max: f.max,
    normalized: f.normalized,
    selfTotal: f.selfTotal,
    level: f.level?.name ?? null,
    indicators,
    items,
    computedNormalized: null,
  };
}

/** The rubric's structure, for naming the columns of a summary. */
export interface SummaryShape {
  rubric: { id: string; name: Text };
  /** The rubric declares levels: the ranking shows each school's. */
  levels: boolean;
  groups: { id: string; name: Text; points: number }[];
  indicators: { id: string; name: Text; points: number }[];
  items: { id: string; indicator: string; text: Text; points: number }[];
}

/** The columns of a summary, with points as the sheets show them (the same apportioned hundredths). */
export function shapeOf(rubric: Rubric): SummaryShape {
  const shown = shownPoints(rubric);
  const indicators = indicatorsOf(rubric);
  const indicatorPoints = shown.indicators.flat();
  const itemPoints = shown.items.flat();
  return {
    rubric: { id: rubric.id, name: rubric.name },
    levels: rubric.levels.length > 0,
    groups: rubric.groups.map((g, k) => ({ id: g.id, name: g.name, points: (shown.groups[k] ?? 0) / 100 })),
    indicators: indicators.map((b, k) => ({ id: b.id, name: b.name, points: (indicatorPoints[k] ?? 0) / 100 })),
    items: indicators.flatMap((b, k) =>
      b.items.map((i, m) => ({ id: i.id, indicator: b.id, text: i.text, points: (itemPoints[k]?.[m] ?? 0) / 100 })),
    ),
  };
}

export interface Stats {
  mean: number;
  median: number;
  min: number;
  max: number;
}

/**
 * What the ranking keeps of a school: its row without the per-要点 scores, which go into tallies only. The
 * per-二级指标 scores stay (24 integers), for formats that show them per school (CSV's B1–B12 columns).
 */
export type SchoolEntry = Omit<SchoolRow, 'items'>;

export interface RankedSchool extends SchoolEntry {
  rank: number;
  /** Rank among the schools of its county, when the batch has several counties. */
  countyRank: number | null;
  /** 自评 − 得分, in hundredths; null without self-scores. */
  selfMinusScore: number | null;
}

export interface CountyLine {
  county: string;
  schools: number;
  /** Of the 折算分. */
  normalized: Stats;
  ranking: RankedSchool[];
}

export interface Attainment {
  id: string;
  /** Schools the indicator applies to (its applicable maximum is above 0). */
  schools: number;
  /** Schools earning its full applicable points. */
  full: number;
  /** full ÷ schools, in hundredths of a percent: 8333 is 83.33%. */
  rate: number;
  score: Stats;
}

/**
 * A file not scored because of errors, or not counted (a school already in the batch: batch.duplicate): its
 * problems, errors first, at most INVALID_PROBLEMS of them.
 */
export interface InvalidFile {
  file: string;
  problems: Problem[];
  /** Problems beyond those kept. */
  omitted: number;
}

/** Problems kept per invalid file, so that a batch of broken files stays small in memory. */
export const INVALID_PROBLEMS = 20;

/** A file not counted, with its problems: errors first, at most INVALID_PROBLEMS, the rest counted. */
export function invalidFile(file: string, problems: readonly Problem[]): InvalidFile {
  // Problems already capped for the terminal end with a count of the rest (file.moreProblems): count those too.
  const more = problems.find((p) => p.code === 'file.moreProblems');
  const listed = problems.filter((p) => p !== more);
  const errorsFirst = [
    ...listed.filter((p) => p.severity === 'error'),
    ...listed.filter((p) => p.severity !== 'error'),
  ];
  return {
    file,
    problems: errorsFirst.slice(0, INVALID_PROBLEMS),
    omitted: Math.max(0, listed.length - INVALID_PROBLEMS) + Number(more?.params.count ?? 0),
  };
}

export interface Summary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  shape: SummaryShape;
  /** The academic year of its schools (a batch ranks each year apart); null when no school was scored. */
  year: string | null;
  schools: number;
  /** Files that were not scored because of errors, or not counted (a school twice). */
  invalid: number;
  /** 复评: schools ranked on reviewed scores. */
  reviewed: number;
  invalidFiles: InvalidFile[];
  ranking: RankedSchool[];
  /** One line per county, when more than one county is present. */
  counties: CountyLine[];
  indicators: Attainment[];
  items: Attainment[];
  /** 要点 ids, most often short of full points first. */
  mostMissed: string[];
  /**
   * Every school's sheet in ranking order, for formats whose batch output holds them (HTML, XLSX); empty
   * otherwise, so that a batch of any size keeps no sheet.
   */
  sheets: Sheet[];
}

/** Half up, as the sheets round. */
const divRound = (a: number, b: number): number => (b === 0 ? 0 : Math.floor((2 * a + b) / (2 * b)));

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : divRound((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0), 2);
  return {
    mean: divRound(
      sorted.reduce((a, x) => a + x, 0),
      n,
    ),
    median,
    min: sorted[0] ?? 0,
    max: sorted[n - 1] ?? 0,
  };
}

/**
 * Ranking: by 折算分, highest first; equal 折算分 share a rank (1, 2, 2, 4) and are listed by 学校标识码,
 * then name, then file.
 */
export function rank(rows: readonly SchoolEntry[]): RankedSchool[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.normalized - a.normalized ||
      byText(a.code ?? '\uffff', b.code ?? '\uffff') ||
      byText(a.name, b.name) ||
      byText(a.file, b.file),
  );
  let rankNow = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.normalized !== sorted[i - 1]?.normalized) rankNow = i + 1;
    // Object.assign, not a spread: Node 20 spreads these entries, which come in several shapes (null or a number,
    // a code or none), ~10× slower than it assigns them (~50 ms for 10,000 schools).
    return Object.assign({}, r, {
      rank: rankNow,
      countyRank: null,
      selfMinusScore: r.selfTotal === null ? null : r.selfTotal - r.total,
    });
  });
}

/** Scores of one indicator across schools, as counts per value: exact statistics in constant memory. */
class Tally {
  schools = 0;
  full = 0;
  private counts = new Map<number, number>();

  add(score: number, max: number) {
    if (max <= 0) return;
    this.schools++;
    if (score === max) this.full++;
    this.counts.set(score, (this.counts.get(score) ?? 0) + 1);
  }

  stats(): Stats {
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0 };
    let sum = 0;
    for (const v of values) sum += v * (this.counts.get(v) ?? 0);
    /** The k-th smallest score (0-based). */
    const nth = (k: number) => {
      let seen = 0;
      for (const v of values) {
        seen += this.counts.get(v) ?? 0;
        if (seen > k) return v;
      }
      return values[values.length - 1] ?? 0;
    };
    const n = this.schools;
    const mid = Math.floor(n / 2);
    return {
      mean: divRound(sum, n),
      median: n % 2 === 1 ? nth(mid) : divRound(nth(mid - 1) + nth(mid), 2),
      min: values[0] ?? 0,
      max: values[values.length - 1] ?? 0,
    };
  }

  result(id: string): Attainment {
    return {
      id,
      schools: this.schools,
      full: this.full,
      rate: divRound(this.full * 10000, this.schools),
      score: this.stats(),
    };
  }
}

/**
 * Builds a summary school by school: it keeps a small entry per school for the ranking and tallies for
 * the indicators, so a batch of any size holds no sheet and no parsed document.
 */
export class SummaryBuilder {
  private entries: SchoolEntry[] = [];
  private invalid = 0;
  private invalidFiles: InvalidFile[] = [];
  private indicators: Tally[];
  private items: Tally[];
  /** Kept only when a format asks for them (Format.withSheets), by file. */
  private sheets = new Map<string, Sheet>();

  private texts = new Map<string, string>();
  private shared = (text: string): string => {
    const held = this.texts.get(text);
    if (held !== undefined) return held;
    this.texts.set(text, text);
    return text;
  };

  constructor(private shape: SummaryShape) {
    this.indicators = shape.indicators.map(() => new Tally());
    this.items = shape.items.map(() => new Tally());
  }

  /** `sheet`: the school's sheet, kept for Summary.sheets. */
  add(row: SchoolRow, sheet?: Sheet): void {
    const { items, indicators } = row;
    if (sheet) this.sheets.set(row.file, sheet);
    // Kept for the whole batch: the texts most schools share (county, stage, year) are held once.
    const shared = this.shared;
    this.entries.push({
      file: row.file,
      name: row.name,
      code: row.code,
      county: shared(row.county),
      stage: shared(row.stage) as Stage,
      year: shared(row.year),
      groups: row.groups,
      total: row.total,
      max: row.max,
      normalized: row.normalized,
      selfTotal: row.selfTotal,
      level: row.level,
      indicators,
      computedNormalized: row.computedNormalized,
    });
    this.indicators.forEach((t, k) => {
      t.add(indicators[2 * k] ?? 0, indicators[2 * k + 1] ?? 0);
    });
    this.items.forEach((t, k) => {
      t.add(items[2 * k] ?? 0, items[2 * k + 1] ?? 0);
    });
  }

  addInvalid(file: string, problems: readonly Problem[]): void {
    this.invalid++;
    this.invalidFiles.push(invalidFile(file, problems));
  }

  finish(): Summary {
    const { shape, entries } = this;
    const ranking = rank(entries);
    const countyNames = [...new Set(entries.map((r) => r.county))].sort(byText);
    // A county's ranking is the overall one filtered (same order), ranked again among its own schools.
    const counties =
      countyNames.length > 1
        ? countyNames.map((county) => {
            const mine = ranking.filter((r) => r.county === county);
            mine.forEach((r, i) => {
              const prev = mine[i - 1];
              r.countyRank = prev && prev.normalized === r.normalized ? (prev.countyRank ?? i + 1) : i + 1;
            });
            return { county, schools: mine.length, normalized: stats(mine.map((r) => r.normalized)), ranking: mine };
          })
        : [];
    const items = this.items.map((t, k) => t.result(shape.items[k]?.id ?? ''));
    const mostMissed = items
      .map((a, k) => ({ a, k }))
      .filter(({ a }) => a.schools > 0 && a.full < a.schools)
      .sort((x, y) => x.a.rate - y.a.rate || x.k - y.k)
      .map(({ a }) => a.id);
    return {
      schemaVersion: SUMMARY_SCHEMA_VERSION,
      shape,
      year: entries[0]?.year ?? null,
      schools: entries.length,
      invalid: this.invalid,
      reviewed: entries.filter((r) => r.computedNormalized !== null).length,
      invalidFiles: this.invalidFiles,
      ranking,
      counties,
      indicators: this.indicators.map((t, k) => t.result(shape.indicators[k]?.id ?? '')),
      items,
      mostMissed,
      sheets: this.sheets.size === 0 ? [] : ranking.flatMap((r) => this.sheets.get(r.file) ?? []),
    };
  }
}
