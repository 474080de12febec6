// The academic calendar: terms, teaching months and teaching weeks. Pure date arithmetic on day numbers.
import { dayNumber, type IsoDate, isoOfDay, monthOf, weekday } from '../base/dates.js';

export interface Term {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export interface Break {
  readonly name?: string | undefined;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export interface CalendarRules {
  /** A month teaches when at least this many of its days lie inside a term. */
  readonly teachingMonthMinDays: number;
  /** A Monday–Sunday week teaches when at least this many weekdays lie inside a term and outside breaks. */
  readonly teachingWeekMinWeekdays: number;
}

export interface SchoolCalendar {
  /** e.g. 2024 for the academic year 2023-2024. */
  readonly referenceYear: number;
  readonly yearStart: IsoDate;
  readonly yearEnd: IsoDate;
  readonly terms: readonly Term[];
  /** YYYY-MM of each teaching month, in order. */
  readonly teachingMonths: readonly string[];
  /** The Monday (YYYY-MM-DD) of each teaching week, in order. */
  readonly teachingWeeks: readonly IsoDate[];
}

const inside = (day: number, r: { start: IsoDate; end: IsoDate }): boolean =>
  day >= dayNumber(r.start) && day <= dayNumber(r.end);

export function termIndexOf(terms: readonly Term[], date: IsoDate): number {
  const day = dayNumber(date);
  return terms.findIndex((t) => inside(day, t));
}

export function buildCalendar(
  referenceYear: number,
  terms: readonly Term[],
  breaks: readonly Break[],
  rules: CalendarRules,
): SchoolCalendar {
  const yearStart = `${referenceYear - 1}-09-01`;
  const yearEnd = `${referenceYear}-08-31`;
  const first = dayNumber(yearStart);
  const last = dayNumber(yearEnd);
  const span = (r: { start: IsoDate; end: IsoDate }) => [dayNumber(r.start), dayNumber(r.end)] as const;
  const termSpans = terms.map(span);
  const breakSpans = breaks.map(span);
  const within = (day: number, spans: (readonly [number, number])[]) => spans.some(([a, b]) => day >= a && day <= b);
  const inTerm = (day: number) => within(day, termSpans);

  const monthDays = new Map<string, number>();
  for (let day = first; day <= last; day++) {
    if (!inTerm(day)) continue;
    const month = monthOf(isoOfDay(day));
    monthDays.set(month, (monthDays.get(month) ?? 0) + 1);
  }
  const teachingMonths = [...monthDays]
    .filter(([, n]) => n >= rules.teachingMonthMinDays)
    .map(([m]) => m)
    .sort();

  const teachingWeeks: IsoDate[] = [];
  // Weeks that touch the academic year: from the Monday on or before 1 September.
  for (let monday = first - weekday(first); monday <= last; monday += 7) {
    let schoolDays = 0;
    for (let day = monday; day < monday + 5; day++) {
      if (day < first || day > last) continue;
      if (inTerm(day) && !within(day, breakSpans)) schoolDays++;
    }
    if (schoolDays >= rules.teachingWeekMinWeekdays) teachingWeeks.push(isoOfDay(monday));
  }

  return { referenceYear, yearStart, yearEnd, terms, teachingMonths, teachingWeeks };
}
