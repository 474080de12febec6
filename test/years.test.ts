// Several academic years: a folder may hold a school's files of two years (each year ranked apart, no
// duplicate warning), --year picks one, and `jiaxiao diff` compares two years of a school or of a county.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-years-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OLD = 'examples/years/typical-primary-2022-2023.yaml';
const NEW = 'examples/schools/typical-primary.yaml';
const folder = join(tmp, 'school');
mkdirSync(folder);
copyFileSync(OLD, join(folder, '2022-2023.yaml'));
copyFileSync(NEW, join(folder, '2023-2024.yaml'));
copyFileSync('examples/schools/model-primary.yaml', join(folder, 'model.yaml'));

const bin = resolve('bin/jiaxiao.cjs');
function jiaxiao(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a folder of several academic years', () => {
  it('ranks each year apart, newest first, without calling the same school a duplicate', () => {
    const r = jiaxiao(['score', folder]);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('重复');
    const newer = r.out.indexOf('2023-2024 学年，共 2 所学校');
    const older = r.out.indexOf('2022-2023 学年，共 1 所学校');
    expect(newer).toBeGreaterThanOrEqual(0);
    expect(older).toBeGreaterThan(newer);
  });
  it('the same school twice in one year is still a duplicate', () => {
    const dup = join(tmp, 'dup');
    mkdirSync(dup);
    copyFileSync(NEW, join(dup, 'a.yaml'));
    copyFileSync(NEW, join(dup, 'b.yaml'));
    expect(jiaxiao(['score', dup]).err).toContain('是同一所学校');
  });
  it('--year keeps one year and says how many schools it left out', () => {
    const r = jiaxiao(['score', folder, '--year', '2022-2023', '--format', 'json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.year).toBe('2022-2023');
    expect(summary.ranking.map((s: { normalized: number }) => s.normalized)).toEqual([57.75]);
    expect(r.err).toContain('另有 2 个文件属于其他学年，未计入');
  });
  it('--year must be an academic year: two consecutive years', () => {
    for (const year of ['2023', '2023-2025', '2024-2023']) {
      const r = jiaxiao(['score', folder, '--year', year]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`--year 需要学年，写成相邻两年，如 2023-2024，收到 ${year}`);
    }
  });
  it('--year that no school has is an error naming the years there are, not an empty report', () => {
    const r = jiaxiao(['score', folder, '--year', '2021-2022', '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      '没有可计入 2021-2022 学年的学校：3 个文件属于其他学年（2022-2023、2023-2024）。请核对 --year\n',
    );
  });
  it('a one-year format (json, csv…) on stdout refuses several years, naming them and the fix', () => {
    const r = jiaxiao(['score', folder, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('分属 2 个学年（2023-2024、2022-2023）');
    expect(r.err).toContain('--year 2023-2024');
  });
  it('with --out, a summary per year', () => {
    const out = join(tmp, 'out');
    const r = jiaxiao(['score', folder, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(
      readdirSync(out)
        .filter((f) => f.startsWith('summary'))
        .sort(),
    ).toEqual(['summary-2022-2023.json', 'summary-2023-2024.json']);
  });
});

/** A folder under tmp holding copies of files: { name in the folder: file to copy }. */
function folderOf(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [to, from] of Object.entries(files)) copyFileSync(from, join(dir, to));
  return dir;
}

describe('jiaxiao diff', () => {
  it('two files: the change per 二级指标 and in total, the checks newly passed and newly failed', () => {
    const r = jiaxiao(['diff', OLD, NEW]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('利通区示例第三小学：2022-2023 学年 → 2023-2024 学年');
    const b12 = r.out.split('\n').find((l) => l.includes('│ B12'));
    expect(b12?.split('│').map((c) => c.trim())).toEqual(['', 'B12', '家长满意度', '4.00', '0.00', '−4.00', '']);
    expect(r.out).toContain('新通过的检查（1 项）\n  ✓ B3.1a 家庭教育指导师人数 3 人，要求 ≥ 2 人');
    expect(r.out).toContain('新未通过的检查（1 项）\n  ✗ B12.1a');
  });
  it('as JSON: the totals read back, and the changes add up', () => {
    const d = JSON.parse(jiaxiao(['diff', OLD, NEW, '--format', 'json', '--lang', 'en']).out);
    expect(d.total).toEqual({ old: 57.75, new: 54.25 });
    const sum = (k: 'old' | 'new') =>
      d.indicators.reduce((a: number, b: Record<string, number>) => a + (b[k] ?? 0) * 100, 0);
    expect(Math.round(sum('new') - sum('old'))).toBe(Math.round((d.total.new - d.total.old) * 100));
    expect(d.newlyPassed.map((c: { id: string }) => c.id)).toEqual(['B3.1a']);
    expect(d.newlyFailed.map((c: { id: string }) => c.id)).toEqual(['B12.1a']);
  });
  it('two folders: schools matched by 学校标识码, those in one year only listed', () => {
    const a = folderOf('a', { 'typical.yaml': OLD });
    const b = folderOf('b', { 'typical.yaml': NEW, 'model.yaml': 'examples/schools/model-primary.yaml' });
    const d = JSON.parse(jiaxiao(['diff', a, b, '--format', 'json']).out);
    expect(d.schools.length).toBe(1);
    expect(d.schools[0].normalized).toEqual({ old: 57.75, new: 54.25 });
    expect(d.onlyNew.map((s: { file: string }) => s.file)).toEqual([join(b, 'model.yaml')]);
    expect(d.onlyOld).toEqual([]);
    const table = jiaxiao(['diff', a, b]).out;
    expect(table).toContain('1 所学校两次都有');
    expect(table).toContain('只在本次出现：');
    const en = jiaxiao(['diff', a, b, '--lang', 'en']).out;
    expect(en).toContain('Academic year 2022-2023 → 2023-2024: 1 school in both');
    expect(en).toContain(`Only now: 利通区示例第一小学 (${join(b, 'model.yaml')})`);
  });
  it('two folders: a school twice in a folder is compared once, the later file reported, exit 2', () => {
    const a = folderOf('dup-a', { 'typical.yaml': OLD });
    const b = folderOf('dup-b', { 'typical.yaml': NEW, 'typical-again.yaml': NEW });
    const r = jiaxiao(['diff', a, b, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${join(b, 'typical.yaml')} 错误 与 ${join(b, 'typical-again.yaml')} 是同一所学校（利通区示例第三小学；学校标识码 2164020003 相同）`,
    );
    expect(r.err).toContain('本文件未计入比较');
    const d = JSON.parse(r.out);
    expect(d.schools.length).toBe(1);
    expect(d.onlyNew).toEqual([]);
    // Said in the output too, not on stderr alone: a comparison saved to a file says what it left out.
    expect(d.notCompared).toEqual([
      expect.objectContaining({
        file: join(b, 'typical.yaml'),
        problems: [expect.objectContaining({ code: 'diff.duplicate' })],
      }),
    ]);
    const table = jiaxiao(['diff', a, b]).out.split('\n');
    expect(table[1]).toBe('另有 1 个文件因错误未比较（各列出第一个问题）：');
    expect(table[2]).toContain(`  ${join(b, 'typical.yaml')} 错误 与 `);
  });
  it('two folders: a folder of several academic years is refused, naming them', () => {
    const a = folderOf('mixed-a', { 'old.yaml': OLD, 'model.yaml': 'examples/schools/model-primary.yaml' });
    const r = jiaxiao(['diff', a, folder]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`文件夹 ${a} 中有 2 个学年（2022-2023、2023-2024）的证据文件`);
  });
  it('two folders: a school whose code one year leaves out is paired by county and name', () => {
    const noCode = join(tmp, 'no-code.yaml');
    writeFileSync(noCode, readFileSync(OLD, 'utf8').replace(/^ {2}code: .*\n/m, ''));
    const a = folderOf('nocode-a', { 'typical.yaml': noCode });
    const b = folderOf('nocode-b', { 'typical.yaml': NEW });
    const d = JSON.parse(jiaxiao(['diff', a, b, '--format', 'json']).out);
    expect(d.years).toEqual({ old: '2022-2023', new: '2023-2024' });
    expect(d.schools.length).toBe(1);
    expect([d.onlyOld, d.onlyNew]).toEqual([[], []]);
    expect(jiaxiao(['diff', a, b]).out).toContain('2022-2023 学年 → 2023-2024 学年：1 所学校两次都有');
  });
  it('the later year first, or one year twice, is refused: the changes would read backwards', () => {
    for (const [x, y] of [
      [NEW, OLD],
      [NEW, NEW],
    ]) {
      const r = jiaxiao(['diff', x, y]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('diff 比较上一学年与本学年，较早的写在前面');
    }
  });
  it('two folders with no school in common: the empty table closes, and no means over no school', () => {
    const a = folderOf('none-a', { 'old.yaml': OLD });
    const b = folderOf('none-b', { 'model.yaml': 'examples/schools/model-primary.yaml' });
    const r = jiaxiao(['diff', a, b]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('2022-2023 学年 → 2023-2024 学年：0 所学校两次都有');
    expect(lines[3]?.startsWith('└')).toBe(true);
    expect(r.out).not.toContain('各二级指标平均得分');
  });
  it('a file and a folder: exit 2 with what diff compares', () => {
    const r = jiaxiao(['diff', OLD, folder]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不能一个文件一个文件夹');
  });
  it('a bad file: its problems, exit 2', () => {
    const r = jiaxiao(['diff', 'examples/schools/common-mistake.yaml', NEW]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/common-mistake\.yaml:\d+:\d+/);
  });
});
