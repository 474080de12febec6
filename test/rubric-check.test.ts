// `rubric check` says everything a rubric author needs and nothing false: each case is one mistake (or one
// correct device that used to be refused) in a one-check rubric.
import { describe, expect, it } from 'vitest';
import { problemText } from '../src/i18n/messages.js';
import { scoreSchool } from '../src/index.js';
import { loadRubricText } from '../src/rubric/load.js';
import { baseEvidence, evidenceOf, rubricYaml } from './helpers.js';

const CHECK = '              - { id: c, label: c, rule: flag, field: facts.textbook }\n';
const problems = (text: string) =>
  loadRubricText(text, 'r.yaml').problems.map((p) => ({
    code: p.code,
    severity: p.severity,
    path: p.path,
    line: p.line,
    text: problemText(p, 'zh'),
  }));
const withCheck = (check: string, devices = '') => rubricYaml(`              - ${check}\n`, devices);
const tiers = (list: string, extra = '') =>
  withCheck(`{ id: c, label: c, rule: tiers, name: n, ${extra}measure: { field: facts.lecturers }, tiers: ${list} }`);

describe('rubric check: mistakes it catches', () => {
  it('a label whose number contradicts the threshold (warning at the label)', () => {
    const found = problems(
      withCheck("{ id: c, rule: threshold, label: 讲师不少于 10 名, field: facts.lecturers, op: '>=', value: 8 }"),
    );
    expect(found).toMatchObject([
      { code: 'rubric.labelNumber', severity: 'warning', path: expect.stringMatching(/label$/) },
    ]);
    expect(found[0]?.text).toContain('10');
    expect(
      problems(
        withCheck("{ id: c, rule: threshold, label: 讲师不少于 10 名, field: facts.lecturers, op: '>=', value: 10 }"),
      ),
    ).toEqual([]);
  });
  it('English notes that do not pair one with each note, placed at notesEn', () => {
    const notes = (en: string) => rubricYaml(CHECK, `notes:\n  - 一\n  - 二\nnotesEn:\n${en}`);
    expect(problems(notes('  - one\n  - two\n'))).toEqual([]);
    const found = problems(notes('  - one\n'));
    expect(found).toMatchObject([
      { code: 'rubric.notesEn', severity: 'error', path: 'notesEn', line: expect.any(Number) },
    ]);
    expect(found[0]?.text).toBe('notesEn：有 1 条英文说明，而 notes 有 2 条。请一条说明配一条英文，顺序相同');
  });
  it('a bonus cap above the total, and a bonus item worth more than its cap', () => {
    const bonus = (cap: number, points: number) =>
      rubricYaml(
        CHECK,
        `bonus:\n  cap: ${cap}\n  items:\n    - { id: X, label: x, points: ${points}, check: { id: Xa, rule: flag, label: f, field: facts.textbook } }\n`,
      );
    expect(problems(bonus(12, 2)).map((p) => [p.code, p.path])).toEqual([['rubric.bonusCapOverTotal', 'bonus.cap']]);
    expect(problems(bonus(3, 5)).map((p) => [p.code, p.path])).toEqual([
      ['rubric.bonusItemOverCap', 'bonus.items[0].points'],
    ]);
  });
  it('atLeast with k greater than the number of checks', () => {
    const text = withCheck(
      '{ id: c, label: c, rule: atLeast, k: 3, checks: [{ id: c1, label: a, rule: flag, field: facts.textbook }, { id: c2, label: b, rule: flag, field: facts.teachingPlan }] }',
    );
    expect(problems(text).map((p) => p.code)).toEqual(['rubric.atLeastTooMany']);
  });
  it('one stage named in both appliesTo and notApplicableTo', () => {
    const text = withCheck(
      '{ id: c, label: c, rule: flag, field: facts.textbook, appliesTo: [primary, kindergarten], notApplicableTo: [kindergarten] }',
    );
    expect(problems(text).map((p) => [p.code, p.text])).toEqual([
      ['rubric.stageBoth', expect.stringContaining('kindergarten')],
    ]);
  });
  it('a percentage tier above 100', () => {
    const text = withCheck(
      "{ id: c, label: c, rule: tiers, name: n, percent: true, measure: { numerator: { field: facts.classesWithCommittee }, denominator: { field: school.classes } }, tiers: [{ op: '>', value: 100, points: 10 }] }",
    );
    expect(problems(text).map((p) => p.code)).toEqual(['rubric.tierPercent']);
  });
  it('a tier every value of which an earlier tier takes', () => {
    const found = problems(tiers("[{ op: '>=', value: 10, points: 10 }, { op: '>=', value: 12, points: 6 }]"));
    expect(found.map((p) => p.code)).toEqual(['rubric.tierShadowed']);
    expect(found[0]?.text).toContain('第 1 档（≥ 10）');
  });
  it('a higher level worth less in a points-by-level table (warning); the highest level counts', () => {
    const check =
      '{ id: c, label: c, rule: byLevel, list: awards, pointsByLevel: { county: 10, city: 4, province: 6, national: 8 } }';
    expect(problems(withCheck(check)).map((p) => [p.code, p.severity])).toEqual([['rubric.byLevelOrder', 'warning']]);
    const rubric = loadRubricText(withCheck(check)).rubric;
    if (!rubric) throw new Error('rubric refused');
    const sheet = scoreSchool(
      rubric,
      evidenceOf({
        ...baseEvidence(),
        awards: [
          { title: '县级表彰', level: 'county', year: 2023 },
          { title: '市级表彰', level: 'city', year: 2024 },
        ],
      }),
    );
    const c = sheet.indicators[0]?.items[0];
    expect(c?.score).toBe(4);
    expect(c?.checks[0]?.reason.zh).toContain('最高为市级');
  });
});

describe('rubric check: correct rubrics it accepts', () => {
  it.each([
    ["[{ op: '>', value: 10, points: 10 }, { op: '>=', value: 10, points: 6 }]"],
    ["[{ op: '==', value: 10, points: 10 }, { op: '==', value: 5, points: 6 }]"],
    ["[{ op: '<', value: 2, points: 10 }, { op: '<=', value: 2, points: 6 }, { op: '<', value: 5, points: 3 }]"],
  ])('tiers %s', (list) => {
    expect(problems(tiers(list))).toEqual([]);
  });
  it('a level only a kindergarten can reach (its not-applicable points raise its best 折算分)', () => {
    const text = (min: number) =>
      rubricYaml(
        '              - { id: c, label: c, rule: flag, field: facts.textbook }\n              - { id: d, label: d, rule: flag, field: facts.teachingPlan, notApplicableTo: [kindergarten] }\n',
        `bonus:\n  cap: 0.5\n  items:\n    - { id: X, label: x, points: 0.5, check: { id: Xa, rule: flag, label: f, field: facts.textbook } }\nlevels:\n  - { name: 卓越, min: ${min} }\n`,
      );
    // A kindergarten: 5 applicable points + 0.5 bonus = 110 of 100.
    expect(problems(text(105.1))).toEqual([]);
    expect(problems(text(110))).toEqual([]);
    expect(problems(text(110.01)).map((p) => [p.code, p.text])).toEqual([
      ['rubric.levelUnreachable', expect.stringContaining('110.00（幼儿园，含加分）')],
    ]);
  });
});

describe('rubric check: one mistake, one message', () => {
  it('an item overflowing its indicator is reported once, at the indicator', () => {
    const text = rubricYaml(
      '              - { id: c1, label: a, rule: flag, field: facts.textbook }\n              - { id: c2, label: b, rule: flag, field: facts.teachingPlan }\n',
    ).replace(
      '          - id: B1.1\n            text: t\n',
      '          - id: B1.1\n            text: t\n            points: 12\n',
    );
    expect(problems(text).map((p) => [p.code, p.path])).toEqual([
      ['rubric.sharesSum', 'groups[0].indicators[0].points'],
    ]);
  });
  it('an unknown stage in byStage suggests the nearest one', () => {
    const found = problems(
      withCheck('{ id: c, label: c, rule: flag, field: facts.textbook, byStage: { kindergarden: {} } }'),
    );
    expect(found.map((p) => [p.code, p.text])).toEqual([
      ['key.unknownSuggest', expect.stringContaining('kindergarten')],
    ]);
  });
  it('denies: All names what to write', () => {
    const found = problems(
      rubricYaml(
        CHECK,
        'levels:\n  - { name: 合格, min: 60 }\nvetoes:\n  - { id: V, label: v, denies: All, check: { id: Va, rule: flag, label: f, field: facts.textbook } }\n',
      ),
    );
    expect(found.map((p) => [p.code, p.text])).toEqual([['rubric.denies', expect.stringContaining('写 all（小写')]]);
  });
});

describe('rubric check: points as an author reads them', () => {
  it('a share that two decimals would round is shown as a fraction too', () => {
    const text = rubricYaml(
      "              - { id: c, label: c, rule: tiers, name: n, measure: { field: facts.lecturers }, tiers: [{ op: '>=', value: 10, points: 5 }] }\n              - { id: d, label: d, rule: flag, field: facts.textbook }\n              - { id: e, label: e, rule: flag, field: facts.teachingPlan }\n",
    );
    const found = problems(text);
    expect(found.map((p) => p.code)).toEqual(['rubric.partialPoints']);
    expect(found[0]?.text).toContain('10/3 ≈ 3.33');
  });
});
