// Hostile strings from a submission, through every command and every format of the built CLI: none may reach
// a terminal, a CI log or a report raw. test/fixtures/hostile/legal.yaml is valid (scored, with workflow
// commands, HTML and Markdown in its strings); control.yaml holds control characters, bidi overrides, line
// breaks, U+FFFE and a lone surrogate, each a validation error. Both sit in a folder whose name holds an
// escape sequence, beside a copy of legal.yaml whose file name is itself hostile.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMATS } from '../src/render/formats.js';
import { markdownCells, unsafeIn, xmlProblem } from './safe-output.js';

/** Every text format of `score` (the binary XLSX is read back in test/formats/xlsx.test.ts). */
const TEXT_FORMATS = FORMATS.filter((f) => !f.binary).map((f) => [f.name]);
/** CSV ends its records with CRLF, as Excel does: the only carriage returns it may hold. */
const lines = (text: string) => text.replace(/\r\n/g, '\n');

const ESC = '\u001b';
const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dir = join(tmp, `in${ESC}[2J`);
mkdirSync(dir);
const legal = join(dir, 'legal.yaml');
const control = join(dir, 'control.yaml');
const renamed = join(dir, `::warning file=x::${ESC}]0;pwned\u0007 ##[error]x.yaml`);
copyFileSync('test/fixtures/hostile/legal.yaml', legal);
copyFileSync('test/fixtures/hostile/control.yaml', control);
copyFileSync('test/fixtures/hostile/legal.yaml', renamed);
copyFileSync('examples/schools/typical-primary.yaml', join(dir, 'typical.yaml'));

const legalName = (parse(readFileSync(legal, 'utf8')) as { school: { name: string } }).school.name;

const bin = resolve('bin/jiaxiao.cjs');
function jiaxiao(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    ...(cwd ? { cwd } : {}),
    env: { PATH: process.env.PATH ?? '' },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Both streams of a run, as a CI log shows them; only the github format may write `::` commands. */
function expectSafe(r: { out: string; err: string }, github = false) {
  expect(unsafeIn(lines(r.out), { github })).toBeUndefined();
  expect(unsafeIn(r.err)).toBeUndefined();
  // A lone surrogate written as UTF-8 becomes U+FFFD; the fixtures hold none of their own.
  expect(`${r.out}${r.err}`).not.toContain('\ufffd');
}

describe('score, one school', () => {
  it.each(TEXT_FORMATS)('the legal file as %s, in Chinese and English', (format) => {
    for (const extra of [[], ['--lang', 'en'], ['--details']]) {
      const r = jiaxiao(['score', legal, '--format', format, ...extra]);
      expect(r.code).toBe(0);
      expectSafe(r);
    }
  });

  it('the table shows the name as written, its leading `::` escaped', () => {
    const title = jiaxiao(['score', legal]).out.split('\n')[0] ?? '';
    expect(title.startsWith('\\x3a:warning file=README.md,line=1::injected \\x23#[error]boom <img')).toBe(true);
    // A literal backslash stays one.
    expect(title).toContain("=cmd('calc') \\e[2J（<script>");
  });

  it('in colour too, no line starts a workflow command once the colour codes are stripped', () => {
    const r = spawnSync(process.execPath, [bin, 'score', legal], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', FORCE_COLOR: '1' },
    });
    expect(r.stdout).toContain(`${ESC}[1m`);
    const plain = r.stdout.replace(new RegExp(`${ESC}\\[[\\d;]*m`, 'g'), '');
    expect(unsafeIn(plain)).toBeUndefined();
    expect(plain.startsWith('\\x3a:warning')).toBe(true);
  });

  it('the JSON sheet gives back the exact strings', () => {
    const sheet = JSON.parse(jiaxiao(['score', legal, '--format', 'json']).out);
    expect(sheet.school.name).toBe(legalName);
  });

  it('the control file is refused on stderr, every character shown escaped, with its position', () => {
    const r = jiaxiao(['score', control]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expectSafe(r);
    expect(r.err).toContain(':5:9 错误 学校名称（school.name）：第 1 个字符是控制字符 U+001B');
    expect(r.err).toContain('第 4 个字符是控制字符 U+202E');
    expect(r.err).toContain('“x\\n::warning file=README.md,line=1::injec…”不是可选值');
    expect(r.err).toContain('未知字段 \\e[31mred\\x9b');
    expect(r.err).toContain(`in\\e[2J/control.yaml`);
    const en = jiaxiao(['score', control, '--lang', 'en']);
    expectSafe(en);
    expect(en.err).toContain('character 1 is the control character U+001B');
  });
});

describe('score, a folder', () => {
  it.each(TEXT_FORMATS)('%s on stdout, the duplicate warning and the bad file on stderr', (format) => {
    const r = jiaxiao(['score', dir, '--format', format, '--min-score', '99']);
    expect(r.code).toBe(2);
    expectSafe(r);
    // The duplicate's name and the --min-score list, mid-line: only its `##[` needed breaking.
    expect(r.err).toContain('：::warning file=README.md,line=1::injected \\x23#[error]boom <img');
  });

  it('--out: summary and sheets written safe', () => {
    for (const [format] of TEXT_FORMATS) {
      const out = join(tmp, `out-${format}`);
      const r = jiaxiao(['score', dir, '--format', format, '--out', out]);
      expect(r.code).toBe(2);
      expectSafe(r);
      const files = readdirSync(out);
      expect(files.length).toBe(4); // three sheets and the summary
      for (const f of files) {
        const text = readFileSync(join(out, f), 'utf8');
        expect(unsafeIn(lines(text)), f).toBeUndefined();
        expect(text, f).not.toContain('\ufffd');
      }
      if (format === 'json') {
        const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
        expect(summary.ranking.map((s: { name: string }) => s.name)).toContain(legalName);
      }
    }
  });

  it('a usage error naming the folder is escaped too', () => {
    const r = jiaxiao(['score', dir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expectSafe(r);
    expect(r.err).toContain('in\\e[2J');
  });
});

describe('validate, every format', () => {
  // Run inside the folder, so that the hostile file name starts lines of the reports.
  const files = [control, legal, renamed].map((f) => basename(f));
  const run = (format: string, lang = 'zh') => jiaxiao(['validate', ...files, '--format', format, '--lang', lang], dir);
  const report = JSON.parse(run('json').out);
  const problems = report.files.flatMap((f: { problems: unknown[] }) => f.problems).length;

  it('json: exact strings back in the data (file, path), messages escaped as the text shows them', () => {
    const r = run('json');
    expect(r.code).toBe(1);
    expectSafe(r);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(files);
    const messages = report.files[0].problems.map((p: { message: string }) => p.message).join('\n');
    // As the text report shows it (quoted content is cut at 40 characters): `jq -r .message` starts no line.
    expect(messages).toContain('x\\n::warning file=README.md,line=1::injec…');
    // One line each, as `jq -r` prints them: none raw, none a workflow command.
    expect(unsafeIn(messages)).toBeUndefined();
    expect(problems).toBeGreaterThanOrEqual(12);
  });

  it.each([['zh'], ['en']])('text (%s): every line safe, the values shown escaped', (lang) => {
    const r = run('text', lang);
    expectSafe(r);
    expect(r.out).toContain('\\x3a:warning file=x::\\e]0;pwned\\x07 \\x23#[error]x.yaml');
    expect(r.out).toContain('x\\n::warning file=README.md,line=1::injec…');
    expect(r.out).toContain('2023-2024\\r::error::cr');
  });

  it('github: one command line per problem, each of our making', () => {
    const r = run('github');
    expectSafe(r, true);
    const commands = r.out.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(problems);
    expect(commands[0]).toMatch(/^::error file=control\.yaml,line=5,col=9,title=jiaxiao value\.controlChar::/);
    expect(r.out).toContain('::warning file=%3A%3Awarning file=x%3A%3A\\e]0;pwned\\x07 ##[error]x.yaml,line=4,col=1,');
  });

  it('junit: well-formed XML, the escapes visible', () => {
    const r = run('junit');
    expectSafe(r);
    expect(xmlProblem(r.out)).toBeUndefined();
    expect(r.out).toContain('第 2 个字符是控制字符 U+FFFE');
    expect(r.out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.out).toContain('name="::warning file=x::\\e]0;pwned\\x07 &#35;#[error]x.yaml"');
    expect(r.out).toContain('\n&#58;:warning file=x::\\e]0;pwned\\x07 &#35;#[error]x.yaml:4:1 警告 ');
  });

  it('markdown: no raw HTML, one row per problem, four cells each', () => {
    const r = run('markdown');
    expectSafe(r);
    expect(r.out).not.toContain('<');
    const rows = r.out
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .slice(1); // the heading
    expect(rows).toHaveLength(problems);
    for (const row of rows) expect(markdownCells(row), row).toHaveLength(4);
    expect(r.out).toContain('&lt;img src=x onerror=alert(1)&gt; \\| a \\| b \\\\ \\`…');
  });
});
