// `jiaxiao score DIR…`: a county's year-end batch as the 指导中心 runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function jiaxiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const summary = (args: string[], env: Record<string, string> = {}) => {
  const r = jiaxiao(['score', ...args, '--format', 'json'], env);
  return { ...r, json: JSON.parse(r.out) };
};

describe('a county folder', () => {
  const r = summary(['examples/county']);
  it('scores all ten schools, ranked by 折算分', () => {
    expect(r.code).toBe(0);
    expect(r.json.schools).toBe(10);
    const ranking = r.json.ranking as { rank: number; name: string; normalized: number; total: number }[];
    expect(ranking[0]).toMatchObject({ rank: 1, name: '利通区示例第一小学', normalized: 100 });
    for (let i = 1; i < ranking.length; i++) {
      expect(ranking[i - 1]?.normalized ?? 0).toBeGreaterThanOrEqual(ranking[i]?.normalized ?? 0);
    }
    // A kindergarten's 90.25 of an applicable 95 is 95.00: ranked by it, second.
    expect(ranking[1]).toMatchObject({ name: '利通区示例第二幼儿园', total: 90.25, normalized: 95 });
  });
  it('each school’s summary row agrees with its own sheet', () => {
    const one = JSON.parse(jiaxiao(['score', 'examples/county/05-2164020105.yaml', '--format', 'json']).out);
    const row = r.json.ranking.find((x: { code: string }) => x.code === '2164020105');
    expect(row).toMatchObject({ total: one.total, max: one.max, normalized: one.normalized, selfTotal: one.selfTotal });
    expect(row.groups).toEqual({ A1: one.groups[0].score, A2: one.groups[1].score, A3: one.groups[2].score });
  });
  it('reports attainment per indicator and 要点, most missed first', () => {
    const b6 = r.json.indicators.find((b: { id: string }) => b.id === 'B6');
    expect(b6).toMatchObject({ name: '家长学校', points: 55, schools: 10, full: 2, fullRate: 20 });
    expect(r.json.mostMissed.slice(0, 2)).toEqual(['B6.2', 'B6.5']);
    const b101 = r.json.items.find((i: { id: string }) => i.id === 'B10.1');
    expect(b101.schools).toBe(8); // not applicable to the two kindergartens
  });
  it('is the same, byte for byte, on every run', () => {
    expect(jiaxiao(['score', 'examples/county']).out).toBe(jiaxiao(['score', 'examples/county']).out);
  });
});

describe('a city folder', () => {
  it('groups by county with a line per county', () => {
    const r = summary(['examples/city']);
    expect(r.json.counties.map((c: { county: string; schools: number }) => [c.county, c.schools])).toEqual([
      ['利通区', 3],
      ['盐池县', 4],
    ]);
    const table = jiaxiao(['score', 'examples/city']).out;
    expect(table).toContain('盐池县：4 所，折算分平均 93.19');
    expect(table).toContain('各区县折算分');
  });
});

describe('bad files and exit codes', () => {
  const dir = join(tmp, 'mixed');
  mkdirSync(dir);
  cpSync('examples/county', dir, { recursive: true });
  cpSync('test/fixtures/bad/percent.yaml', join(dir, '99-bad.yaml'));

  it('reports a bad file, scores the rest, and exits 2 after writing the summary', () => {
    const r = summary([dir]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ schools: 10, invalid: 1 });
    expect(r.err).toContain('99-bad.yaml:84:62 错误 满意人数（surveys.parents.satisfied）');
    // CI can act on the JSON alone: which file, where, and what is wrong.
    expect(r.json.invalidFiles).toEqual([
      {
        file: join(dir, '99-bad.yaml'),
        problems: [
          {
            severity: 'error',
            code: 'value.percent',
            line: 84,
            col: 62,
            path: 'surveys.parents.satisfied',
            label: expect.any(String),
            message: expect.stringContaining('满意人数（surveys.parents.satisfied）：“95%”是百分比'),
          },
        ],
        omittedProblems: 0,
      },
    ]);
    const en = summary([dir, '--lang', 'en']);
    expect(en.json.invalidFiles[0].problems[0].message).toContain('"95%" is a percentage');
  });
  it('--min-score: 1 when any school is below it, naming them', () => {
    const below = jiaxiao(['score', 'examples/county', '--min-score', '70']);
    expect(below.code).toBe(1);
    expect(below.err).toContain('折算分低于 --min-score 70 的学校（1 所）：利通区示例第五小学（67.75）');
    expect(jiaxiao(['score', 'examples/county', '--min-score', '67.75']).code).toBe(0);
  });
});

describe('folders that give nothing, and schools given twice', () => {
  it('an empty folder is an error, exit 2', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    // score says so on stderr; validate in its report (stdout), as every report holds it.
    for (const cmd of ['score', 'validate']) {
      const r = jiaxiao([cmd, empty]);
      expect(r.code, cmd).toBe(2);
      expect(cmd === 'score' ? r.err : r.out, cmd).toContain(`文件夹 ${empty} 中没有 .yaml、.yml 或 .xlsx 证据文件`);
    }
  });
  it('the same school twice is counted once: the later file is listed as not counted, and the run fails', () => {
    const dir = join(tmp, 'twice');
    mkdirSync(dir);
    cpSync('examples/county/01-2164020101.yaml', join(dir, 'a.yaml'));
    cpSync('examples/county/01-2164020101.yaml', join(dir, 'b.yaml'));
    cpSync('examples/county/02-2164020102.yaml', join(dir, 'c.yaml'));
    const r = jiaxiao(['score', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `b.yaml 错误 与 ${join(dir, 'a.yaml')} 是同一所学校（利通区示例第一小学；学校标识码 2164020101 相同）`,
    );
    expect(r.err).toContain('本文件未计入排名和统计');
    const s = JSON.parse(r.out);
    expect(s.schools).toBe(2);
    expect(s.ranking.map((x: { file: string }) => x.file).sort()).toEqual([join(dir, 'a.yaml'), join(dir, 'c.yaml')]);
    expect(s.invalidFiles).toEqual([
      expect.objectContaining({
        file: join(dir, 'b.yaml'),
        problems: [expect.objectContaining({ code: 'batch.duplicate' })],
      }),
    ]);
    // Statistics count the school once: 2 schools apply for every indicator, not 3.
    expect(s.indicators[0].schools).toBe(2);
  });
  it('a resubmission without its code, or with it mistyped, is the same school by county and name', () => {
    const dir = join(tmp, 'recoded');
    mkdirSync(dir);
    const text = readFileSync('examples/county/03-2164020103.yaml', 'utf8');
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), text.replace(/^ {2}code: .*\n/m, ''));
    writeFileSync(join(dir, 'c.yaml'), text.replace('"2164020103"', '"2164020133"'));
    const r = jiaxiao(['score', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const s = JSON.parse(r.out);
    expect(s.schools).toBe(1);
    expect(s.invalidFiles.map((f: { file: string }) => f.file)).toEqual([join(dir, 'b.yaml'), join(dir, 'c.yaml')]);
    expect(r.err).toContain('（利通区示例第三小学；同一区县、同一校名）');
  });
});

describe('--out', () => {
  it('writes one sheet per school and the summary, mirroring the folders', () => {
    const out = join(tmp, 'out');
    const r = jiaxiao(['score', 'examples/city', '--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    const sheet = JSON.parse(readFileSync(join(out, '盐池县', '2164230201.json'), 'utf8'));
    const direct = JSON.parse(jiaxiao(['score', 'examples/city/盐池县/2164230201.yaml', '--format', 'json']).out);
    expect(sheet).toEqual(direct);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).schools).toBe(7);
  });
  it('never overwrites without --force, and writes nothing when it refuses', () => {
    const out = join(tmp, 'again');
    expect(jiaxiao(['score', 'examples/city', '--out', out]).code).toBe(0);
    const before = statSync(join(out, 'summary.txt')).mtimeMs;
    const refused = jiaxiao(['score', 'examples/city', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('个输出文件已存在');
    expect(statSync(join(out, 'summary.txt')).mtimeMs).toBe(before);
    expect(jiaxiao(['score', 'examples/city', '--out', out, '--force']).code).toBe(0);
  });
  it('refuses a folder inside an input folder unless told', () => {
    const input = join(tmp, 'in');
    cpSync('examples/city', input, { recursive: true });
    const r = jiaxiao(['score', input, '--out', join(input, 'sheets')]);
    expect(r.code).toBe(2);
    expect(existsSync(join(input, 'sheets'))).toBe(false);
    expect(jiaxiao(['score', input, '--out', join(input, 'sheets'), '--out-in-input']).code).toBe(0);
  });
});

describe('outputs that cannot be written, or would collide', () => {
  it('two inputs that would share one sheet file are refused before anything is written', () => {
    const a = join(tmp, 'ca');
    const b = join(tmp, 'cb');
    mkdirSync(a);
    mkdirSync(b);
    cpSync('examples/county/01-2164020101.yaml', join(a, 's.yaml'));
    cpSync('examples/county/02-2164020102.yaml', join(b, 's.yaml'));
    const out = join(tmp, 'collide');
    const r = jiaxiao(['score', join(a, 's.yaml'), join(b, 's.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('的评分表都会写到');
    expect(existsSync(out)).toBe(false);
  });
  it('a folder that cannot be made is reported, exit 2, not a crash', () => {
    for (const args of [
      ['schema', '-o', '/proc/jiaxiao-nope/x.json'],
      ['validate', 'examples/schools/model-primary.yaml', '-f', 'json', '-o', '/proc/jiaxiao-nope/r.json'],
      ['score', 'examples/city', '--out', '/proc/jiaxiao-nope'],
    ]) {
      const r = jiaxiao(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('无法写入');
    }
  });
});

describe('a large batch across worker threads', () => {
  it('gives the same summary as one thread', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { generate } = await import('../scripts/gen-schools.mjs');
    const dir = join(tmp, 'large');
    generate(dir, 230);
    const one = jiaxiao(['score', dir, '--format', 'json'], { JIAXIAO_THREADS: '0' });
    const two = jiaxiao(['score', dir, '--format', 'json'], { JIAXIAO_THREADS: '2' });
    expect(two.code).toBe(one.code);
    expect(two.out).toBe(one.out);
    expect(JSON.parse(two.out).schools).toBe(230);
  });
});

describe('a rubric file across worker threads', () => {
  it('workers compile the checked data the main thread loaded, and score as the main thread does', () => {
    // The sample rubric has byStage parameters, whose options are merged again in a worker.
    const rubric = 'test/fixtures/sample-rubric/rubric.yaml';
    const args = ['test/fixtures/sample-rubric/schools', '--rubric', rubric];
    const one = summary(args, { JIAXIAO_THREADS: '0' });
    const two = summary(args, { JIAXIAO_THREADS: '2' });
    expect(two.code).toBe(one.code);
    expect(two.out).toBe(one.out);
    expect(two.err).toBe(one.err);
    expect(one.json.schools).toBeGreaterThan(3);
  });
});
