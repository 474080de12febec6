// 复评 (reviewer adjustments): a review file sets a check's result or a 要点's score with a reason; the sheet
// shows reviewed figures with the computed ones and the reason in every format; a batch ranks on reviewed
// scores and marks them; every mistake in a review file is a located error (score: exit 2, validate: exit 1).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { add, exact, sum, toCents } from '../src/base/exact.js';
import { applyAdjustments } from '../src/engine/review.js';
import { scoreEvidence } from '../src/engine/score.js';
import { parseReviewText } from '../src/evidence/review.js';
import { FORMATS } from '../src/render/formats.js';
import { buildReviewedSheet } from '../src/report/review.js';
import type { Sheet } from '../src/report/sheet.js';
import { defaultRubric } from '../src/rubric/default.js';
import { readReview } from '../src/validation/review.js';
import { parseSchoolText } from '../src/validation/school.js';
import { HOSTILE, renderOptions } from './format-fixtures.js';
import { unsafeIn } from './safe-output.js';

const TYPICAL = 'examples/schools/typical-primary.yaml';
const MODEL = 'examples/schools/model-primary.yaml';
const EXAMPLE_REVIEW = 'examples/reviews/typical-primary.review.yaml';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-review-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => {
  const d = join(tmp, `d${dirs++}`);
  spawnSync('mkdir', ['-p', d]);
  return d;
};

const bin = resolve('bin/jiaxiao.cjs');
function jiaxiao(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The school's sheet with a review given as YAML text, through the library. */
function reviewed(file: string, reviewText: string): Sheet {
  const rubric = defaultRubric();
  const parsed = parseSchoolText(readFileSync(file, 'utf8'), rubric, file);
  if (!parsed.evidence) throw new Error('evidence invalid');
  const computed = scoreEvidence(rubric, parsed.evidence);
  const read = readReview(
    new TextEncoder().encode(reviewText),
    'r.review.yaml',
    rubric,
    parsed.evidence,
    computed,
    file,
  );
  if (!read.reviewed || !read.review) throw new Error(`review invalid: ${JSON.stringify(read.problems)}`);
  return buildReviewedSheet(rubric, parsed.evidence, computed, read.reviewed, read.review);
}

const review = (adjustments: string, head = 'school: "2164020003"\nyear: 2023-2024') =>
  `${head}\nreviewer: 张三\ndate: 2024-07-10\nadjustments:\n${adjustments}`;

const item = (s: Sheet, id: string) => {
  const found = s.indicators.flatMap((b) => b.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const indicator = (s: Sheet, id: string) => s.indicators.find((b) => b.id === id);
const cents = (x: number) => Math.round(x * 100);

/** Shown rows add up to their shown parent, at every level of the sheet. */
function expectAddsUp(s: Sheet) {
  for (const g of s.groups) {
    const mine = s.indicators.filter((b) => b.group === g.id);
    expect(mine.reduce((a, b) => a + cents(b.score), 0)).toBe(cents(g.score));
    for (const b of mine) expect(b.items.reduce((a, i) => a + cents(i.score), 0)).toBe(cents(b.score));
  }
  expect(s.groups.reduce((a, g) => a + cents(g.score), 0)).toBe(cents(s.base));
}

describe('a review changes the score exactly', () => {
  it('a failed check overturned to passed earns its 要点 and moves every total above it', () => {
    const s = reviewed(TYPICAL, review('  - { id: B6.3a, passed: true, reason: 讲座记录补交 }'));
    expect(item(s, 'B6.3').score).toBe(11);
    expect(item(s, 'B6.3').checks.find((c) => c.id === 'B6.3a')?.passed).toBe(true);
    expect(indicator(s, 'B6')?.score).toBe(26.58 + 11);
    expect(s.groups.find((g) => g.id === 'A2')?.score).toBe(41.25);
    expect(s.total).toBe(65.25);
    expect(s.review?.computed.total).toBe(54.25);
    expect(s.review?.computed.indicators.find((b) => b.id === 'B6')?.score).toBe(26.58);
    expect(s.review?.adjustments).toEqual([
      expect.objectContaining({
        id: 'B6.3a',
        kind: 'check',
        item: 'B6.3',
        computedPassed: false,
        reviewedPassed: true,
        computedScore: 0,
        reviewedScore: 11,
        reason: '讲座记录补交',
      }),
    ]);
    expectAddsUp(s);
  });

  it('a passed check overturned to failed loses its points', () => {
    const s = reviewed(
      MODEL,
      review('  - { id: B4.1a, passed: false, reason: 支出凭证不全 }', 'school: 利通区示例第一小学\nyear: 2023-2024'),
    );
    expect(item(s, 'B4.1').score).toBe(0);
    expect(s.total).toBe(97);
    expect(s.review?.computed.total).toBe(100);
  });

  it('a 要点 set to a score earns exactly that; the example review gives 54.25 + 11 + 1.5', () => {
    const s = reviewed(TYPICAL, readFileSync(EXAMPLE_REVIEW, 'utf8'));
    expect(item(s, 'B4.1').score).toBe(1.5);
    expect(indicator(s, 'B4')?.score).toBe(1.5);
    expect(s.groups.find((g) => g.id === 'A1')?.score).toBe(8);
    expect(s.total).toBe(66.75);
    expect(s.normalized).toBe(66.75);
    expect(s.review?.reviewer).toBe('张三');
    expect(s.review?.date).toBe('2024-07-10');
  });

  it('a score that is no whole hundredth is kept exact and rounded once; shown rows still add up', () => {
    const s = reviewed(
      TYPICAL,
      review('  - { id: B1.1, score: 0.333, reason: 部分落实 }\n  - { id: B5.1, score: 0.335, reason: 部分落实 }'),
    );
    const rubric = defaultRubric();
    const parsed = parseSchoolText(readFileSync(TYPICAL, 'utf8'), rubric, TYPICAL);
    const computed = scoreEvidence(rubric, parsed.evidence ?? (undefined as never));
    const after = applyAdjustments(computed, [
      { id: 'B1.1', score: 0.333 },
      { id: 'B5.1', score: 0.335 },
    ]);
    // The exact total: every 要点's earned points, the two set ones exactly as written.
    const items = after.groups.flatMap((g) => g.indicators.flatMap((b) => b.items));
    expect(items.find((i) => i.item.id === 'B1.1')?.earned).toEqual(exact(0.333));
    const exactTotal = sum(items.map((i) => i.earned));
    expect(cents(s.total)).toBe(toCents(exactTotal));
    expect(toCents(add(exactTotal, exact(0)))).toBe(toCents(after.earned));
    expectAddsUp(s);
  });

  it('the review file parses to the data the example shows', () => {
    const parsed = parseReviewText(readFileSync(EXAMPLE_REVIEW, 'utf8'), EXAMPLE_REVIEW);
    expect(parsed.problems).toEqual([]);
    expect(parsed.review?.adjustments.map((a) => a.id)).toEqual(['B6.3a', 'B4.1']);
  });
});

describe('every format shows the computed score, the reviewed score and the reason', () => {
  const s = reviewed(TYPICAL, readFileSync(EXAMPLE_REVIEW, 'utf8'));
  const reason = '第二学期第二次讲座（2024-03-21）记录补交，已核实签到表与照片';
  for (const f of FORMATS.filter((x) => !x.binary))
    for (const lang of ['zh', 'en'] as const)
      it(`${f.name} (${lang})`, async () => {
        const out = String(await f.sheet(s, { ...renderOptions(lang), details: false }));
        // The table wraps long lines to its width: the reason is whole once the breaks are taken out.
        expect(f.name === 'table' ? out.replace(/\n\s*/g, '') : out).toContain(reason);
        expect(out).toContain('张三');
        expect(out).toContain('2024-07-10');
        expect(out).toContain('54.25');
        expect(out).toContain('66.75');
        if (f.name === 'json') {
          const j = JSON.parse(out);
          expect(j.total).toBe(66.75);
          expect(j.review.computed.total).toBe(54.25);
          expect(j.review.adjustments[0]).toMatchObject({
            id: 'B6.3a',
            computed: { passed: false, score: 0 },
            reviewed: { passed: true, score: 11 },
            reason,
          });
        }
      });

  it('xlsx, read back', async () => {
    const xlsx = FORMATS.find((f) => f.name === 'xlsx');
    const bytes = (await xlsx?.sheet(s, { ...renderOptions('zh'), details: false })) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      row.eachCell((c) => {
        cells.push(String(c.value));
      });
    });
    expect(cells.some((c) => c.includes(reason) && c.startsWith('B6.3a'))).toBe(true);
    expect(cells.some((c) => c.includes('复评：张三，2024-07-10'))).toBe(true);
    expect(cells).toContain('54.25');
    expect(cells).toContain('66.75');
  });

  it('a sheet without a review says nothing of one; its JSON has review: null', async () => {
    const json = FORMATS.find((f) => f.name === 'json');
    const plain = reviewed(TYPICAL, review('  - { id: B1.1, score: 0.5, reason: 同计算结果 }'));
    delete plain.review;
    const j = JSON.parse(String(await json?.sheet(plain, { ...renderOptions('zh'), details: false })));
    expect(j.review).toBeNull();
  });
});

describe('a hostile reason and reviewer are escaped in every format', () => {
  const s = reviewed(TYPICAL, readFileSync(EXAMPLE_REVIEW, 'utf8'));
  if (!s.review) throw new Error('no review');
  s.review.reviewer = `=${HOSTILE}`;
  for (const a of s.review.adjustments) a.reason = `+${HOSTILE}`;
  for (const f of FORMATS.filter((x) => !x.binary))
    it(f.name, async () => {
      const out = String(await f.sheet(s, { ...renderOptions('zh'), details: false }));
      const text = f.name === 'csv' ? out.replace(/\r\n/g, '\n') : out;
      expect(unsafeIn(text)).toBeUndefined();
      if (f.name === 'html' || f.name === 'markdown') expect(out).not.toContain('<script>');
      if (f.name === 'json') expect(JSON.parse(out).review.adjustments[0].reason).toBe(`+${HOSTILE}`);
      if (f.name === 'csv') {
        expect(out).not.toMatch(/(^|,)"?[=+]/m);
      }
    });

  it('xlsx: no cell is a formula', async () => {
    const xlsx = FORMATS.find((f) => f.name === 'xlsx');
    const bytes = (await xlsx?.sheet(s, { ...renderOptions('zh'), details: false })) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      row.eachCell((c) => {
        expect(c.formula).toBeUndefined();
        texts.push(String(c.value));
      });
    });
    expect(texts.some((t) => t.includes('alert(1)'))).toBe(true);
    expect(texts.every((t) => !/^[=+\-@]/.test(t))).toBe(true);
  });
});

describe('CLI: score --review, a batch, validate', () => {
  /** A folder holding the typical and the model school, the model one reviewed down below the typical one. */
  function county() {
    const d = freshDir();
    copyFileSync(TYPICAL, join(d, 'typical.yaml'));
    copyFileSync(MODEL, join(d, 'model.yaml'));
    writeFileSync(
      join(d, 'model.review.yaml'),
      review(
        ['B6.2', 'B6.3', 'B6.4', 'B6.5', 'B8.1']
          .map((id) => `  - { id: ${id}, score: 0, reason: 台账为补做 }`)
          .join('\n'),
        'school: "2164020001"\nyear: 2023-2024',
      ),
    );
    return d;
  }

  it('score --review: the reviewed sheet, exit 0', () => {
    const r = jiaxiao('score', TYPICAL, '--review', EXAMPLE_REVIEW, '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(66.75);
  });

  it('the same input gives the same bytes (table and JSON)', () => {
    for (const format of ['table', 'json']) {
      const a = jiaxiao('score', TYPICAL, '--review', EXAMPLE_REVIEW, '--format', format);
      const b = jiaxiao('score', TYPICAL, '--review', EXAMPLE_REVIEW, '--format', format);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout.length).toBeGreaterThan(100);
    }
  });

  it('a batch reads the review beside a file, ranks on the reviewed score and marks it', () => {
    const d = county();
    const r = jiaxiao('score', d, '--format', 'json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reviewed).toBe(1);
    expect(j.schools).toBe(2);
    expect(j.ranking.map((x: { name: string }) => x.name)).toEqual(['利通区示例第三小学', '利通区示例第一小学']);
    expect(j.ranking[1]).toMatchObject({ rank: 2, normalized: 51, reviewed: true, computedNormalized: 100 });
    expect(j.ranking[0]).toMatchObject({ rank: 1, reviewed: false, computedNormalized: null });
    const table = jiaxiao('score', d, '--width', '140');
    expect(table.stdout).toContain('利通区示例第一小学（复评）');
    expect(table.stdout).toContain('复评 1 所');
    const csv = jiaxiao('score', d, '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/,复评,复评前折算分$/);
    expect(csv.stdout).toMatch(/利通区示例第一小学.*,是,100\r\n/);
    const md = jiaxiao('score', d, '--format', 'markdown', '--lang', 'en');
    expect(md.stdout).toContain('(reviewed)');
    // In worker threads, told by the folder's listing which file has a review beside it: the same summary.
    const threads = spawnSync(process.execPath, [bin, 'score', d, '--format', 'json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', JIAXIAO_THREADS: '2' },
    });
    expect(threads.stdout).toBe(r.stdout);
  });

  it('a review file in a folder is never read as a school', () => {
    const d = county();
    const r = jiaxiao('validate', d);
    expect(r.stdout).toMatch(/检查了 3 个文件：0 个错误/);
    expect(r.status).toBe(0);
  });

  it('--review with a folder is a usage error', () => {
    const r = jiaxiao('score', county(), '--review', EXAMPLE_REVIEW);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--review 只用于一所学校');
  });

  it('validate: a review with no evidence file beside it is an error', () => {
    const r = jiaxiao('validate', EXAMPLE_REVIEW);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('复评文件旁边没有对应的证据文件');
  });
});

describe('each mistake in a review file is an error at its place', () => {
  const ok = parse(readFileSync(EXAMPLE_REVIEW, 'utf8')) as Record<string, unknown>;
  const cases: { name: string; text: string; at: string; says: string }[] = [
    {
      name: 'an unknown id',
      text: review('  - id: B6.3x\n    passed: true\n    reason: 补交'),
      at: '6:9',
      says: 'B6.3x 不是本细则的核查项或要点',
    },
    {
      name: 'a score above the 要点’s points',
      text: review('  - id: B4.1\n    score: 3.5\n    reason: 补交'),
      at: '7:12',
      says: 'B4.1 复评得分 3.5 超出范围：应在 0 到 3 分之间',
    },
    {
      name: 'a negative score',
      text: review('  - id: B4.1\n    score: -1\n    reason: 补交'),
      at: '7:12',
      says: '复评得分（adjustments[0].score）',
    },
    {
      name: 'a missing reason',
      text: review('  - id: B4.1\n    score: 1'),
      at: '6:5',
      says: '复评理由（adjustments[0].reason）：缺少此项',
    },
    {
      name: 'a missing reviewer',
      text: 'school: "2164020003"\nyear: 2023-2024\ndate: 2024-07-10\nadjustments:\n  - { id: B4.1, score: 1, reason: 补交 }',
      at: '1:1',
      says: '复评人（reviewer）：缺少此项',
    },
    {
      name: 'a missing date',
      text: 'school: "2164020003"\nyear: 2023-2024\nreviewer: 张三\nadjustments:\n  - { id: B4.1, score: 1, reason: 补交 }',
      at: '1:1',
      says: '复评日期（date）：缺少此项',
    },
    {
      name: 'another school',
      text: review('  - { id: B4.1, score: 1, reason: 补交 }', 'school: "2164020009"\nyear: 2023-2024'),
      at: '1:9',
      says: '复评的学校“2164020009”与证据文件',
    },
    {
      name: 'another year',
      text: review('  - { id: B4.1, score: 1, reason: 补交 }', 'school: "2164020003"\nyear: 2022-2023'),
      at: '2:7',
      says: '复评的学年 2022-2023 与证据文件的学年 2023-2024 不符',
    },
    {
      name: 'a check given a score',
      text: review('  - { id: B6.3a, score: 1, reason: 补交 }'),
      at: '6:11',
      says: 'B6.3a 是核查项',
    },
    {
      name: 'the same id twice',
      text: review('  - { id: B4.1, score: 1, reason: 补交 }\n  - { id: B4.1, score: 2, reason: 补交 }'),
      at: '7:11',
      says: 'B4.1 已在第 6 行复评过',
    },
  ];
  expect(ok.reviewer).toBe('张三');
  for (const c of cases)
    it(c.name, () => {
      const d = freshDir();
      copyFileSync(TYPICAL, join(d, 'school.yaml'));
      const file = join(d, 'school.review.yaml');
      writeFileSync(file, c.text);
      const score = jiaxiao('score', join(d, 'school.yaml'));
      expect(score.status).toBe(2);
      expect(score.stdout).toBe('');
      expect(score.stderr).toContain(`${file}:${c.at} 错误`);
      expect(score.stderr).toContain(c.says);
      const validate = jiaxiao('validate', d);
      expect(validate.status).toBe(1);
      expect(validate.stdout).toContain(c.says);
      expect(validate.stdout).toContain(`  ${c.at}`);
    });
});
