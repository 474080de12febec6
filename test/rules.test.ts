// Every rule kind at its boundaries: exactly at the threshold, just past it, missing data, not applicable.
import { describe, expect, it } from 'vitest';
import { runCheck, school } from './helpers.js';

describe('flag', () => {
  const check = { rule: 'flag', field: 'facts.teachingPlan' };
  it.each([
    [true, true, '是'],
    [false, false, '否'],
  ])('%s → passed %s', (value, passed, word) => {
    const r = runCheck(check, { facts: { teachingPlan: value } });
    expect(r.passed).toBe(passed);
    expect(r.reason.zh).toContain(word);
  });
  it('missing → fails with 缺少数据 and the label', () => {
    const r = runCheck(check);
    expect(r).toMatchObject({ passed: false, missing: true });
    expect(r.reason.zh).toBe('缺少数据: 家长学校有教学计划');
  });
});

describe('threshold', () => {
  const check = { rule: 'threshold', field: 'facts.instructors', op: '>=', value: 2, unit: '人' };
  it.each([
    [2, true],
    [1, false],
    [3, true],
  ])('instructors %i ≥ 2 → %s', (n, passed) => {
    const r = runCheck(check, { facts: { instructors: n } });
    expect(r.passed).toBe(passed);
    expect(r.reason.zh).toBe(`家庭教育指导师人数 ${n} 人，要求 ≥ 2 人`);
  });
  it('strict > fails at equality', () => {
    expect(runCheck({ ...check, op: '>' }, { facts: { instructors: 2 } }).passed).toBe(false);
  });
  it('missing fails', () => {
    expect(runCheck(check, { facts: {} })).toMatchObject({ passed: false, missing: true });
  });
});

describe('ratio', () => {
  const perStudent = {
    rule: 'ratio',
    name: '生均经费',
    numerator: { field: 'facts.spending' },
    denominator: { field: 'school.students' },
    op: '>=',
    value: 20,
    unit: '元',
  };
  it('exactly 20.00 元 passes (inclusive)', () => {
    const r = runCheck(perStudent, { facts: { spending: 20000 } });
    expect(r.passed).toBe(true);
  });
  it('19.99 元 fails and the reason names the numbers', () => {
    const r = runCheck(perStudent, { facts: { spending: 19990 } });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toBe('生均经费 19.99 元（家庭教育经费实际支出（元） 19990 ÷ 在校学生数 1000），要求 ≥ 20 元');
  });
  it('15.20 元 is shown with two decimals', () => {
    const r = runCheck(perStudent, { facts: { spending: 18240 }, school: school({ students: 1200 }) });
    expect(r.reason.zh).toContain('生均经费 15.20 元');
  });
  it('no float drift: 0.1 + 0.2 style amounts compare exactly', () => {
    // 1.4 ÷ 0.07 = 20 exactly; in floating point 1.4 / 0.07 = 19.999999999999996.
    const check = {
      ...perStudent,
      numerator: { field: 'facts.spending' },
      denominator: { field: 'outcomes.examAverage.current' },
    };
    const r = runCheck(check, {
      facts: { spending: 1.4 },
      outcomes: { examAverage: { current: 0.07, previous: 1 } },
    });
    expect(1.4 / 0.07).toBeLessThan(20);
    expect(r.passed).toBe(true);
  });
  it('a value just under the threshold is not shown as equal to it', () => {
    const r = runCheck(perStudent, { facts: { spending: 19999.9 } });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('19.9999');
  });
  it('percent: 50% exactly passes, 49.98% fails', () => {
    const completion = {
      rule: 'ratio',
      name: '作业完成率',
      numerator: { sum: 'completed', records: { type: 'homework' } },
      denominator: { sum: 'assigned', records: { type: 'homework' } },
      op: '>=',
      value: 50,
      percent: true,
    };
    const ledger = (completed: number) => ({
      ledger: [{ type: 'homework', dates: ['2023-09-20', '2023-10-20'], assigned: 5000, completed }],
    });
    expect(runCheck(completion, ledger(2500)).passed).toBe(true);
    const r = runCheck(completion, ledger(2499));
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('作业完成率 49.98%（完成作业的家庭数合计 4998 ÷ 布置作业的家庭数合计 10000）');
  });
  it('a zero denominator fails with a reason, not a crash', () => {
    const sat = {
      rule: 'ratio',
      name: '满意率',
      numerator: { field: 'surveys.parents.satisfied' },
      denominator: { field: 'surveys.parents.respondents' },
      op: '>=',
      value: 90,
      percent: true,
    };
    const r = runCheck(sat, { surveys: { parents: { population: 10, respondents: 0, satisfied: 0 } } });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('有效答卷数为 0');
  });
  it('missing numerator → 缺少数据', () => {
    expect(runCheck(perStudent).reason.zh).toBe('缺少数据: 家庭教育经费实际支出（元）');
  });
});

describe('count', () => {
  const lectures = { rule: 'count', records: { type: 'lecture' }, per: 'term', op: '>=', value: 2 };
  const ledger = (dates: string[]) => ({ ledger: [{ type: 'lecture', dates }] });
  it('2 in each term passes', () => {
    expect(runCheck(lectures, ledger(['2023-10-01', '2024-01-19', '2024-02-26', '2024-07-05'])).passed).toBe(true);
  });
  it('1 in the second term fails, naming both terms', () => {
    const r = runCheck(lectures, ledger(['2023-10-01', '2023-11-01', '2024-03-01']));
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toBe('专题培训讲座：第一学期 2 次、第二学期 1 次，要求每学期 ≥ 2 次');
  });
  it('a record between the terms counts for neither', () => {
    expect(runCheck(lectures, ledger(['2023-10-01', '2023-11-01', '2024-02-01', '2024-03-01'])).passed).toBe(false);
  });
  it('per year, with a filter on a record field', () => {
    const check = {
      rule: 'count',
      records: { type: 'course', where: [{ field: 'reached', op: '>=', ref: 'school.households' }] },
      per: 'year',
      value: 2,
    };
    const patch = {
      ledger: [
        { type: 'course', dates: ['2023-09-10', '2023-10-10'], reached: 950 },
        { type: 'course', date: '2023-11-10', reached: 949 },
      ],
    };
    expect(runCheck(check, patch).passed).toBe(true);
    expect(runCheck({ ...check, value: 3 }, patch).passed).toBe(false);
  });
  it('no records → 0, fails', () => {
    expect(runCheck(lectures).reason.zh).toContain('第一学期 0 次');
  });
});

describe('coverage', () => {
  const months = [
    '2023-09-15',
    '2023-10-15',
    '2023-11-15',
    '2023-12-15',
    '2024-01-15',
    '2024-03-15',
    '2024-04-15',
    '2024-05-15',
    '2024-06-15',
  ];
  const homework = { rule: 'coverage', records: { type: 'homework' }, period: 'month' };
  it('every teaching month covered passes', () => {
    const r = runCheck(homework, { ledger: [{ type: 'homework', dates: months }] });
    expect(r.passed).toBe(true);
    expect(r.reason.zh).toBe('家长作业覆盖全部 9 个教学月');
  });
  it('one month short fails and names it', () => {
    const r = runCheck(homework, {
      ledger: [{ type: 'homework', dates: months.filter((m) => !m.startsWith('2023-12')) }],
    });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toBe('家长作业覆盖 8/9 个教学月，缺 2023-12');
  });
  it('distinct forms: two forms in every month', () => {
    const check = { ...homework, records: { type: 'course' }, distinct: 'form', min: 2 };
    const two = {
      ledger: [
        { type: 'course', form: '微课', dates: months },
        { type: 'course', form: '菜单', dates: months },
      ],
    };
    expect(runCheck(check, two).passed).toBe(true);
    const same = {
      ledger: [
        { type: 'course', form: '微课', dates: months },
        { type: 'course', form: '微课', dates: months.map((d) => d.replace(/15$/, '16')) },
      ],
    };
    expect(runCheck(check, same).passed).toBe(false);
  });
  it('weeks: a week inside a declared break is not required', () => {
    const check = { rule: 'coverage', records: { type: 'onlineReading' }, period: 'week' };
    // Term 1 only one week long with a break covering the second week.
    const patch = {
      terms: [
        { start: '2023-09-04', end: '2023-09-15' },
        { start: '2024-03-04', end: '2024-03-08' },
      ],
      breaks: [{ start: '2023-09-11', end: '2023-09-15' }],
      ledger: [{ type: 'onlineReading', dates: ['2023-09-06', '2024-03-06'] }],
    };
    const r = runCheck(check, patch);
    expect(r.passed).toBe(true);
    expect(r.reason.zh).toBe('线上主题读书活动覆盖全部 2 个教学周');
  });
});

describe('share', () => {
  const graded = {
    rule: 'share',
    records: { type: 'homework' },
    where: [{ field: 'graded', value: true }],
    value: 100,
  };
  it('every record graded passes', () => {
    expect(
      runCheck(graded, { ledger: [{ type: 'homework', dates: ['2023-09-20', '2023-10-20'], graded: true }] }).passed,
    ).toBe(true);
  });
  it('one ungraded record fails with the count', () => {
    const r = runCheck(graded, {
      ledger: [
        { type: 'homework', dates: ['2023-09-20', '2023-10-20'], graded: true },
        { type: 'homework', date: '2023-11-20', graded: false },
      ],
    });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('2/3 条');
  });
  it('no records fails ("every record" needs records)', () => {
    const r = runCheck(graded);
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('没有家长作业记录');
  });
});

describe('trend', () => {
  const exam = {
    rule: 'trend',
    name: '统测平均分',
    current: { field: 'outcomes.examAverage.current' },
    previous: { field: 'outcomes.examAverage.previous' },
    direction: 'higher',
  };
  const withExam = (current: number, previous: number) => ({
    outcomes: { examAverage: { current, previous } },
  });
  it.each([
    [85.1, 85, true],
    [85, 85, false],
    [84.9, 85, false],
  ])('exam %f vs %f → %s', (c, p, passed) => {
    expect(runCheck(exam, withExam(c, p)).passed).toBe(passed);
  });
  const promotion = {
    rule: 'trend',
    name: '升学率',
    current: { numerator: 'outcomes.promoted.current', denominator: 'outcomes.graduates.current' },
    previous: { numerator: 'outcomes.promoted.previous', denominator: 'outcomes.graduates.previous' },
    direction: 'higher',
    percent: true,
    ceiling: 100,
  };
  const rates = (pc: number, gc: number, pp: number, gp: number) => ({
    outcomes: { promoted: { current: pc, previous: pp }, graduates: { current: gc, previous: gp } },
  });
  it('equal at the 100% ceiling passes', () => {
    const r = runCheck(promotion, rates(200, 200, 150, 150));
    expect(r.passed).toBe(true);
    expect(r.reason.zh).toContain('两年均为最高值 100%');
  });
  it('equal below the ceiling fails', () => {
    expect(runCheck(promotion, rates(190, 200, 95, 100)).passed).toBe(false);
  });
  const complaints = {
    rule: 'trend',
    name: '家长投诉率',
    current: { numerator: 'outcomes.complaints.current', denominator: 'school.students' },
    previous: { numerator: 'outcomes.complaints.previous', denominator: 'school.studentsLastYear' },
    direction: 'lower',
    percent: true,
    floor: 0,
  };
  it('0 both years passes at the floor', () => {
    expect(runCheck(complaints, { outcomes: { complaints: { current: 0, previous: 0 } } }).passed).toBe(true);
  });
  it('a rate, not a count: 3 of 1200 is lower than 3 of 1000', () => {
    const r = runCheck(complaints, {
      school: school({ students: 1200 }),
      outcomes: { complaints: { current: 3, previous: 3 } },
    });
    expect(r.passed).toBe(true);
    expect(r.reason.zh).toBe('家长投诉率 0.25%（3 ÷ 1200），上学年 0.30%（3 ÷ 1000），要求低于上学年');
  });
  it('missing last year → 缺少数据', () => {
    const r = runCheck(complaints, {
      school: school({ studentsLastYear: undefined }),
      outcomes: { complaints: { current: 1, previous: 2 } },
    });
    expect(r).toMatchObject({ passed: false, missing: true });
    expect(r.reason.zh).toBe('缺少数据: 上学年在校学生数');
  });
});

describe('recent', () => {
  const check = {
    rule: 'recent',
    list: 'projects',
    years: 5,
    levels: ['county', 'city', 'province', 'national'],
  };
  const project = (year: number, level = 'county') => ({ projects: [{ title: '课题', level, year }] });
  it.each([
    [2020, true],
    [2024, true],
    [2019, false],
  ])('a county project of %i, reference year 2024 → %s', (year, passed) => {
    expect(runCheck(check, project(year)).passed).toBe(passed);
  });
  it('the level filter excludes what is not listed', () => {
    expect(runCheck({ ...check, levels: ['province', 'national'] }, project(2022, 'city')).passed).toBe(false);
  });
  it('accepts the Chinese level name', () => {
    expect(runCheck(check, project(2022, '自治区级')).passed).toBe(true);
  });
});

describe('anyOf / allOf', () => {
  const projects = { id: 'p', label: 'p', rule: 'recent', list: 'projects', years: 5 };
  const cases = { id: 'k', label: 'k', rule: 'recent', list: 'cases', years: 5 };
  it('anyOf passes on either', () => {
    expect(
      runCheck({ rule: 'anyOf', checks: [projects, cases] }, { cases: [{ title: '个案', year: 2023 }] }).passed,
    ).toBe(true);
    expect(runCheck({ rule: 'anyOf', checks: [projects, cases] }).passed).toBe(false);
  });
  it('allOf needs both', () => {
    const both = {
      cases: [{ title: '个案', year: 2023 }],
      projects: [{ title: '课题', level: 'city', year: 2023 }],
    };
    expect(runCheck({ rule: 'allOf', checks: [projects, cases] }, both).passed).toBe(true);
    expect(runCheck({ rule: 'allOf', checks: [projects, cases] }, { cases: both.cases }).passed).toBe(false);
  });
});

describe('not applicable', () => {
  const exam = {
    rule: 'trend',
    name: '统测平均分',
    notApplicableTo: ['kindergarten'],
    current: { field: 'outcomes.examAverage.current' },
    previous: { field: 'outcomes.examAverage.previous' },
    direction: 'higher',
  };
  it('a kindergarten leaves the check and its points out', () => {
    const r = runCheck(exam, { school: school({ stage: 'kindergarten' }) });
    expect(r).toMatchObject({ applicable: false, passed: false, max: 0, score: 0 });
    expect(r.reason.zh).toBe('不适用于幼儿园');
  });
  it('a primary school without the data fails it', () => {
    const r = runCheck(exam);
    expect(r).toMatchObject({ applicable: true, missing: true, max: 10, score: 0 });
  });
});
