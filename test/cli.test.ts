// The CLI as a user runs it: the built bundle, real example files, exit codes and output.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

function jiaxiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const json = (file: string, extra: string[] = []) => {
  const r = jiaxiao(['score', file, '--format', 'json', ...extra]);
  expect(r.err).toBe('');
  return JSON.parse(r.out);
};

describe('jiaxiao score on the examples', () => {
  it.each([
    ['model-primary', 100, 100, 100, [10, 60, 30]],
    ['typical-primary', 54.25, 100, 54.25, [6.5, 30.25, 17.5]],
    ['kindergarten', 83, 95, 87.37, [9, 49, 25]],
  ])('%s: total %f of %f, 折算分 %f', (name, total, max, normalized, groups) => {
    const sheet = json(`examples/schools/${name}.yaml`);
    expect({ total: sheet.total, max: sheet.max, normalized: sheet.normalized }).toEqual({
      total,
      max,
      normalized,
    });
    expect(sheet.groups.map((g: { score: number }) => g.score)).toEqual(groups);
  });

  it('the common-mistake example is refused with exit 2 and a line per mistake', () => {
    const r = jiaxiao(['score', 'examples/schools/common-mistake.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'examples/schools/common-mistake.yaml:45:13',
      'examples/schools/common-mistake.yaml:48:19',
      'examples/schools/common-mistake.yaml:56:73',
      'examples/schools/common-mistake.yaml:60:5',
      'examples/schools/common-mistake.yaml:92:62',
    ]);
    expect(r.err).toContain('是否应为 signed？');
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});

describe('the JSON sheet', () => {
  const sheet = json('examples/schools/typical-primary.yaml');
  it('is versioned and has B1…B12 in order, each with its 要点 and checks', () => {
    expect(sheet.schemaVersion).toBe(1);
    expect(sheet.school).toMatchObject({
      name: '利通区示例第三小学',
      county: '利通区',
      stage: 'primary',
      year: '2023-2024',
    });
    expect(sheet.indicators.map((b: { id: string }) => b.id)).toEqual([
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B10',
      'B11',
      'B12',
    ]);
    const b4 = sheet.indicators[3];
    expect(b4).toMatchObject({
      id: 'B4',
      name: '经费保障',
      points: 3,
      score: 0,
      selfScore: 3,
      overclaim: true,
    });
    expect(b4.items[0].checks[0]).toEqual({
      id: 'B4.1a',
      label: '生均家庭教育经费不少于 20 元',
      passed: false,
      applicable: true,
      missing: false,
      reason: '生均经费 15.20 元（家庭教育经费实际支出（元） 18240 ÷ 在校学生数 1200），要求 ≥ 20 元',
      cites: [
        { path: 'facts.spending', line: 44 },
        { path: 'school.students', line: 14 },
      ],
    });
  });
  it('shows totals that are the sums of the rows it shows', () => {
    const cents = (x: number) => Math.round(x * 100);
    for (const b of sheet.indicators) {
      expect(cents(b.score)).toBe(b.items.reduce((a: number, i: { score: number }) => a + cents(i.score), 0));
    }
    expect(cents(sheet.total)).toBe(
      sheet.indicators.reduce((a: number, b: { score: number }) => a + cents(b.score), 0),
    );
  });
  it('is the same, byte for byte, on every run', () => {
    const a = jiaxiao(['score', 'examples/schools/typical-primary.yaml', '--format', 'json']);
    const b = jiaxiao(['score', 'examples/schools/typical-primary.yaml', '--format', 'json']);
    expect(a.out).toBe(b.out);
    const t1 = jiaxiao(['score', 'examples/schools/kindergarten.yaml', '--details']);
    const t2 = jiaxiao(['score', 'examples/schools/kindergarten.yaml', '--details']);
    expect(t1.out).toBe(t2.out);
  });
  it('speaks English with --lang en', () => {
    const en = json('examples/schools/typical-primary.yaml', ['--lang', 'en']);
    expect(en.indicators[3].name).toBe('Funding');
    expect(en.indicators[3].items[0].checks[0].reason).toBe(
      'spending per student 15.20 yuan (family-education spending (yuan) 18240 ÷ enrolled students 1200), required ≥ 20 yuan',
    );
  });
});

describe('the table', () => {
  it('has the attachment’s columns, the reasons of lost points, and the totals', () => {
    const r = jiaxiao(['score', 'examples/schools/typical-primary.yaml']);
    expect(r.code).toBe(0);
    for (const h of ['一级指标', '二级指标', '评估内容', '分值', '自评', '得分']) expect(r.out).toContain(h);
    expect(r.out).toContain('✗ B4.1a 生均经费 15.20 元');
    expect(r.out).toContain('合计 54.25，应得满分 100，折算分 54.25');
    expect(r.out).toContain('⚠ B4 经费保障：自评 3 分，核定得分 0 分（自评高于核定得分）');
    expect(r.out).not.toContain('✓ B3.1a'); // passed checks only with --details
  });
  it('--details adds the passed checks', () => {
    expect(jiaxiao(['score', 'examples/schools/typical-primary.yaml', '--details']).out).toContain(
      '✓ B3.1a 家庭教育指导师人数 3 人，要求 ≥ 2 人',
    );
  });
  it('shows 不适用 rows for a kindergarten with the applicable maximum', () => {
    const r = jiaxiao(['score', 'examples/schools/kindergarten.yaml']);
    expect(r.out).toContain('B10.1a 不适用于幼儿园');
    expect(r.out).toContain('合计 83.00，应得满分 95，折算分 87.37');
  });
  it('colours only when asked, and never with NO_COLOR', () => {
    expect(jiaxiao(['score', 'examples/schools/typical-primary.yaml']).out).not.toMatch(ANSI);
    expect(jiaxiao(['score', 'examples/schools/typical-primary.yaml'], { FORCE_COLOR: '1' }).out).toMatch(ANSI);
    expect(
      jiaxiao(['score', 'examples/schools/typical-primary.yaml'], { FORCE_COLOR: '1', NO_COLOR: '1' }).out,
    ).not.toMatch(ANSI);
  });
  it('aligns CJK text: every table line has the same display width', async () => {
    const { width: stringWidth } = await import('../src/render/text.js');
    const lines = jiaxiao(['score', 'examples/schools/typical-primary.yaml'])
      .out.split('\n')
      .filter((l) => /^[┌│└├]/.test(l));
    const widths = new Set(lines.map((l) => stringWidth(l)));
    expect(widths.size).toBe(1);
  });
});

describe('exit codes', () => {
  it('--min-score: 1 below the threshold, 0 at or above it', () => {
    expect(jiaxiao(['score', 'examples/schools/typical-primary.yaml', '--min-score', '60']).code).toBe(1);
    expect(jiaxiao(['score', 'examples/schools/typical-primary.yaml', '--min-score', '54.25']).code).toBe(0);
    // A kindergarten is compared by its 折算分 (87.37), not its raw total (83).
    expect(jiaxiao(['score', 'examples/schools/kindergarten.yaml', '--min-score', '85']).code).toBe(0);
  });
  it('2 for a missing file, a folder, an unknown format or a bad --min-score', () => {
    const missing = jiaxiao(['score', 'nope.yaml']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain('找不到文件：nope.yaml');
    expect(jiaxiao(['score', 'examples/schools/model-primary.yaml', '--format', 'pdf']).code).toBe(2);
    expect(jiaxiao(['score', 'examples/schools/model-primary.yaml', '--min-score', 'abc']).code).toBe(2);
    const unknown = jiaxiao(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('错误：未知命令 frobnicate');
    expect(jiaxiao(['score']).err).toBe('错误：缺少证据文件或文件夹。用 --help 查看用法\n');
    expect(jiaxiao(['score', '--lang', 'en']).err).toContain("error: missing required argument 'paths'");
    // commander's suggestions too: in Chinese, nothing of its English left.
    expect(jiaxiao(['scor']).err).toContain('（是不是要写 score？）');
    const option = jiaxiao(['score', 'examples/county', '--fromat', 'csv']);
    expect(option.err).toBe('错误：未知选项 --fromat。用 --help 查看可用的选项\n（是不是要写 --format？）\n');
  });
  it('--rubric loads another rubric, and a broken one is refused with its place', () => {
    const ok = jiaxiao([
      'score',
      'examples/schools/model-primary.yaml',
      '--rubric',
      'rubric/wuzhong-2019.yaml',
      '--format',
      'json',
    ]);
    expect(JSON.parse(ok.out).total).toBe(100);
    const bad = jiaxiao([
      'score',
      'examples/schools/model-primary.yaml',
      '--rubric',
      'test/fixtures/broken-rubric.yaml',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('test/fixtures/broken-rubric.yaml:12:');
    expect(bad.err).toContain('threshold');
  });
});

describe('the shipped rubric, edited after the build', () => {
  it('takes effect without a rebuild, with a note on stderr', () => {
    // A copy of the installed package, so that the repository's own rubric is not touched.
    const root = mkdtempSync(join(tmpdir(), 'jiaxiao-edited-'));
    for (const dir of ['bin', 'dist', 'rubric']) cpSync(dir, join(root, dir), { recursive: true });
    cpSync('package.json', join(root, 'package.json'));
    const bin = join(root, 'bin', 'jiaxiao.cjs');
    const run = () =>
      spawnSync(process.execPath, [bin, 'score', 'examples/schools/model-primary.yaml', '--format', 'json'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
    const before = run();
    expect(before.stderr).toBe('');
    expect(JSON.parse(before.stdout).total).toBe(100);
    const file = join(root, 'rubric', 'wuzhong-2019.yaml');
    // The model school has 12 lecturers: asking for 15 costs it B3.1b's half point.
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('讲师不少于 10 名', '讲师不少于 15 名')
        .replace('value: 10, unit: 人', 'value: 15, unit: 人'),
    );
    const after = run();
    expect(after.stderr).toContain('在构建之后改过');
    expect(JSON.parse(after.stdout).total).toBe(99.5);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('the command line itself is data too', () => {
  it('--min-score takes a plain decimal only', () => {
    for (const bad of ['', '0x55', '85分']) {
      const r = jiaxiao(['score', 'examples/schools/model-primary.yaml', '--min-score', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('--min-score 需要数字');
    }
  });
  it("commander's own errors quote the command line escaped", () => {
    const r = jiaxiao(['score', '--x\u001b]0;t\u0007']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('\u001b');
    expect(r.err).toContain('\\e]0;t\\x07');
  });
  it('an output that cannot be written is a located message and exit 2, not a stack trace', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/jiaxiao.cjs schema > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('无法输出');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  // stdout is written straight to its descriptor on Linux and macOS (src/cli/stdio.ts): the cases a stream handled.
  it('a reader that goes away (| head) ends the run quietly, exit 0', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/jiaxiao.cjs score examples/county --format html | head -c 10; echo " \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    // 175 KB of HTML: more than the pipe holds, so the writes after head has gone fail with EPIPE.
    expect(r.stdout).toBe('<!DOCTYPE  0\n');
    expect(r.stderr).toBe('');
  });
  it('a pipe left non-blocking and full is waited for: the whole output, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-nonblocking-'));
    // Making process.stdout for a pipe sets it non-blocking (libuv): the CLI's own writes then meet EAGAIN.
    writeFileSync(join(dir, 'nonblocking.cjs'), 'process.stdout;\n');
    const whole = jiaxiao(['score', 'examples/county', '--format', 'html']).out;
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" -r "${join(dir, 'nonblocking.cjs')}" bin/jiaxiao.cjs score examples/county --format html | (sleep 0.3; cat) > "${join(dir, 'out.html')}"; echo \${PIPESTATUS[0]}`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('0\n');
    expect(whole.length).toBeGreaterThan(100_000);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toBe(whole);
    rmSync(dir, { recursive: true, force: true });
  });
  // util-linux's script(1) runs the CLI in a terminal of its own.
  it.skipIf(process.platform !== 'linux')("in a terminal: colour, and the terminal's width", () => {
    const r = spawnSync(
      'script',
      [
        '-qec',
        `stty cols 90; "${process.execPath}" bin/jiaxiao.cjs score examples/schools/typical-primary.yaml`,
        '/dev/null',
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TERM: 'xterm' } },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(ANSI);
    const top = r.stdout.split(/\r?\n/).find((line) => line.startsWith('┌'));
    expect(top?.length).toBe(90);
  });
  it('rubric check shows a level name from the rubric escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-rubric-esc-'));
    const file = join(dir, 'r.yaml');
    const text = readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8').replace(
      'name: 合格',
      'name: "合\\e]0;pwn\\a格"',
    );
    writeFileSync(file, text);
    const r = jiaxiao(['rubric', 'check', file]);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('合\\e]0;pwn\\x07格');
    rmSync(dir, { recursive: true, force: true });
  });
});
