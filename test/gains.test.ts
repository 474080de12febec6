// Points to gain: every fix worth points, most first (ties in rubric order), exact; and where the rubric
// declares levels, the fewest fixes that reach the next level.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { add, cmp, type Exact, exact, sum } from '../src/base/exact.js';
import type { Rubric } from '../src/engine/model.js';
import { scoreEvidence } from '../src/engine/score.js';
import { FORMATS } from '../src/render/formats.js';
import { nextLevel, pointsToGain } from '../src/report/gains.js';
import { buildSheet, type Sheet } from '../src/report/sheet.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';
import { sheetOf, typicalSheet } from './format-fixtures.js';

const plain = { red: String, yellow: String, green: String, dim: String, bold: String };

function rubricFrom(text: string): Rubric {
  const loaded = loadRubricText(text);
  if (!loaded.rubric) throw new Error(JSON.stringify(loaded.problems));
  return loaded.rubric;
}
const sampleRubric = () => rubricFrom(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8'));
const sample = (school: string) => sheetOf(`test/fixtures/sample-rubric/schools/${school}.yaml`, sampleRubric());

function scoredOf(rubric: Rubric, text: string) {
  const parsed = parseSchoolText(text, rubric, 'school.yaml');
  if (!parsed.evidence) throw new Error(JSON.stringify(parsed.problems));
  return scoreEvidence(rubric, parsed.evidence);
}

const TYPICAL_ORDER = [
  ['B6.3a', 11],
  ['B6.5a', 11],
  ['B8.2a', 5],
  ['B12.1a', 4],
  ['B6.4c', 3.67],
  ['B4.1a', 3],
  ['B6.2a', 2.75],
  ['B10.1a', 2.5],
  ['B7.3a', 1],
  ['B9.1a', 1],
  ['B3.1b', 0.5],
  ['B5.1a', 0.33],
];

describe('points to gain', () => {
  it('are worked out when first read, yet read, copy, serialize and set like any other field', () => {
    const sheet = typicalSheet();
    const json = JSON.parse(JSON.stringify(sheet));
    expect(Object.keys(json).slice(-2)).toEqual(['gains', 'nextLevel']);
    expect(json.gains.map((g: { id: string }) => g.id)).toEqual(TYPICAL_ORDER.map(([id]) => id));
    expect(structuredClone(sheet).gains).toEqual(sheet.gains);
    expect({ ...sheet }.nextLevel).toEqual(sheet.nextLevel);
    sheet.gains = [];
    sheet.nextLevel = null;
    expect([sheet.gains, sheet.nextLevel]).toEqual([[], null]);
  });

  it('lists the typical school’s failed checks, most points first, ties in rubric order', () => {
    const sheet = typicalSheet();
    expect(sheet.gains.map((g) => [g.id, g.points])).toEqual(TYPICAL_ORDER);
    // B6.3 has one check: all its 11 points; B6.2's four checks share 11, so B6.2a is worth 2.75.
    const b63 = sheet.gains.find((g) => g.id === 'B6.3a');
    expect(b63).toMatchObject({ kind: 'check', item: 'B6.3', label: { zh: '每学期专题培训讲座不少于 2 次' } });
    expect(b63?.reason.zh).toBe('专题培训讲座：第一学期 2 次、第二学期 1 次，要求每学期 ≥ 2 次');
    // Every failed check is listed; no passed one is.
    const failed = sheet.indicators.flatMap((b) =>
      b.items.flatMap((i) => i.checks.filter((c) => c.applicable && !c.passed)),
    );
    expect(new Set(sheet.gains.map((g) => g.id))).toEqual(new Set(failed.map((c) => c.id)));
    // Wuzhong declares no levels.
    expect(sheet.nextLevel).toBeNull();
  });

  it('is exact: the gains added to the exact total make the maximum, a third stays a third', () => {
    const rubric = defaultRubric();
    const scored = scoredOf(rubric, readFileSync('examples/schools/typical-primary.yaml', 'utf8'));
    const gains = pointsToGain(rubric, scored);
    expect(cmp(add(scored.earned, sum(gains.map((g) => g.points))), exact(100))).toBe(0);
    const byId = new Map(gains.map((g) => [g.id, g.points]));
    // B6.4 (11 points) has three checks; B5.1 (1 point) has three: each failed one is worth a third.
    expect(byId.get('B6.4c')).toEqual({ n: 11n, d: 3n });
    expect(byId.get('B5.1a')).toEqual({ n: 1n, d: 3n });
    expect(byId.get('B6.2a')).toEqual({ n: 11n, d: 4n });
  });

  it('counts a tier below the top, a 加分 not earned (held to its cap) and a 扣分 taken', () => {
    const b = sample('b-kindergarten');
    expect(b.gains.map((g) => [g.kind, g.id, g.points])).toEqual([
      ['check', 'B3.1a', 15],
      ['check', 'B4.1a', 10], // 70% reaches the 10-point tier of 20
      ['check', 'B6.1a', 10],
      ['check', 'B5.1a', 8], // 85% reaches 12 of 20
      ['check', 'B2.1a', 4], // 6 lecturers: 6 of 10
      ['bonus', 'X1', 3],
      ['bonus', 'X2', 3],
      ['deduction', 'D2', 2],
    ]);
    // c-primary has 3 of the 5 bonus points already: X2's 3 would add 2.
    const c = sample('c-primary');
    expect(c.bonus?.total).toBe(3);
    expect(c.gains.find((g) => g.id === 'X2')?.points).toBe(2);
    // A per-unit deduction (complaints × 1) is a count, not a check to mend.
    expect(c.gains.some((g) => g.id === 'D1')).toBe(false);
  });

  it('lists nothing for a school with full points', () => {
    const sheet = sheetOf('examples/schools/model-primary.yaml');
    expect(sheet.total).toBe(100);
    expect(sheet.gains).toEqual([]);
  });
});

describe('the next level', () => {
  it('names the fewest fixes that reach it: the sample kindergarten (51) needs 9 for 合格', () => {
    const n = sample('b-kindergarten').nextLevel;
    expect(n).toEqual({
      name: { zh: '合格', en: '合格' },
      basis: 'normalized',
      min: 60,
      needed: 9,
      fixes: ['B3.1a'],
      points: 15,
      vetoes: [],
    });
  });

  it('names the veto in the way when the score is already enough', () => {
    // c-primary: 89, 先进; 示范 (85) is denied by V2.
    expect(sample('c-primary').nextLevel).toMatchObject({ name: { zh: '示范' }, needed: 0, fixes: [], vetoes: ['V2'] });
    // d-primary: 99, but V1 denies every level: the next is the lowest.
    expect(sample('d-primary').nextLevel).toMatchObject({ name: { zh: '合格' }, needed: 0, fixes: [], vetoes: ['V1'] });
    // a-primary reached the top level.
    expect(sample('a-primary').level?.name?.zh).toBe('卓越');
    expect(sample('a-primary').nextLevel).toBeNull();
  });

  // Hand-checked: total 97.5; 卓越 needs 103 (5.5 more). Fixes: X1 +3, X2 +3, B1.2a +2.5, bonus cap 5.
  // Most points first would take X1 and X2 (3 + 2 under the cap = 5, not enough) and then B1.2a: three fixes.
  // Two are enough: X1 and B1.2a, 3 + 2.5 = 5.5.
  const KNAPSACK = `schemaVersion: 1
id: knapsack
name: 测试细则
total: 100
groups:
  - id: A1
    name: 条件
    points: 100
    indicators:
      - id: B1
        name: 制度
        points: 100
        items:
          - { id: B1.1, text: 有教学计划。, points: 97.5, checks: [{ id: B1.1a, rule: flag, label: 教学计划, field: facts.teachingPlan }] }
          - { id: B1.2, text: 有教材。, points: 2.5, checks: [{ id: B1.2a, rule: flag, label: 教材, field: facts.textbook }] }
bonus:
  cap: 5
  items:
    - { id: X1, label: 课题, points: 3, check: { id: X1a, rule: recent, label: 课题, list: projects, years: 5 } }
    - { id: X2, label: 个案, points: 3, check: { id: X2a, rule: recent, label: 个案, list: cases, years: 5 } }
levels:
  - { name: 合格, min: 60 }
  - { name: 卓越, min: 103 }
levelBasis: total
`;
  const school = readFileSync('examples/schools/model-primary.yaml', 'utf8')
    .replace('textbook: true', 'textbook: false')
    .replace(/projects:.*\n(\s+- .*\n)+/, 'projects: []\n')
    .replace(/^selfScores:.*\n/m, '');

  it('is the fewest fixes, not the most points first, where a cap makes gains not add up', () => {
    const rubric = rubricFrom(KNAPSACK);
    const scored = scoredOf(rubric, school);
    expect(cmp(scored.earned, exact(97.5))).toBe(0);
    const gains = pointsToGain(rubric, scored);
    expect(gains.map((g) => [g.id, Number(g.points.n) / Number(g.points.d)])).toEqual([
      ['X1', 3],
      ['X2', 3],
      ['B1.2a', 2.5],
    ]);
    const n = nextLevel(rubric, scored, gains, '合格', []);
    expect(n?.level.name.zh).toBe('卓越');
    expect(n?.neededCents).toBe(550);
    expect(n?.fixes?.map((g) => g.id)).toEqual(['X1', 'B1.2a']);
    expect(n?.points).toEqual({ n: 11n, d: 2n } satisfies Exact);
    // And through the sheet, as every format shows it.
    expect(sheetFrom(rubric, school).nextLevel).toMatchObject({ needed: 5.5, fixes: ['X1', 'B1.2a'], points: 5.5 });
  });

  it('says when no set of fixes reaches it', () => {
    // Two complaints cost 2 points that no fix gives back: 97.5 − 2 + 2.5 + 5 = 103 < 104.
    const withComplaints = KNAPSACK.replace('min: 103', 'min: 104').replace(
      'levels:',
      'deductions:\n  cap: 10\n  items:\n    - { id: D1, label: 投诉, points: 1, per: { field: outcomes.complaints.current } }\nlevels:',
    );
    const rubric = rubricFrom(withComplaints);
    expect(sheetFrom(rubric, school).nextLevel).toMatchObject({ name: { zh: '卓越' }, fixes: null, points: null });
  });
});

function sheetFrom(rubric: Rubric, text: string): Sheet {
  const parsed = parseSchoolText(text, rubric, 'school.yaml');
  if (!parsed.evidence) throw new Error(JSON.stringify(parsed.problems));
  return buildSheet(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence));
}

/** Every format, read back: the gains in order with their points, and the next level where there is one. */
describe('every format shows the points to gain', () => {
  const render = async (name: string, sheet: Sheet, lang: 'zh' | 'en' = 'zh') => {
    const format = FORMATS.find((f) => f.name === name);
    if (!format) throw new Error(name);
    return format.sheet(sheet, { lang, paint: plain, width: 100, details: false });
  };
  const inOrder = (text: string, needles: string[]) => {
    let at = -1;
    for (const n of needles) {
      const i = text.indexOf(n, at + 1);
      expect(i, `${n} after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
  };

  it('table', async () => {
    const out = String(await render('table', typicalSheet()));
    const part = out.slice(out.indexOf('可得分（按可增加的分数排列）'));
    expect(part.split('\n').slice(1, 4)).toEqual([
      '  +11   B6.3a 每学期专题培训讲座不少于 2 次',
      '  +11   B6.5a 每个教学周有线上主题读书活动',
      '  +5    B8.2a 五年内有县级及以上立项课题或个案指导成果',
    ]);
    inOrder(
      part,
      TYPICAL_ORDER.map(([id]) => ` ${id} `),
    );
    const en = String(await render('table', sample('b-kindergarten'), 'en'));
    expect(en).toContain('Points to gain (most first)\n  +15 B3.1a ');
    expect(en).toContain('  +3  bonus X1 ');
    expect(en).toContain(
      'next level "合格" (normalized ≥ 60): 9 short; the fewest fixes that reach it (1): B3.1a (+15)',
    );
  });

  it('json', async () => {
    const j = JSON.parse(String(await render('json', typicalSheet())));
    expect(j.schemaVersion).toBe(1);
    expect(j.gains.map((g: { id: string; points: number }) => [g.id, g.points])).toEqual(TYPICAL_ORDER);
    expect(j.gains[0]).toEqual({
      kind: 'check',
      id: 'B6.3a',
      item: 'B6.3',
      label: '每学期专题培训讲座不少于 2 次',
      points: 11,
      reason: '专题培训讲座：第一学期 2 次、第二学期 1 次，要求每学期 ≥ 2 次',
      cites: [],
    });
    expect(j.nextLevel).toBeNull();
    const b = JSON.parse(String(await render('json', sample('b-kindergarten'), 'en')));
    expect(b.nextLevel).toEqual({
      name: '合格',
      basis: 'normalized',
      min: 60,
      needed: 9,
      fixes: ['B3.1a'],
      points: 15,
      vetoes: [],
    });
  });

  it('csv', async () => {
    const out = String(await render('csv', typicalSheet()));
    const rows = out.split('\r\n');
    const at = rows.indexOf('可得分（按可增加的分数排列）,可增加,原因');
    expect(at).toBeGreaterThan(0);
    expect(rows[at + 1]).toBe(
      'B6.3a 每学期专题培训讲座不少于 2 次,11,专题培训讲座：第一学期 2 次、第二学期 1 次，要求每学期 ≥ 2 次',
    );
    // Numbers stay numbers, in the order of the list.
    expect(rows.slice(at + 1, at + 1 + TYPICAL_ORDER.length).map((r) => Number(r.split(',')[1]))).toEqual(
      TYPICAL_ORDER.map(([, p]) => p),
    );
  });

  it('markdown', async () => {
    const out = String(await render('markdown', typicalSheet()));
    expect(out).toContain(
      '### 可得分（按可增加的分数排列）\n\n| 可增加 | 编号 | 核查 |\n|---:|---|---|\n| +11 | B6.3a | 每学期专题培训讲座不少于 2 次 |\n',
    );
    inOrder(
      out.slice(out.indexOf('### 可得分')),
      TYPICAL_ORDER.map(([id, p]) => `| +${p} | ${id} |`),
    );
    // Before the reasons: the most valuable fixes first.
    expect(out.indexOf('### 可得分')).toBeLessThan(out.indexOf('### 失分原因'));
  });

  it('html', async () => {
    const out = String(await render('html', typicalSheet()));
    const part = out.slice(out.indexOf('<div class="keep gains">'));
    expect(part).toContain('<h3>可得分（按可增加的分数排列）</h3>');
    expect(part).toContain('<tr><td class="num">+11</td><td>B6.3a 每学期专题培训讲座不少于 2 次</td>');
    inOrder(
      part,
      TYPICAL_ORDER.map(([id, p]) => `<td class="num">+${p}</td><td>${id} `),
    );
    const c = String(await render('html', sample('c-primary')));
    expect(c).toContain('<td>加分 X2 五年内有个案指导成果</td>');
    expect(c).toContain('<p class="totals"><b>距“示范”（折算分 ≥ 85）分数已够；须解除一票否决 V2</b></p>');
  });

  it('xlsx', async () => {
    const bytes = await render('xlsx', typicalSheet());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const rows: [unknown, unknown][] = [];
    ws.eachRow((row) => {
      rows.push([row.getCell(1).value, row.getCell(8).value]);
    });
    const at = rows.findIndex(([a]) => a === '可得分（按可增加的分数排列）');
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(at + 1, at + 1 + TYPICAL_ORDER.length)).toEqual(
      TYPICAL_ORDER.map(([id, p]) => [`${id} ${typicalSheet().gains.find((g) => g.id === id)?.label.zh}`, p]),
    );
  });
});
