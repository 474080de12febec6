// Teaching months and weeks on Ningxia's 2023-2024 calendar.
import { describe, expect, it } from 'vitest';
import { dayNumber, isoOfDay, weekOf } from '../src/base/dates.js';
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
