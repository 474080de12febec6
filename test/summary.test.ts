// The batch summary's arithmetic: ranking with ties, statistics, attainment, most-missed order.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/base/problem.js';
import { renderSummaryJson } from '../src/render/summary/json.js';
import { isBelow } from '../src/report/sheet.js';
import {
  INVALID_PROBLEMS,
  rank,
  type SchoolRow,
  SummaryBuilder,
  type SummaryShape,
  shapeOf,
  stats,
} from '../src/report/summary.js';
import { defaultRubric } from '../src/rubric/default.js';
import { outputText } from './format-fixtures.js';

const shape = shapeOf(defaultRubric());
const row = (name: string, normalized: number, patch: Partial<SchoolRow> = {}): SchoolRow => ({
  file: `${name}.yaml`,
  name,
  code: null,
  county: '利通区',
  stage: 'primary',
  groups: [1000, 6000, 3000],
  total: normalized,
  max: 10000,
  normalized,
  selfTotal: null,
  level: null,
  indicators: shape.indicators.flatMap((b) => [Math.round(b.points * 100), Math.round(b.points * 100)]),
  items: shape.items.flatMap((i) => [Math.round(i.points * 100), Math.round(i.points * 100)]),
  ...patch,
});

describe('rank', () => {
  it('ranks by 折算分; ties share a rank (1, 2, 2, 4) and are listed by school code, then name', () => {
    const ranked = rank([
      row('丙', 8000, { code: '2164000003' }),
      row('甲', 9000),
      row('乙', 8000, { code: '2164000002' }),
      row('丁', 7000),
    ]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, '甲'],
      [2, '乙'],
      [2, '丙'],
      [4, '丁'],
    ]);
  });
  it('自评−得分 is the self total less the total', () => {
    expect(rank([row('甲', 8000, { selfTotal: 9000 })])[0]?.selfMinusScore).toBe(1000);
    expect(rank([row('甲', 8000)])[0]?.selfMinusScore).toBeNull();
  });
});

describe('stats', () => {
  it('mean and median rounded half up to the cent; min and max', () => {
    expect(stats([100, 200, 400])).toEqual({ mean: 233, median: 200, min: 100, max: 400 });
    expect(stats([100, 201])).toEqual({ mean: 151, median: 151, min: 100, max: 201 });
    expect(stats([])).toEqual({ mean: 0, median: 0, min: 0, max: 0 });
  });
});

/** A summary of rows, as a batch builds it school by school. */
function summarize(shape: SummaryShape, rows: readonly SchoolRow[], invalid: number) {
  const b = new SummaryBuilder(shape);
  for (const r of rows) b.add(r);
  for (let i = 0; i < invalid; i++) b.addInvalid(`invalid-${i}.yaml`, []);
  return b.finish();
}

describe('SummaryBuilder', () => {
  it('counts full attainment among the schools an indicator applies to, and lists the most missed first', () => {
    const b6 = shape.items.findIndex((i) => i.id === 'B6.5');
    const b101 = shape.items.findIndex((i) => i.id === 'B10.1');
    const b4 = shape.items.findIndex((i) => i.id === 'B4.1');
    const withItem =
      (k: number, [score, max]: [number, number]) =>
      (r: SchoolRow) => {
        r.items[2 * k] = score;
        r.items[2 * k + 1] = max;
        return r;
      };
    const rows = [
      withItem(b6, [0, 1100])(row('甲', 8900)),
      withItem(b6, [0, 1100])(row('乙', 8900)),
      withItem(b4, [0, 300])(row('丙', 9700)),
      withItem(b101, [0, 0])(row('丁', 9500, { stage: 'kindergarten' })),
    ];
    const s = summarize(shape, rows, 1);
    const by = (id: string) => s.items.find((a) => a.id === id);
    expect(by('B6.5')).toMatchObject({ schools: 4, full: 2, rate: 5000 });
    expect(by('B4.1')).toMatchObject({ schools: 4, full: 3, rate: 7500 });
    expect(by('B10.1')).toMatchObject({ schools: 3, full: 3, rate: 10000 });
    expect(s.mostMissed).toEqual(['B6.5', 'B4.1']);
    expect(s).toMatchObject({ schools: 4, invalid: 1, counties: [] });
  });
  it('adds a line per county only when there are several', () => {
    const s = summarize(
      shape,
      [row('甲', 9000), row('乙', 8000, { county: '盐池县' }), row('丙', 7000, { county: '盐池县' })],
      0,
    );
    expect(
      s.counties.map((c) => [c.county, c.schools, c.normalized.mean, c.ranking.map((r) => [r.rank, r.countyRank])]),
    ).toEqual([
      ['利通区', 1, 9000, [[1, 1]]],
      [
        '盐池县',
        2,
        7500,
        [
          [2, 1],
          [3, 2],
        ],
      ],
    ]);
  });
});

describe('--min-score', () => {
  it('compares the shown 折算分 with the threshold exactly', () => {
    expect(isBelow(93.99, 94)).toBe(true);
    expect(isBelow(94, 94)).toBe(false);
    expect(isBelow(84.99, 84.995)).toBe(true);
    expect(isBelow(85, 84.995)).toBe(false);
  });
});

describe('invalid files', () => {
  const problem = (severity: Problem['severity'], line: number): Problem => ({
    severity,
    code: 'value.percent',
    params: { input: '95%' },
    file: 'bad.yaml',
    line,
    col: 3,
    path: 'surveys.parents.satisfied',
    label: { zh: '满意人数', en: 'satisfied' },
  });

  it('are counted and listed with their problems, errors first, at most 20 each', () => {
    const b = new SummaryBuilder(shape);
    b.add(row('甲', 9000));
    const many = [
      ...Array.from({ length: 25 }, (_, i) => problem('warning', i + 1)),
      problem('error', 30),
      problem('error', 31),
    ];
    b.addInvalid('bad.yaml', many);
    b.addInvalid('empty.yaml', [{ severity: 'error', code: 'file.empty', params: {}, file: 'empty.yaml' }]);
    const s = b.finish();
    expect(s.invalid).toBe(2);
    const [bad, empty] = s.invalidFiles;
    expect(bad?.problems).toHaveLength(INVALID_PROBLEMS);
    expect(bad?.problems.slice(0, 3).map((p) => [p.severity, p.line])).toEqual([
      ['error', 30],
      ['error', 31],
      ['warning', 1],
    ]);
    expect(bad?.omitted).toBe(7);

    const json = JSON.parse(outputText(renderSummaryJson(s, { lang: 'en' })));
    expect(json.invalid).toBe(2);
    expect(json.invalidFiles[0].problems[0]).toEqual({
      severity: 'error',
      code: 'value.percent',
      line: 30,
      col: 3,
      path: 'surveys.parents.satisfied',
      label: 'satisfied',
      message: expect.stringContaining('"95%" is a percentage'),
    });
    expect(json.invalidFiles[0].omittedProblems).toBe(7);
    expect(json.invalidFiles[1]).toMatchObject({
      file: 'empty.yaml',
      problems: [{ code: 'file.empty', line: null, col: null, path: null }],
      omittedProblems: 0,
    });
    expect(empty?.file).toBe('empty.yaml');
  });
});

describe('invalid files already capped for the terminal', () => {
  it('count what the cap hid as omitted', () => {
    const b = new SummaryBuilder(shape);
    const problems: Problem[] = Array.from({ length: 100 }, (_, i) => ({
      severity: 'error',
      code: 'key.unknown',
      params: { key: `k${i}` },
      line: i + 1,
      col: 1,
    }));
    problems.push({ severity: 'error', code: 'file.moreProblems', params: { count: 200, errors: 200, warnings: 0 } });
    b.addInvalid('big.yaml', problems);
    const [f] = b.finish().invalidFiles;
    expect(f?.problems).toHaveLength(INVALID_PROBLEMS);
    expect(f?.problems.some((p) => p.code === 'file.moreProblems')).toBe(false);
    expect(f?.omitted).toBe(100 - INVALID_PROBLEMS + 200);
  });
});
