// Where `score` writes and how wide: the terminal's width, --width, 100 columns to a pipe or file, -o FILE
// written whole (in the format its extension names, without --format), and a binary format refused on a terminal. Run in-process with streams that play a terminal.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Streams } from '../../src/cli/env.js';
import { run } from '../../src/cli/program.js';
import { chunksOf } from '../../src/io/write.js';
import { width } from '../../src/render/text.js';
import type { Output } from '../../src/render/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function jiaxiao(argv: string[], terminal?: { columns: number }) {
  const out: Output[] = [];
  const err: string[] = [];
  const io: Streams = {
    out: (o) => out.push(o),
    err: (e) => err.push(e),
    outIsTTY: terminal !== undefined,
    errIsTTY: false,
    ...(terminal ? { columns: terminal.columns } : {}),
    env: { NO_COLOR: '1' },
  };
  const code = await run(argv, io);
  const text = out
    .flatMap((o) => [...chunksOf(o)])
    .map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1')))
    .join('');
  return { code, out: text, err: err.join('') };
}

/** The widest line of the sheet's grid. */
const gridWidth = (text: string) =>
  Math.max(
    ...text
      .split('\n')
      .filter((l) => /^[┌│├└]/.test(l))
      .map(width),
  );

const FILE = 'examples/schools/typical-primary.yaml';

describe('width', () => {
  it('a terminal of 80 columns gets a table of at most 80; one of 160, a wider one', async () => {
    const narrow = await jiaxiao(['score', FILE], { columns: 80 });
    const wide = await jiaxiao(['score', FILE], { columns: 160 });
    expect(narrow.code).toBe(0);
    expect(gridWidth(narrow.out)).toBeLessThanOrEqual(80);
    expect(gridWidth(wide.out)).toBeGreaterThan(gridWidth(narrow.out));
    expect(gridWidth(wide.out)).toBeLessThanOrEqual(160);
  });
  it('a pipe gets the fixed 100 columns, whatever the terminal would have had', async () => {
    expect(gridWidth((await jiaxiao(['score', FILE])).out)).toBe(100);
  });
  it('--width wins over the terminal', async () => {
    expect(gridWidth((await jiaxiao(['score', FILE, '--width', '120'], { columns: 80 })).out)).toBe(120);
  });
  it.each([['10'], ['abc'], ['500'], ['80.5']])('--width %s is a usage error (exit 2)', async (w) => {
    const r = await jiaxiao(['score', FILE, '--width', w]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--width 需要 60 到 400 之间的整数');
    expect(r.out).toBe('');
  });
});

describe('-o FILE', () => {
  it('writes the sheet there, nothing on stdout, and leaves no temporary file', async () => {
    const file = join(tmp, '评分表.md');
    const r = await jiaxiao(['score', FILE, '--format', 'markdown', '-o', file], { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('得分合计 54.25');
    expect(readdirSync(tmp).filter((f) => f.includes('jiaxiao-tmp'))).toEqual([]);
  });
  it("without --format, the format is the file's: 评分表.xlsx is a workbook, .CSV a CSV; --format wins", async () => {
    const xlsx = join(tmp, '评分表.xlsx');
    expect((await jiaxiao(['score', FILE, '-o', xlsx])).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const summary = join(tmp, '汇总.xlsx');
    expect((await jiaxiao(['score', 'examples/county', '-o', summary])).code).toBe(0);
    expect(readFileSync(summary).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const csv = join(tmp, 'SHEET.CSV');
    expect((await jiaxiao(['score', FILE, '-o', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toMatch(/^\ufeff一级指标编号,/);
    const asked = join(tmp, 'asked.html');
    expect((await jiaxiao(['score', FILE, '--format', 'table', '-o', asked])).code).toBe(0);
    expect(readFileSync(asked, 'utf8')).toMatch(/^利通区示例第三小学/);
    // An extension that names no format: the default table.
    const other = join(tmp, 'sheet.log');
    expect((await jiaxiao(['score', FILE, '-o', other])).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain('┌');
  });
  it('a batch writes its summary there', async () => {
    const file = join(tmp, 'summary.csv');
    const r = await jiaxiao(['score', 'examples/county', '--format', 'csv', '-o', file]);
    expect(r.code).toBe(0);
    const rows = readFileSync(file, 'utf8').split('\r\n').filter(Boolean);
    expect(rows[0]?.startsWith('\ufeff排名')).toBe(true);
    expect(rows.length).toBe(11);
  });
  it('a table written to a file is 100 columns wide and has no colour, even from a terminal', async () => {
    const file = join(tmp, 'sheet.txt');
    await jiaxiao(['score', FILE, '-o', file], { columns: 80 });
    expect(gridWidth(readFileSync(file, 'utf8'))).toBe(100);
  });
  it('a folder that does not exist is created; a file that cannot be written is exit 2', async () => {
    const file = join(tmp, 'new', 'sheet.txt');
    expect((await jiaxiao(['score', FILE, '-o', file])).code).toBe(0);
    const bad = await jiaxiao(['score', FILE, '-o', join(FILE, 'x.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('a binary format', () => {
  it('is refused on a terminal without -o (exit 2, nothing written)', async () => {
    const r = await jiaxiao(['score', FILE, '--format', 'xlsx'], { columns: 100 });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('xlsx 是二进制文件，不能显示在终端上');
  });
  it('goes to a pipe as a zip file', async () => {
    const r = await jiaxiao(['score', FILE, '--format', 'xlsx']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('PK\u0003\u0004')).toBe(true);
  });
  it('with --out, a batch writes its summary into the folder only, also from a terminal', async () => {
    const out = join(tmp, 'xlsx-out');
    const r = await jiaxiao(['score', 'examples/county', '--format', 'xlsx', '--out', out], { columns: 100 });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const files = readdirSync(out).sort();
    expect(files).toContain('summary.xlsx');
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBe(11);
  });
});
