// The batch summary as versioned JSON (docs in README). Scores are points; rates are percentages.

import { jsonTextPieces } from '../../base/escape.js';
import type { Lang } from '../../i18n/messages.js';
import type { Attainment, InvalidFile, RankedSchool, Stats, Summary } from '../../report/summary.js';
import { problemJson } from '../problem-json.js';
import { inLang, type Output } from '../types.js';

const p = (cents: number) => cents / 100;
const stats = (s: Stats) => ({ mean: p(s.mean), median: p(s.median), min: p(s.min), max: p(s.max) });

/** The summary's JSON value without its ranking (`rest`), and how each ranked school is written. */
function summaryJson(s: Summary, lang: Lang) {
  const groupIds = s.shape.groups.map((g) => g.id);
  // Built field by field, without a spread for `level` (an object literal with a spread in it takes Node 20's
  // slow path): a summary makes one for every school.
  const school = (r: RankedSchool) => {
    // No prototype: a group may be named anything a rubric id allows, __proto__ too.
    const groups: Record<string, number> = Object.create(null);
    for (let k = 0; k < groupIds.length; k++) groups[groupIds[k] as string] = p(r.groups[k] ?? 0);
    const o: Record<string, unknown> = {
      rank: r.rank,
      countyRank: r.countyRank,
      name: r.name,
      code: r.code,
      county: r.county,
      stage: r.stage,
      file: r.file,
      groups,
      total: p(r.total),
      max: p(r.max),
      normalized: p(r.normalized),
      selfTotal: r.selfTotal === null ? null : p(r.selfTotal),
      selfMinusScore: r.selfMinusScore === null ? null : p(r.selfMinusScore),
    };
    if (s.shape.levels) o.level = r.level ? inLang(r.level, lang) : null;
    // 复评: ranked on the reviewed 折算分 above; this is the one computed before the review.
    o.reviewed = r.computedNormalized !== null;
    o.computedNormalized = r.computedNormalized === null ? null : p(r.computedNormalized);
    return o;
  };
  const attained = (a: Attainment, name: string, points: number) => ({
    id: a.id,
    name,
    points,
    schools: a.schools,
    full: a.full,
    fullRate: a.rate / 100,
    score: stats(a.score),
  });
  const rest = {
    schemaVersion: s.schemaVersion,
    rubric: { id: s.shape.rubric.id, name: inLang(s.shape.rubric.name, lang) },
    year: s.year,
    schools: s.schools,
    invalid: s.invalid,
    reviewed: s.reviewed,
    invalidFiles: s.invalidFiles.map((f) => invalidFileJson(f, lang)),
    // In its place; written school by school (renderSummaryJson).
    ranking: [],
    counties: s.counties.map((c) => ({ county: c.county, schools: c.schools, normalized: stats(c.normalized) })),
    indicators: s.indicators.map((a, k) => {
      const b = s.shape.indicators[k];
      return attained(a, b ? inLang(b.name, lang) : a.id, b?.points ?? 0);
    }),
    items: s.items.map((a, k) => {
      const i = s.shape.items[k];
      return attained(a, i ? inLang(i.text, lang) : a.id, i?.points ?? 0);
    }),
    mostMissed: s.mostMissed,
  };
  return { school, rest };
}

/** A file that was not counted, with what CI needs to point at each problem. */
export const invalidFileJson = (f: InvalidFile, lang: Lang) => ({
  file: f.file,
  problems: f.problems.map((p) => problemJson(p, lang)),
  omittedProblems: f.omitted,
});

/** The summary as JSON text, its ranking made school by school as it is written: never one string. */
export const renderSummaryJson = (s: Summary, options: { lang: Lang }): Output => {
  const { school, rest } = summaryJson(s, options.lang);
  return { pieces: () => jsonTextPieces(rest, 'ranking', s.ranking, school) };
};
