// Every device of the rubric language at its boundaries: tiers, points by level, stage parameters, at
// least k of n, bonus and deductions with caps, vetoes and levels; and a rubric that checks itself.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { scoreSchool } from '../src/index.js';
import { loadRubricText } from '../src/rubric/load.js';
import { baseEvidence, evidenceOf, rubricYaml, runCheck, school } from './helpers.js';

describe('tiers', () => {
  const completion = {
    rule: 'tiers',
    name: '完成率',
    percent: true,
    points: 20,
    measure: {
      numerator: { sum: 'completed', records: { type: 'homework' } },
      denominator: { sum: 'assigned', records: { type: 'homework' } },
    },
    tiers: [
      { op: '>', value: 80, points: 20 },
      { op: '>', value: 60, points: 10 },
    ],
  };
  const done = (completed: number) => ({
    ledger: [{ type: 'homework', date: '2023-10-10', assigned: 1000, completed }],
  });
  it.each([
    [801, 20, '达到“> 80%”一档，得 20/20 分'],
    [800, 10, '达到“> 60%”一档，得 10/20 分'], // strictly above: exactly 80% is the lower tier
    [601, 10, '> 60%'],
    [600, 0, '未达到最低一档（> 60%），得 0/20 分'],
  ])('%i of 1000 → %i points', (completed, points, words) => {
    const r = runCheck(completion, done(completed));
    expect(r.score).toBe(points);
    expect(r.reason.zh).toContain(words);
  });
  it('≥ tiers include their threshold', () => {
    const r = runCheck(
      {
        ...completion,
        tiers: [
          { op: '>=', value: 80, points: 20 },
          { op: '>=', value: 60, points: 10 },
        ],
      },
      done(800),
    );
    expect(r.score).toBe(20);
  });
  it('missing data → 缺少数据, 0 points', () => {
    expect(runCheck(completion)).toMatchObject({ missing: true, score: 0 });
  });
});

describe('points by level', () => {
  const check = {
    rule: 'byLevel',
    list: 'awards',
    years: 5,
    points: 5,
    pointsByLevel: { county: 1, city: 2, province: 3, national: 5 },
  };
  const awards = (...xs: [string, number][]) => ({
    awards: xs.map(([level, year], i) => ({ title: `奖${i}`, level, year })),
  });
  it('the highest level counts', () => {
    expect(runCheck(check, awards(['county', 2023], ['province', 2021], ['city', 2024])).score).toBe(3);
  });
  it('only within the window', () => {
    expect(runCheck(check, awards(['national', 2019], ['county', 2020])).score).toBe(1);
  });
  it('nothing → 0', () => {
    expect(runCheck(check).score).toBe(0);
  });
});

describe('parameters by stage', () => {
  const practice = {
    rule: 'count',
    records: { type: 'practice' },
    per: 'term',
    value: 1,
    byStage: { kindergarten: { value: 2 } },
  };
  const once = { ledger: [{ type: 'practice', dates: ['2023-10-10', '2024-04-10'] }] };
  it('a school needs 1 a term', () => {
    expect(runCheck(practice, once).passed).toBe(true);
  });
  it('a kindergarten needs 2 a term', () => {
    const r = runCheck(practice, { ...once, school: school({ stage: 'kindergarten' }) });
    expect(r.passed).toBe(false);
    expect(r.reason.zh).toContain('要求每学期 ≥ 2 次');
    const twice = { ledger: [{ type: 'practice', dates: ['2023-10-10', '2023-11-10', '2024-04-10', '2024-05-10'] }] };
    expect(runCheck(practice, { ...twice, school: school({ stage: 'kindergarten' }) }).passed).toBe(true);
  });
});

describe('at least k of n', () => {
  const check = {
    rule: 'atLeast',
    k: 2,
    checks: [
      { id: 'c1', label: 'c1', rule: 'flag', field: 'facts.teachingPlan' },
      { id: 'c2', label: 'c2', rule: 'flag', field: 'facts.textbook' },
      { id: 'c3', label: 'c3', rule: 'flag', field: 'facts.infoPlatform' },
    ],
  };
  it.each([
    [[true, true, false], true],
    [[true, false, false], false],
    [[true, true, true], true],
  ])('%j → %s', ([a, b, c], passed) => {
    const r = runCheck(check, { facts: { teachingPlan: a, textbook: b, infoPlatform: c } });
    expect(r.passed).toBe(passed);
    expect(r.reason.zh).toContain(`要求至少 2 项`);
  });
});

/** A one-indicator rubric of 10 points with the devices given, and a school with the facts given. */
function scoreWith(
  devices: Record<string, unknown>,
  facts: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const text = stringify({
    schemaVersion: 1,
    id: 't',
    name: '测试',
    total: 10,
    groups: [
      {
        id: 'A1',
        name: 'A',
        points: 10,
        indicators: [
          {
            id: 'B1',
            name: 'B',
            points: 10,
            items: [
              {
                id: 'B1.1',
                text: 't',
                checks: [{ id: 'c', label: 'c', rule: 'threshold', field: 'facts.lecturers', op: '>=', value: 10 }],
              },
            ],
          },
        ],
      },
    ],
    ...devices,
  });
  const loaded = loadRubricText(text, 'r.yaml');
  if (!loaded.rubric) throw new Error(JSON.stringify(loaded.problems));
  return scoreSchool(loaded.rubric, evidenceOf({ ...baseEvidence(), facts: facts, ...extra }));
}

describe('bonus and deductions', () => {
  const bonus = {
    bonus: {
      cap: 3,
      items: [
        { id: 'X1', label: 'x1', points: 2, check: { id: 'x1', label: 'x1', rule: 'flag', field: 'facts.textbook' } },
        {
          id: 'X2',
          label: 'x2',
          points: 2,
          check: { id: 'x2', label: 'x2', rule: 'flag', field: 'facts.teachingPlan' },
        },
      ],
    },
    deductions: {
      cap: 4,
      items: [
        { id: 'D1', label: 'd1', points: 1, per: { field: 'outcomes.complaints.current' } },
        {
          id: 'D2',
          label: 'd2',
          points: 2,
          check: { id: 'd2', label: 'd2', rule: 'flag', field: 'facts.infoPlatform' },
        },
      ],
    },
  };
  it('bonus is capped', () => {
    const s = scoreWith(bonus, { lecturers: 5, textbook: true, teachingPlan: true, infoPlatform: true });
    expect(s.bonus).toMatchObject({ cap: 3, total: 3 });
    expect(s.bonus?.items.map((i) => i.score)).toEqual([2, 2]);
    expect({ base: s.base, total: s.total }).toEqual({ base: 0, total: 3 });
  });
  it('deductions count per unit and per failed check, capped; the total never goes below 0', () => {
    const s = scoreWith(
      bonus,
      { lecturers: 10, textbook: false, teachingPlan: false, infoPlatform: false },
      { outcomes: { complaints: { current: 3, previous: 0 } } },
    );
    expect(s.deductions?.items.map((i) => i.score)).toEqual([3, 2]);
    expect(s.deductions).toMatchObject({ cap: 4, total: 4 });
    expect(s.total).toBe(6);
    const worse = scoreWith(
      bonus,
      { lecturers: 1, infoPlatform: false },
      { outcomes: { complaints: { current: 9, previous: 0 } } },
    );
    expect(worse.total).toBe(0);
  });
});

describe('vetoes and levels', () => {
  const devices = {
    levels: [
      { name: '合格', min: 60 },
      { name: '示范', min: 85 },
    ],
    vetoes: [
      {
        id: 'V1',
        label: '事故',
        denies: 'all',
        check: { id: 'v1', label: 'v1', rule: 'threshold', field: 'facts.safetyIncidents', op: '<=', value: 0 },
      },
      {
        id: 'V2',
        label: '教材',
        denies: ['示范'],
        check: { id: 'v2', label: 'v2', rule: 'flag', field: 'facts.textbook' },
      },
    ],
  };
  it('a level from its minimum up (inclusive)', () => {
    expect(scoreWith(devices, { lecturers: 10, safetyIncidents: 0, textbook: true }).level?.name?.zh).toBe('示范');
    expect(scoreWith(devices, { lecturers: 9, safetyIncidents: 0, textbook: true }).level?.name).toBeNull();
  });
  it('a veto denies the levels it names; the next level down stands', () => {
    const s = scoreWith(devices, { lecturers: 10, safetyIncidents: 0, textbook: false });
    expect(s.level).toEqual({ name: { zh: '合格', en: '合格' }, basis: 'normalized', deniedBy: ['V2'] });
    expect(s.total).toBe(10); // a veto takes the level, not points
  });
  it('a veto of every level leaves none, whatever the total', () => {
    const s = scoreWith(devices, { lecturers: 10, safetyIncidents: 1, textbook: true });
    expect(s.level).toMatchObject({ name: null, deniedBy: ['V1'] });
    expect(s.vetoes.map((v) => [v.id, v.triggered])).toEqual([
      ['V1', true],
      ['V2', false],
    ]);
  });
});

describe('a rubric checks its devices on load', () => {
  const rubric = (devices: string) =>
    rubricYaml('              - { id: c, label: c, rule: flag, field: facts.textbook }\n', devices);
  const codes = (devices: string) => loadRubricText(rubric(devices), 'r.yaml').problems.map((p) => [p.code, p.line]);
  it('an unreachable level', () => {
    expect(codes('levels:\n  - { name: 合格, min: 60 }\n  - { name: 超级, min: 101 }\n')).toEqual([
      ['rubric.levelUnreachable', 20],
    ]);
  });
  it('levels out of order, or named twice', () => {
    expect(codes('levels:\n  - { name: 示范, min: 85 }\n  - { name: 合格, min: 60 }\n')).toEqual([
      ['rubric.levelOrder', 20],
    ]);
    expect(codes('levels:\n  - { name: 合格, min: 60 }\n  - { name: 合格, min: 70 }\n')).toEqual([
      ['rubric.duplicateLevel', 20],
    ]);
  });
  it('a bonus makes a level above 100 reachable, up to 100 plus the cap', () => {
    const bonus =
      '\nbonus:\n  cap: 1\n  items:\n    - { id: X, label: x, points: 1, check: { id: x, label: x, rule: flag, field: facts.textbook } }\n';
    // Total 10 with a bonus cap of 1: the best 折算分 is 110.
    expect(codes(`levels:\n  - { name: 特优, min: 110 }${bonus}`)).toEqual([]);
    expect(codes(`levels:\n  - { name: 特优, min: 110.01 }${bonus}`)).toEqual([['rubric.levelUnreachable', 19]]);
  });
  it('a veto naming a level that does not exist', () => {
    expect(
      codes(
        'levels:\n  - { name: 合格, min: 60 }\nvetoes:\n  - { id: V, label: v, denies: [示范], check: { id: v, label: v, rule: flag, field: facts.textbook } }\n',
      ),
    ).toEqual([['rubric.unknownLevel', 21]]);
  });
  it('tiers whose top does not match the check’s points', () => {
    const text = rubric('').replace(
      '{ id: c, label: c, rule: flag, field: facts.textbook }',
      "{ id: c, label: c, rule: tiers, name: n, measure: { field: facts.lecturers }, tiers: [{ op: '>=', value: 5, points: 4 }] }",
    );
    expect(loadRubricText(text).problems.map((p) => p.code)).toEqual(['rubric.partialPoints']);
  });
  it('a deduction with neither check nor per', () => {
    expect(codes('deductions:\n  cap: 2\n  items:\n    - { id: D, label: d, points: 1 }\n')).toEqual([
      ['rubric.deductionHow', 21],
    ]);
  });
  it('a stage override checked like the check itself, at its place', () => {
    const text = rubric('').replace(
      '{ id: c, label: c, rule: flag, field: facts.textbook }',
      "{ id: c, label: c, rule: threshold, field: facts.lecturers, op: '>=', value: 2, byStage: { kindergarten: { op: '=>' } } }",
    );
    expect(loadRubricText(text).problems.map((p) => [p.code, p.path])).toEqual([
      ['value.enumSuggest', 'groups[0].indicators[0].items[0].checks[0].byStage.kindergarten.op'],
    ]);
  });
});

describe('rubric check positions', () => {
  it('a total that the groups do not add up to is reported at `total`', () => {
    const text = rubricYaml('              - { id: c, label: c, rule: flag, field: facts.textbook }\n').replace(
      'total: 10',
      'total: 9',
    );
    expect(loadRubricText(text).problems.map((p) => [p.code, p.line, p.path])).toEqual([
      ['rubric.pointsSum', 4, 'total'],
    ]);
  });
  it('a tier that can never be reached', () => {
    const text = rubricYaml(
      "              - { id: c, label: c, rule: tiers, name: n, measure: { field: facts.lecturers }, tiers: [{ op: '>=', value: 10, points: 10 }, { op: '>=', value: 12, points: 6 }] }\n",
    );
    expect(loadRubricText(text).problems.map((p) => [p.code, p.path])).toEqual([
      ['rubric.tierShadowed', 'groups[0].indicators[0].items[0].checks[0].tiers[1].value'],
    ]);
  });
});

describe('conditions, missing sums, combined checks and stage overrides', () => {
  it('a condition on a text field, or with no value (is true), is accepted', () => {
    const check = {
      rule: 'count',
      records: { type: 'course', where: [{ field: 'form', value: '线上微课' }] },
      per: 'year',
      value: 1,
    };
    expect(runCheck(check, { ledger: [{ type: 'course', date: '2023-10-10', form: '线上微课' }] }).passed).toBe(true);
    expect(runCheck(check, { ledger: [{ type: 'course', date: '2023-10-10', form: '讲座' }] }).passed).toBe(false);
    const recorded = {
      rule: 'count',
      records: { type: 'reading', where: [{ field: 'recorded' }] },
      per: 'year',
      value: 1,
    };
    expect(runCheck(recorded, { ledger: [{ type: 'reading', date: '2023-10-10', recorded: true }] }).passed).toBe(true);
  });
  it('a missing sum over ledger records names the record field', () => {
    const check = {
      rule: 'ratio',
      name: '完成率',
      numerator: { sum: 'completed', records: { type: 'homework' } },
      denominator: { sum: 'assigned', records: { type: 'homework' } },
      op: '>=',
      value: 50,
      percent: true,
    };
    expect(runCheck(check).reason.zh).toBe('缺少数据: 完成作业的家庭数、布置作业的家庭数');
  });
  it('parts of a combined check cannot have stages of their own', () => {
    const text = rubricYaml(
      '              - { id: c, label: c, rule: anyOf, checks: [{ id: c1, label: a, rule: flag, field: facts.textbook, appliesTo: [kindergarten] }, { id: c2, label: b, rule: flag, field: facts.teachingPlan }] }\n',
    );
    expect(loadRubricText(text).problems.map((p) => p.code)).toEqual(['rubric.nestedStages']);
  });
  it('a stage override naming an unknown field is refused', () => {
    const text = rubricYaml(
      '              - { id: c, label: c, rule: flag, field: facts.textbook, byStage: { kindergarten: { field: facts.noSuchFact } } }\n',
    );
    expect(loadRubricText(text).problems.map((p) => [p.code, p.path])).toEqual([
      ['rubric.unknownField', 'groups[0].indicators[0].items[0].checks[0].byStage.kindergarten.field'],
    ]);
  });
});
