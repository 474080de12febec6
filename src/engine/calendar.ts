// The academic calendar: terms, teaching months and teaching weeks. Pure date arithmetic on day numbers.

/** A calendar date as written in evidence files: YYYY-MM-DD. */
export type IsoDate = string;

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

const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD), by Howard Hinnant's days-from-civil: this runs for
 * every date of every file in a batch, and Date.UTC with a split cost a third of a validation run.
 */
export function dayNumber(date: IsoDate): number {
  const y0 = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day number, by days-from-civil's inverse (no Date objects on the hot path). */
export function isoOfDay(day: number): IsoDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** True when the text is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return isoOfDay(dayNumber(text)) === text;
}

/** 0 = Monday … 6 = Sunday. */
const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

const inside = (day: number, r: { start: IsoDate; end: IsoDate }): boolean =>
  day >= dayNumber(r.start) && day <= dayNumber(r.end);

export const monthOf = (date: IsoDate): string => date.slice(0, 7);

const WEEKS = new Map<IsoDate, IsoDate>();

/** The Monday of a date's week; dates repeat across the schools of a batch, so each is worked out once. */
export function weekOf(date: IsoDate): IsoDate {
  let monday = WEEKS.get(date);
  if (monday === undefined) {
    const day = dayNumber(date);
    monday = isoOfDay(day - weekday(day));
    if (WEEKS.size > 10_000) WEEKS.clear();
    WEEKS.set(date, monday);
  }
  return monday;
}

export function termIndexOf(terms: readonly Term[], date: IsoDate): number {
  const day = dayNumber(date);
  return terms.findIndex((t) => inside(day, t));
}

/** "2023-2024" → 2024; undefined when the text is not two consecutive years. */
export function referenceYearOf(academicYear: string): number | undefined {
  const m = /^(\d{4})-(\d{4})$/.exec(academicYear);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return undefined;
  return Number(m[2]);
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
