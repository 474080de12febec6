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
  const inYear = (path: (string | number)[], date: string) => {
    const d = dayNumber(date);
    if (d < first || d > last) at('error', path, 'date.outsideYear', { ...params, date });
    return d >= first && d <= last;
  };

  data.terms.forEach((t, i) => {
    inYear(['terms', i, 'start'], t.start);
    inYear(['terms', i, 'end'], t.end);
    if (dayNumber(t.start) > dayNumber(t.end))
      at('error', ['terms', i, 'end'], 'term.order', { start: t.start, end: t.end });
  });
  const [t1, t2] = data.terms;
  if (t1 && t2 && dayNumber(t2.start) <= dayNumber(t1.end))
    at('error', ['terms', 1, 'start'], 'term.overlap', { end: t1.end, start: t2.start });
  (data.breaks ?? []).forEach((b, i) => {
    inYear(['breaks', i, 'start'], b.start);
    inYear(['breaks', i, 'end'], b.end);
    if (dayNumber(b.start) > dayNumber(b.end))
      at('error', ['breaks', i, 'end'], 'term.order', { start: b.start, end: b.end });
  });

  // As day numbers: a record's date is one already, and comparing numbers, not strings, made reading a file ~5%
  // faster.
  const termDays = data.terms.map((t) => [dayNumber(t.start), dayNumber(t.end)] as const);
  const inTerms = (d: number) => {
    for (const [start, end] of termDays) if (d >= start && d <= end) return true;
    return false;
  };
  // A mistyped term date puts many records outside the terms: name a few, then say how many more.
  let outside = 0;
  const SHOWN_OUTSIDE = 5;
  const recordPath = (i: number, j?: number) => (j === undefined ? ['ledger', i, 'date'] : ['ledger', i, 'dates', j]);
  // A record's date (`dates[j]` where given): its path is made only for a problem, as this runs for every
  // record of every school.
  const recordDate = (date: string, i: number, j?: number) => {
    const d = dayNumber(date);
    if (d < first || d > last) at('error', recordPath(i, j), 'date.outsideYear', { ...params, date });
    else if (!inTerms(d)) {
      if (outside < SHOWN_OUTSIDE) at('warning', recordPath(i, j), 'date.outsideTerms', { date });
      outside++;
    }
  };
  (data.ledger ?? []).forEach((e, i) => {
    if (e.date !== undefined) recordDate(e.date, i);
    if (e.dates) for (let j = 0; j < e.dates.length; j++) recordDate(e.dates[j] as string, i, j);
    if (e.assigned !== undefined && e.completed !== undefined && e.completed > e.assigned)
      at('error', ['ledger', i, 'completed'], 'count.over', {
        part: e.completed,
        whole: e.assigned,
        ...whole(['ledger', i, 'assigned']),
      });
    const households = data.school.households;
    if (e.reached !== undefined && households !== undefined && e.reached > households)
      at('error', ['ledger', i, 'reached'], 'count.over', {
        part: e.reached,
        whole: households,
        ...whole(['school', 'households']),
      });
  });

  if (outside > SHOWN_OUTSIDE)
    at('warning', ['terms'], 'date.outsideTermsMore', { more: outside - SHOWN_OUTSIDE, total: outside });

  const facts = data.facts ?? {};
  if (typeof facts.classesWithCommittee === 'number' && facts.classesWithCommittee > data.school.classes)
    at('error', ['facts', 'classesWithCommittee'], 'count.over', {
      part: facts.classesWithCommittee,
      whole: data.school.classes,
      ...whole(['school', 'classes']),
    });

  for (const [key, s] of Object.entries(data.surveys ?? {})) {
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
  const { graduates, promoted } = data.outcomes ?? {};
  if (graduates && promoted) {
    for (const when of ['current', 'previous'] as const) {
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
