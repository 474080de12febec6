// The Wuzhong rubric as the source gives it, and a rubric that checks itself on load.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toNumber } from '../src/base/exact.js';
import { indicatorsOf } from '../src/engine/model.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { rubricYaml } from './helpers.js';

describe('the Wuzhong rubric', () => {
  const rubric = defaultRubric();

  it('has A1 10, A2 60, A3 30 and the total 100', () => {
    expect(rubric.groups.map((g) => [g.id, toNumber(g.points)])).toEqual([
      ['A1', 10],
      ['A2', 60],
      ['A3', 30],
    ]);
    expect(toNumber(rubric.total)).toBe(100);
  });

  it('splits every B equally among its 要点 as domain.md lists', () => {
    const expected: Record<string, number[]> = {
      B1: [0.5, 0.5],
      B2: [0.75, 0.75, 0.75, 0.75],
      B3: [1, 1, 1],
      B4: [3],
      B5: [1, 1],
      B6: [11, 11, 11, 11, 11],
      B7: [1, 1, 1],
      B8: [5, 5],
      B9: [2],
      B10: [5, 5],
      B11: [2, 2],
      B12: [4],
    };
    const actual = Object.fromEntries(indicatorsOf(rubric).map((b) => [b.id, b.items.map((i) => toNumber(i.points))]));
    expect(actual).toEqual(expected);
  });

  it('splits a 要点 equally among its checks', () => {
    const b62 = indicatorsOf(rubric)
      .find((b) => b.id === 'B6')
      ?.items.find((i) => i.id === 'B6.2');
    expect(b62?.checks.map((c) => toNumber(c.weight))).toEqual([2.75, 2.75, 2.75, 2.75]);
    const b71 = indicatorsOf(rubric)
      .find((b) => b.id === 'B7')
      ?.items.find((i) => i.id === 'B7.1');
    expect(b71?.checks.map((c) => c.id)).toEqual(['B7.1a', 'B7.1b', 'B7.1c', 'B7.1d']);
  });

  it('quotes the source text of every 要点 verbatim', () => {
    const source = readFileSync(new URL('../docs/source/wuzhong-2019-83.txt', import.meta.url), 'utf8');
    for (const item of indicatorsOf(rubric).flatMap((b) => b.items)) {
      expect(source, item.id).toContain(item.text.zh);
    }
  });

  it('makes B10.1 not applicable to kindergartens, and nothing else', () => {
    const na = indicatorsOf(rubric)
      .flatMap((b) => b.items.flatMap((i) => i.checks))
      .filter((c) => c.appliesTo && !c.appliesTo.includes('kindergarten'))
      .map((c) => c.id);
    expect(na).toEqual(['B10.1a', 'B10.1b']);
  });
});

const wrap = (checks: string, points = 'points: 10') => rubricYaml(checks, '', points);

describe('a rubric checks itself on load', () => {
  it('refuses an unknown rule kind, suggesting the nearest, at its line', () => {
    const r = loadRubricText(
      wrap('              - { id: c1, label: x, rule: treshold, field: facts.instructors, op: ">=", value: 2 }\n'),
      'r.yaml',
    );
    expect(r.rubric).toBeUndefined();
    expect(r.problems[0]).toMatchObject({
      code: 'rubric.unknownRuleSuggest',
      line: 17,
      file: 'r.yaml',
      params: { suggestion: 'threshold' },
    });
  });
  it('refuses an unknown evidence field', () => {
    const r = loadRubricText(wrap('              - { id: c1, label: x, rule: flag, field: facts.nope }\n'));
    expect(r.problems[0]).toMatchObject({
      code: 'rubric.unknownField',
      line: 17,
      params: { field: 'facts.nope' },
    });
  });
  it('refuses a field of the wrong kind', () => {
    const r = loadRubricText(wrap('              - { id: c1, label: x, rule: flag, field: facts.instructors }\n'));
    expect(r.problems[0]).toMatchObject({ code: 'rubric.fieldKind' });
  });
  it('refuses duplicate ids', () => {
    const r = loadRubricText(wrap('              - { id: B1, label: x, rule: flag, field: facts.textbook }\n'));
    expect(r.problems[0]).toMatchObject({ code: 'rubric.duplicateId', line: 17, params: { id: 'B1' } });
  });
  it('refuses points that do not add up', () => {
    const r = loadRubricText(
      wrap('              - { id: c1, label: x, rule: flag, field: facts.textbook }\n', 'points: 9'),
    );
    expect(r.problems.map((p) => p.code)).toContain('rubric.pointsSum');
  });
  it('refuses a check with a bad option, at the option', () => {
    const r = loadRubricText(
      wrap('              - { id: c1, label: x, rule: threshold, field: facts.instructors, op: "=>", value: 2 }\n'),
    );
    expect(r.problems[0]).toMatchObject({
      code: 'value.enumSuggest',
      line: 17,
      path: 'groups[0].indicators[0].items[0].checks[0].op',
    });
  });
  it('keeps explicit check points and shares the rest', () => {
    const r = loadRubricText(
      wrap(`              - { id: c1, label: x, rule: flag, field: facts.textbook, points: 6 }
              - { id: c2, label: y, rule: flag, field: facts.teachingPlan }
              - { id: c3, label: z, rule: flag, field: facts.infoPlatform }
`),
    );
    expect(r.rubric?.groups[0]?.indicators[0]?.items[0]?.checks.map((c) => toNumber(c.weight))).toEqual([6, 2, 2]);
  });
});
