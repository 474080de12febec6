// Facts that parse but contradict each other or the calendar. Each would otherwise give a wrong score.
import { dayNumber, referenceYearOf } from '../base/dates.js';
import { type Problem, pathText, type Severity } from '../base/problem.js';
import { type Located, locate } from '../io/yaml.js';
import { evidenceLabel } from './field-labels.js';
import type { EvidenceData, Stage } from './schema.js';

/** Leading two digits of 学校标识码 → the stages that category fits. */
const CODE_CATEGORIES: Record<string, readonly Stage[]> = {
  '11': ['kindergarten'],
  '21': ['primary'],
  '31': ['junior', 'nine-year', 'complete'],
  '34': ['senior', 'complete'],
  '22': ['primary', 'nine-year'],
  '32': ['nine-year', 'junior'],
};

const WHEN = ['current', 'previous'] as const;

/** Records outside the terms named one by one; past these, how many more. */
const SHOWN_OUTSIDE = 5;

type RecordProblem = (
  severity: Severity,
  entry: number,
  index: number | undefined,
  code: string,
  params: Problem['params'],
) => void;

/**
 * Every record's date against the year (`first`…`last`, day numbers) and the terms; the number of records
 * outside the terms. Its own small function, with the terms as a flat list of day numbers: it runs for every
 * date of every file, and V8 optimizes a small function after fewer calls than a large one.
 */
function recordDateProblems(
  data: EvidenceData,
  first: number,
  last: number,
  params: Problem['params'],
  report: RecordProblem,
): number {
  const terms = data.terms;
  const termDays: number[] = [];
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k] as (typeof terms)[number];
    termDays.push(dayNumber(t.start), dayNumber(t.end));
  }
  let outside = 0;
  const check = (date: string, i: number, j: number | undefined) => {
    const d = dayNumber(date);
    if (d < first || d > last) {
      report('error', i, j, 'date.outsideYear', { ...params, date });
      return;
    }
    for (let k = 0; k < termDays.length; k += 2)
      if (d >= (termDays[k] as number) && d <= (termDays[k + 1] as number)) return;
    if (outside < SHOWN_OUTSIDE) report('warning', i, j, 'date.outsideTerms', { date });
    outside++;
  };
  const ledger = data.ledger ?? [];
  for (let i = 0; i < ledger.length; i++) {
    const e = ledger[i] as (typeof ledger)[number];
    if (e.date !== undefined) check(e.date, i, undefined);
    const dates = e.dates;
    if (dates) for (let j = 0; j < dates.length; j++) check(dates[j] as string, i, j);
  }
  return outside;
}

export function consistencyProblems(data: EvidenceData, source: Located, file?: string): Problem[] {
  const problems: Problem[] = [];
  const at = (severity: Severity, path: (string | number)[], code: string, params: Problem['params'] = {}) => {
    const label = evidenceLabel(path);
    problems.push({
      severity,
      code,
      params,
      path: pathText(path),
      ...(label ? { label } : {}),
      ...locate(source, path),
      ...(file ? { file } : {}),
    });
  };

  const whole = (path: (string | number)[]) => {
    const label = evidenceLabel(path);
    return { wholeZh: label?.zh ?? pathText(path), wholeEn: label?.en ?? pathText(path) };
  };

  const ref = referenceYearOf(data.year);
  if (ref === undefined) {
    at('error', ['year'], 'year.invalid', { input: data.year });
    return problems;
  }
  const first = dayNumber(`${ref - 1}-09-01`);
  const last = dayNumber(`${ref}-08-31`);
  const params = { year: data.year, from: `${ref - 1}-09-01`, to: `${ref}-08-31` };
  // Plain loops, and no path made before there is a problem: this runs for every file of a batch.
  const outOfYear = (list: 'terms' | 'breaks', i: number, end: 'start' | 'end', date: string) => {
    const d = dayNumber(date);
    if (d < first || d > last) at('error', [list, i, end], 'date.outsideYear', { ...params, date });
  };
  const terms = data.terms;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as (typeof terms)[number];
    outOfYear('terms', i, 'start', t.start);
    outOfYear('terms', i, 'end', t.end);
    if (dayNumber(t.start) > dayNumber(t.end))
      at('error', ['terms', i, 'end'], 'term.order', { start: t.start, end: t.end });
  }
  const t1 = terms[0];
  const t2 = terms[1];
  if (t1 && t2 && dayNumber(t2.start) <= dayNumber(t1.end))
    at('error', ['terms', 1, 'start'], 'term.overlap', { end: t1.end, start: t2.start });
  const breaks = data.breaks ?? [];
  for (let i = 0; i < breaks.length; i++) {
    const b = breaks[i] as (typeof breaks)[number];
    outOfYear('breaks', i, 'start', b.start);
    outOfYear('breaks', i, 'end', b.end);
    if (dayNumber(b.start) > dayNumber(b.end))
      at('error', ['breaks', i, 'end'], 'term.order', { start: b.start, end: b.end });
  }

  // A mistyped term date puts many records outside the terms: name a few, then say how many more.
  const outside = recordDateProblems(data, first, last, params, (severity, i, j, code, params) =>
    at(severity, j === undefined ? ['ledger', i, 'date'] : ['ledger', i, 'dates', j], code, params),
  );
  const households = data.school.households;
  const ledger = data.ledger ?? [];
  for (let i = 0; i < ledger.length; i++) {
    const e = ledger[i] as (typeof ledger)[number];
    if (e.assigned !== undefined && e.completed !== undefined && e.completed > e.assigned)
      at('error', ['ledger', i, 'completed'], 'count.over', {
        part: e.completed,
        whole: e.assigned,
        ...whole(['ledger', i, 'assigned']),
      });
    if (e.reached !== undefined && households !== undefined && e.reached > households)
      at('error', ['ledger', i, 'reached'], 'count.over', {
        part: e.reached,
        whole: households,
        ...whole(['school', 'households']),
      });
  }

  if (outside > SHOWN_OUTSIDE)
    at('warning', ['terms'], 'date.outsideTermsMore', { more: outside - SHOWN_OUTSIDE, total: outside });

  const facts = data.facts ?? {};
  if (typeof facts.classesWithCommittee === 'number' && facts.classesWithCommittee > data.school.classes)
    at('error', ['facts', 'classesWithCommittee'], 'count.over', {
      part: facts.classesWithCommittee,
      whole: data.school.classes,
      ...whole(['school', 'classes']),
    });

  const surveys = data.surveys ?? {};
  for (const key in surveys) {
    const s = surveys[key as keyof typeof surveys];
    if (!s) continue;
    if (s.satisfied > s.respondents)
      at('error', ['surveys', key, 'satisfied'], 'count.over', {
        part: s.satisfied,
        whole: s.respondents,
        ...whole(['surveys', key, 'respondents']),
      });
    if (s.respondents > s.population)
      at('error', ['surveys', key, 'respondents'], 'count.over', {
        part: s.respondents,
        whole: s.population,
        ...whole(['surveys', key, 'population']),
      });
  }
  const graduates = data.outcomes?.graduates;
  const promoted = data.outcomes?.promoted;
  if (graduates && promoted) {
    for (const when of WHEN) {
      if (promoted[when] > graduates[when])
        at('error', ['outcomes', 'promoted', when], 'count.over', {
          part: promoted[when],
          whole: graduates[when],
          ...whole(['outcomes', 'graduates', when]),
        });
    }
  }

  const code = data.school.code;
  if (code !== undefined) {
    if (!/^\d{10}$/.test(code)) at('warning', ['school', 'code'], 'code.form', { input: code });
    else {
      const fits = CODE_CATEGORIES[code.slice(0, 2)];
      if (fits && !fits.includes(data.school.stage))
        at('warning', ['school', 'code'], 'code.stage', {
          code,
          category: code.slice(0, 2),
          stage: data.school.stage,
        });
    }
  }
  return problems;
}
