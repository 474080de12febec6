// This year against last: two sheets of one school, or two batches of a county, compared on what the sheets
// show (hundredths), so that every change shown is the difference of two numbers the reader has seen.
import { byText } from '../base/problem.js';
import type { Text } from '../engine/types.js';
import { nameKey, type SchoolId } from './same-school.js';
import type { Sheet } from './sheet.js';
import type { InvalidFile } from './summary.js';

export const DIFF_SCHEMA_VERSION = 1;

/** A check that changed between the two years. */
export interface CheckChange {
  id: string;
  label: Text;
  /** The reason in the newer sheet. */
  reason: Text;
}

export interface IndicatorChange {
  id: string;
  name: Text;
  /** Scores and applicable maxima, in hundredths. */
  old: number;
  new: number;
  oldMax: number;
  newMax: number;
}

export interface SheetDiff {
  school: { name: string; code: string | null; county: string };
  years: { old: string; new: string };
  /** In hundredths. */
  total: { old: number; new: number };
  normalized: { old: number; new: number };
  indicators: IndicatorChange[];
  newlyPassed: CheckChange[];
  newlyFailed: CheckChange[];
}

const cents = (x: number) => Math.round(x * 100);

/** Passed checks by id (applicable ones only: a check that does not apply neither passes nor fails). */
function checkStates(sheet: Sheet): Map<string, { passed: boolean; label: Text; reason: Text }> {
  const out = new Map<string, { passed: boolean; label: Text; reason: Text }>();
  for (const b of sheet.indicators)
    for (const i of b.items)
      for (const c of i.checks) if (c.applicable) out.set(c.id, { passed: c.passed, label: c.label, reason: c.reason });
  return out;
}

export function diffSheets(older: Sheet, newer: Sheet): SheetDiff {
  const before = checkStates(older);
  const after = checkStates(newer);
  const changed = (from: boolean): CheckChange[] =>
    [...after]
      .filter(([id, a]) => before.get(id)?.passed === from && a.passed !== from)
      .map(([id, a]) => ({ id, label: a.label, reason: a.reason }));
  const oldById = new Map(older.indicators.map((b) => [b.id, b]));
  return {
    school: { name: newer.school.name, code: newer.school.code, county: newer.school.county },
    years: { old: older.school.year, new: newer.school.year },
    total: { old: cents(older.total), new: cents(newer.total) },
    normalized: { old: cents(older.normalized), new: cents(newer.normalized) },
    indicators: newer.indicators.map((b) => {
      const o = oldById.get(b.id);
      return {
        id: b.id,
        name: b.name,
        old: cents(o?.score ?? 0),
        new: cents(b.score),
        oldMax: cents(o?.max ?? 0),
        newMax: cents(b.max),
      };
    }),
    newlyPassed: changed(false),
    newlyFailed: changed(true),
  };
}

/** A school's key, for an order that does not change between runs: its 学校标识码, else its county and name. */
const schoolKey = (s: SchoolId): string => s.code ?? nameKey(s);

export interface BatchDiff {
  /** The academic year of each batch (a folder holds one); null for a batch of no school. */
  years: { old: string | null; new: string | null };
  /** Matched schools, largest rise in 折算分 first. */
  schools: SheetDiff[];
  /** Schools found in one batch only. */
  onlyOld: { name: string; county: string; file: string }[];
  onlyNew: { name: string; county: string; file: string }[];
  /** Per 二级指标, the change of its mean score over the matched schools, in hundredths (half up). */
  indicators: { id: string; name: Text; oldMean: number; newMean: number }[];
  /** Files of either folder left out: not scored because of errors, or a school already in its folder. */
  notCompared: InvalidFile[];
}

const mean = (xs: number[]) =>
  xs.length === 0 ? 0 : Math.floor((2 * xs.reduce((a, x) => a + x, 0) + xs.length) / (2 * xs.length));

export function diffBatches(
  older: { file: string; sheet: Sheet }[],
  newer: { file: string; sheet: Sheet }[],
  notCompared: InvalidFile[] = [],
): BatchDiff {
  // A school's two years by its 学校标识码, else by its county and name (report/same-school.ts): one year's
  // file may lack the code, or have it mistyped.
  const oldByCode = new Map(older.flatMap((x) => (x.sheet.school.code === null ? [] : [[x.sheet.school.code, x]])));
  const oldByName = new Map(older.map((x) => [nameKey(x.sheet.school), x]));
  const paired = new Set<{ file: string; sheet: Sheet }>();
  const pairs = newer.flatMap((n) => {
    const { code } = n.sheet.school;
    const o = (code === null ? undefined : oldByCode.get(code)) ?? oldByName.get(nameKey(n.sheet.school));
    if (!o || paired.has(o)) return [];
    paired.add(o);
    paired.add(n);
    return [{ o, n }];
  });
  const schools = pairs
    .map(({ o, n }) => diffSheets(o.sheet, n.sheet))
    .sort(
      (a, b) =>
        b.normalized.new - b.normalized.old - (a.normalized.new - a.normalized.old) ||
        byText(schoolKey(a.school), schoolKey(b.school)),
    );
  const first = schools[0];
  return {
    years: { old: older[0]?.sheet.school.year ?? null, new: newer[0]?.sheet.school.year ?? null },
    schools,
    onlyOld: older
      .filter((x) => !paired.has(x))
      .map((x) => ({ name: x.sheet.school.name, county: x.sheet.school.county, file: x.file })),
    onlyNew: newer
      .filter((x) => !paired.has(x))
      .map((x) => ({ name: x.sheet.school.name, county: x.sheet.school.county, file: x.file })),
    indicators: (first?.indicators ?? []).map((b, k) => ({
      id: b.id,
      name: b.name,
      oldMean: mean(schools.map((s) => s.indicators[k]?.old ?? 0)),
      newMean: mean(schools.map((s) => s.indicators[k]?.new ?? 0)),
    })),
    notCompared,
  };
}
