// Teaching months and weeks on Ningxia's 2023-2024 calendar.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regexes } from 'zod';
import { dayNumber, isoOfDay, isRealDate, weekOf } from '../src/base/dates.js';
import { buildCalendar, termIndexOf } from '../src/engine/calendar.js';

const terms = [
  { start: '2023-09-01', end: '2024-01-19' },
  { start: '2024-02-26', end: '2024-07-05' },
];
const rules = { teachingMonthMinDays: 15, teachingWeekMinWeekdays: 3 };

describe('calendar', () => {
  it('teaching months: at least 15 days inside a term', () => {
    const c = buildCalendar(2024, terms, [], rules);
    // January has 19 term days (counts); February 4 and July 5 (do not).
    expect(c.teachingMonths).toEqual([
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
  });

  it('a month with exactly 15 term days counts, 14 does not', () => {
    const at = (end: string) =>
      buildCalendar(
        2024,
        [
          { start: '2023-09-01', end },
          { start: '2024-03-01', end: '2024-03-31' },
        ],
        [],
        rules,
      ).teachingMonths;
    expect(at('2023-09-15')).toContain('2023-09');
    expect(at('2023-09-14')).not.toContain('2023-09');
  });

  it('teaching weeks: Monday–Sunday with ≥ 3 weekdays in a term and outside breaks', () => {
    const noBreaks = buildCalendar(2024, terms, [], rules);
    // The week of Mon 2023-08-28 has only Fri 1 Sep in term; the week of Mon 2024-07-01 has five days.
    expect(noBreaks.teachingWeeks[0]).toBe('2023-09-04');
    expect(noBreaks.teachingWeeks.at(-1)).toBe('2024-07-01');
    expect(noBreaks.teachingWeeks).toHaveLength(39);
    const withBreak = buildCalendar(2024, terms, [{ start: '2023-09-29', end: '2023-10-06' }], rules);
    expect(withBreak.teachingWeeks).not.toContain('2023-10-02');
    // Mon 25 – Thu 28 September remain: four weekdays, still a teaching week.
    expect(withBreak.teachingWeeks).toContain('2023-09-25');
    expect(withBreak.teachingWeeks).toHaveLength(38);
  });

  it('a week with exactly 3 term weekdays counts, 2 does not', () => {
    const three = buildCalendar(
      2024,
      [
        { start: '2023-09-06', end: '2023-12-31' },
        { start: '2024-03-01', end: '2024-06-30' },
      ],
      [],
      rules,
    );
    expect(three.teachingWeeks).toContain('2023-09-04'); // Wed–Fri
    const two = buildCalendar(
      2024,
      [
        { start: '2023-09-07', end: '2023-12-31' },
        { start: '2024-03-01', end: '2024-06-30' },
      ],
      [],
      rules,
    );
    expect(two.teachingWeeks).not.toContain('2023-09-04'); // Thu–Fri
  });

  it('helpers', () => {
    expect(weekOf('2023-09-10')).toBe('2023-09-04'); // a Sunday belongs to the week before
    expect(weekOf('2023-09-04')).toBe('2023-09-04');
    expect(termIndexOf(terms, '2024-01-19')).toBe(0);
    expect(termIndexOf(terms, '2024-02-01')).toBe(-1);
    // Leap days: 2024-02-29 exists; 2023-02-29 is day 1 of March.
    expect(isoOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(isoOfDay(dayNumber('2023-02-29'))).toBe('2023-03-01');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});

describe('dayNumber', () => {
  it('agrees with Date.UTC on every day from 1999 to 2101', () => {
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (dayNumber(iso) !== t / 86_400_000) throw new Error(`dayNumber(${iso})`);
    }
    expect(dayNumber('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
  });
});

describe('isoOfDay', () => {
  it('inverts dayNumber on every day from 1999 to 2101', () => {
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
      const day = t / 86_400_000;
      if (isoOfDay(day) !== new Date(t).toISOString().slice(0, 10)) throw new Error(`isoOfDay(${day})`);
    }
    expect(isoOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('a real date, YYYY-MM-DD', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  it("is what zod's z.iso.date() pattern takes, for every month and day around the real ones of leap and other years", () => {
    let taken = 0;
    for (const y of [0, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect([s, isRealDate(s)]).toEqual([s, regexes.date.test(s)]);
          if (isRealDate(s)) taken++;
        }
    // 12 years of 365 or 366 days: 0000, 0004, 0400, 2000, 2024 and 2400 are leap years; 0100, 1900 and 2100 not.
    expect(taken).toBe(12 * 365 + 6);
  });

  it('is what the pattern takes, on any text made of digits, dashes and a few other characters', () => {
    const text = fc
      .array(fc.constantFrom(...'0123456789-'.split(''), '１', ' ', 'a', '/'), { minLength: 8, maxLength: 11 })
      .map((cs) => cs.join(''));
    const nearDate = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(
      fc.property(fc.oneof(text, nearDate), (s) => {
        expect(isRealDate(s)).toBe(regexes.date.test(s));
      }),
      { numRuns: 20000, seed: 20261207 },
    );
  });
});
