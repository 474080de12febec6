// Hostile inputs: what they are answered with (their speed is measured by `npm run bench -- adversarial`,
// never here), and which paths are read at all.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix as posixPath, win32 } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { capProblems, EXCERPT_CHARS, MAX_PROBLEMS_PER_FILE, type Problem } from '../src/base/problem.js';
import { readInput } from '../src/cli/env.js';
import { parseEvidenceText } from '../src/evidence/parse.js';
import { problemLine } from '../src/i18n/messages.js';
import { MAX_BYTES } from '../src/io/decode.js';
import { findEvidenceFiles, underRoot } from '../src/io/files.js';
import { MAX_NESTING, nestingProblem } from '../src/io/nesting.js';
import { lazySource, locate, parseYaml } from '../src/io/yaml.js';
import { totals } from '../src/validation/results.js';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-adversarial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const school = readFileSync('examples/schools/typical-primary.yaml', 'utf8');
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const posix = process.platform !== 'win32';

function jiaxiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('problems per file are capped', () => {
  const problem = (line: number, severity: Problem['severity'] = 'error'): Problem => ({
    severity,
    code: 'key.unknown',
    params: { key: `k${line}` },
    line,
    col: 1,
  });

  it('a short list is left alone', () => {
    const list = [problem(1), problem(2)];
    expect(capProblems(list, 'a.yaml')).toBe(list);
  });

  it('a long one keeps the first problems and closes with "… and N more", counting what it hides', () => {
    const list = [
      ...Array.from({ length: 150 }, (_, i) => problem(i + 1)),
      ...Array.from({ length: 20 }, (_, i) => problem(200 + i, 'warning')),
    ];
    const capped = capProblems(list, 'a.yaml');
    expect(capped).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(capped[MAX_PROBLEMS_PER_FILE - 1]?.line).toBe(MAX_PROBLEMS_PER_FILE);
    expect(capped.at(-1)).toEqual({
      severity: 'error',
      code: 'file.moreProblems',
      params: { count: 70, errors: 50, warnings: 20 },
      file: 'a.yaml',
    });
    expect(totals([{ file: 'a.yaml', problems: capped }])).toEqual({
      files: 1,
      errors: 150,
      warnings: 20,
      filesWithErrors: 1,
    });
    expect(problemLine(capped.at(-1) as Problem, 'en')).toBe(
      'a.yaml error … and 70 more problems not listed (50 errors, 20 warnings); mend those above and check again',
    );
  });

  it('hidden warnings only: the closing line is a warning', () => {
    const list = [...Array.from({ length: 100 }, (_, i) => problem(i + 1)), problem(101, 'warning')];
    expect(capProblems(list).at(-1)?.severity).toBe('warning');
  });

  it('5,000 unknown keys: validate lists 100 of them, then the rest as one line, and counts all', () => {
    const file = join(tmp, 'unknown.yaml');
    writeFileSync(file, `${school}\n${lines(5000, (i) => `unknownKey${i}: 1`)}\n`);
    const r = jiaxiao(['validate', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.summary).toMatchObject({ files: 1, errors: 5000 });
    const problems = report.files[0].problems;
    expect(problems).toHaveLength(101);
    expect(problems[0]).toMatchObject({ code: 'key.unknown', line: 103, col: 1 });
    expect(problems[99]).toMatchObject({ code: 'key.unknown', line: 202 });
    expect(problems[100]).toMatchObject({ code: 'file.moreProblems', severity: 'error' });
    expect(problems[100].message).toContain('另有 4900 个问题未列出（4900 个错误，0 个警告）');
    const s = jiaxiao(['score', file]);
    expect(s.code).toBe(2);
    expect(s.err.trim().split('\n')).toHaveLength(101);
  });
});

describe('duplicate keys, found without comparing each key with every other', () => {
  it('each repeat is reported on its own line, the first few of many', () => {
    const text = `${school}\n${lines(3000, () => 'year: 2023-2024')}\n`;
    const dup = parseYaml(text).problems.filter((p) => p.code === 'yaml.duplicateKey');
    expect(dup.length).toBeGreaterThan(0);
    expect(dup[0]).toMatchObject({ line: 103, col: 1, params: { key: 'year' } });
    expect(dup.map((p) => p.line)).toEqual(dup.map((_, i) => 103 + i));
  });

  it('keys in flow maps and nested maps too; equal values of different types are not duplicates', () => {
    const { problems } = parseYaml('a:\n  b: 1\n  c: 2\n  b: 3\nd: {x: 1, x: 2}\ne: {1: a, "1": b}\n');
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['yaml.duplicateKey', 4],
      ['yaml.duplicateKey', 5],
    ]);
  });

  it('a path through a repeated key is placed at its first occurrence', () => {
    const source = lazySource('a: 1\nb:\n  c: 2\nb:\n  c: 3\n');
    expect(locate(source, ['b', 'c'])).toEqual({ line: 3, col: 6 });
  });
});

describe('nesting is limited before the parser', () => {
  it.each([
    // The top level counts as one block level: the 64th bracket is one too many.
    ['[ × 100,000', '['.repeat(100000), 1, MAX_NESTING],
    ['{ × 1,000 closed', `school: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}`, 1, 0],
    ['"aN: [" on 20,000 lines', lines(20000, (i) => `a${i}: [`), 0, 0],
    ['- - - × 1,000', `${'- '.repeat(1000)}x`, 1, 0],
    ['? ? ? × 400', `${'? '.repeat(400)}x`, 1, 0],
    ['indentation 200 deep', lines(200, (i) => `${' '.repeat(i)}k${i}:`), 0, 0],
  ])('%s is refused with yaml.tooDeep', (_name, text, line, col) => {
    const p = nestingProblem(`${text}\n`);
    expect(p?.code).toBe('yaml.tooDeep');
    if (line) expect(p?.line).toBe(line);
    if (col) expect(p?.col).toBe(col);
    expect(parseYaml(`${text}\n`).problems).toEqual([p]);
  });

  it('brackets in quotes, comments, plain text and block scalars do not count', () => {
    const many = '['.repeat(200);
    const text = [
      `a: "${many}"`,
      `b: '${many}'`,
      `c: x${many}`,
      `# ${many}`,
      'd: |',
      `  ${many}`,
      `  "${many}`,
      'e: >-',
      `    ${many}`,
      `f: [1, 2, "${many}"]`,
      '',
    ].join('\n');
    expect(nestingProblem(text)).toBeUndefined();
  });

  it('an unclosed quote inside a block scalar does not hide what follows it', () => {
    expect(nestingProblem(`a: |\n  "open\nb: ${'['.repeat(100)}\n`)?.code).toBe('yaml.tooDeep');
  });

  it('no file the project ships, nor any test fixture, comes near the limit', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, d.name);
        if (d.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(d.name)) files.push(p);
      }
    };
    for (const dir of ['examples', 'rubric', 'test/fixtures']) walk(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(nestingProblem(readFileSync(f, 'utf8')), f).toBeUndefined();
  });
});

describe('only regular files are read', () => {
  it.runIf(posix)('a FIFO, /dev/zero and /dev/urandom are refused before reading, with exit 2', () => {
    const fifo = join(tmp, 'fifo.yaml');
    spawnSync('mkfifo', [fifo]);
    expect(readInput(fifo).problem).toMatchObject({ code: 'cli.notRegular', params: { kind: 'fifo' } });
    expect(readInput('/dev/zero').problem).toMatchObject({ code: 'cli.notRegular', params: { kind: 'device' } });
    const v = jiaxiao(['validate', fifo]);
    expect(v.code).toBe(2);
    expect(v.out).toContain('不是普通文件（命名管道），未读取');
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const s = jiaxiao(['score', device, '--lang', 'en']);
      expect(s.code).toBe(2);
      expect(s.err).toBe(
        `${device} error ${device} is not a regular file (a device); not read. Give an evidence file\n`,
      );
    }
  });

  it('a file known to be regular (listed, or stat-ed when named) is read as the checked path reads it', () => {
    const dir = join(tmp, 'known');
    mkdirSync(dir);
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'school:\n  name: 甲\n');
    writeFileSync(b, 'school:\n  name: 乙乙乙乙\n');
    const first = readInput(a, 'regular').bytes;
    expect(Buffer.from(first ?? [])).toEqual(readFileSync(a));
    // Each file's bytes are its own: the next read does not write over them.
    expect(Buffer.from(readInput(b, 'regular').bytes ?? [])).toEqual(readFileSync(b));
    expect(Buffer.from(first ?? [])).toEqual(readFileSync(a));
    // Anything unusual is answered by the checked path, as if nothing were known.
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    const limit = join(dir, 'limit.yaml');
    writeFileSync(limit, Buffer.alloc(MAX_BYTES, 0x61));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(MAX_BYTES + 1, 0x61));
    for (const f of [empty, limit, big, dir, join(dir, 'missing.yaml')])
      expect(readInput(f, 'regular'), f).toEqual(readInput(f));
    expect(readInput(big, 'regular').problem).toMatchObject({ code: 'file.tooLarge', params: { size: MAX_BYTES + 1 } });
  });

  it.runIf(posix)(
    'a FIFO or a device where a regular file was listed is still refused; named ones are never known',
    () => {
      // As if a listed file had been replaced between the listing and the read: nothing blocks, nothing unbounded.
      const fifo = join(tmp, 'swapped.yaml');
      spawnSync('mkfifo', [fifo]);
      expect(readInput(fifo, 'regular').problem).toMatchObject({ code: 'cli.notRegular', params: { kind: 'fifo' } });
      expect(readInput('/dev/zero', 'regular').problem).toMatchObject({
        code: 'cli.notRegular',
        params: { kind: 'device' },
      });
      const folder = join(tmp, 'listed');
      mkdirSync(folder);
      writeFileSync(join(folder, 'x.yaml'), 'school: {}\n');
      const found = findEvidenceFiles([fifo, '/dev/null', folder]);
      expect(found.files).toEqual([fifo, '/dev/null', join(folder, 'x.yaml')]);
      expect(found.irregular).toEqual([fifo, '/dev/null']);
    },
  );

  it('a file over the size limit is refused from its size, without reading it', () => {
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, Buffer.alloc(MAX_BYTES + 10, 0x61));
    expect(readInput(big).problem).toMatchObject({
      code: 'file.tooLarge',
      params: { size: MAX_BYTES + 10, max: MAX_BYTES },
    });
    const ok = join(tmp, 'limit.yaml');
    writeFileSync(ok, Buffer.alloc(MAX_BYTES, 0x61));
    expect(readInput(ok).bytes?.length).toBe(MAX_BYTES);
  });

  it.runIf(posix)(
    'a folder scan reports the links and FIFOs it skips, in the report (and on stderr when it is in a file)',
    () => {
      const root = join(tmp, 'county');
      mkdirSync(join(root, 'sub'), { recursive: true });
      cpSync('examples/schools/model-primary.yaml', join(root, 'a.yaml'));
      symlinkSync(join(process.cwd(), 'examples/schools/kindergarten.yaml'), join(root, 'link.yaml'));
      symlinkSync('/nonexistent', join(root, 'sub', 'dangling.yml'));
      spawnSync('mkfifo', [join(root, 'pipe.yaml')]);
      expect(findEvidenceFiles([root])).toEqual({
        files: [join(root, 'a.yaml')],
        irregular: [],
        missing: [],
        empty: [],
        skipped: [
          { file: join(root, 'link.yaml'), kind: 'symlink' },
          { file: join(root, 'pipe.yaml'), kind: 'fifo' },
          { file: join(root, 'sub', 'dangling.yml'), kind: 'symlink' },
        ],
        reviews: [],
        reviewOf: expect.any(Function),
      });
      expect(findEvidenceFiles([root]).reviewOf(join(root, 'a.yaml'))).toBe(null);
      // A review named like a skipped link is not known from the listing: the worker asks the file system.
      symlinkSync(join(process.cwd(), 'examples/reviews/typical-primary.review.yaml'), join(root, 'a.review.yaml'));
      expect(findEvidenceFiles([root]).reviewOf(join(root, 'a.yaml'))).toBe(undefined);
      rmSync(join(root, 'a.review.yaml'));
      // Nor is one whose name is in another Unicode form (as macOS may store it): the file system decides.
      const nfd = join(tmp, 'nfd');
      mkdirSync(nfd);
      cpSync('examples/schools/model-primary.yaml', join(nfd, '\u00e9.yaml'));
      writeFileSync(join(nfd, 'e\u0301.review.yaml'), 'reviewer: x\n');
      expect(findEvidenceFiles([nfd]).reviewOf(join(nfd, '\u00e9.yaml'))).toBe(undefined);
      // Nor is a folder of that name: reading it is the error it always was.
      mkdirSync(join(root, 'a.review.yaml'));
      expect(findEvidenceFiles([root]).reviewOf(join(root, 'a.yaml'))).toBe(undefined);
      rmSync(join(root, 'a.review.yaml'), { recursive: true });
      const r = jiaxiao(['validate', root, '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.summary).toMatchObject({ files: 4, errors: 0, warnings: 3 });
      expect(report.files.map((f: { file: string }) => f.file)).toEqual([
        join(root, 'a.yaml'),
        join(root, 'link.yaml'),
        join(root, 'pipe.yaml'),
        join(root, 'sub', 'dangling.yml'),
      ]);
      expect(report.files[2].problems[0]).toMatchObject({
        severity: 'warning',
        code: 'cli.skipped',
        message: `已跳过 ${join(root, 'pipe.yaml')}：不是普通文件（命名管道）`,
      });
      // The report holds them; stderr repeats them only when every report goes to a file.
      expect(r.err).toBe('');
      const filed = jiaxiao(['validate', root, '--format', 'json', '--output', join(tmp, 'skipped.json')]);
      expect(filed.err.trim().split('\n')).toHaveLength(3);
      expect(jiaxiao(['validate', root, '--strict']).code).toBe(1);
      const s = jiaxiao(['score', root, '--lang', 'en']);
      expect(s.code).toBe(0);
      expect(s.err).toContain(`skipped ${join(root, 'link.yaml')}: symbolic links inside a folder are not followed`);
    },
  );
});

describe("a folder's listing", () => {
  it('names each file as path.join would, on POSIX and on Windows, whatever the root looks like', () => {
    const root = fc.constantFrom(
      '.',
      '..',
      './',
      'a',
      'a/',
      'a/./b',
      'a/../b',
      '/',
      '/srv//x/',
      'C:',
      'C:\\x\\',
      '\\\\h\\s\\',
    );
    const name = fc.stringMatching(/^[a-z0-9\u4e00-\u4e09._ -]{1,6}$/).filter((n) => n !== '.' && n !== '..');
    const rel = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(root, fc.array(rel, { maxLength: 4 }), (r, rels) => {
        for (const path of [posixPath, win32])
          expect(underRoot(r, rels, path)).toEqual(rels.map((x) => path.join(r, x)));
      }),
      { seed: 9, numRuns: 500 },
    );
  });

  it('tells the review beside each file it holds, and leaves a file given by name alone to the file system', () => {
    const d = join(tmp, 'listing');
    mkdirSync(d);
    for (const f of ['a.yaml', 'b.yaml']) cpSync('examples/schools/model-primary.yaml', join(d, f));
    writeFileSync(join(d, 'a.review.yaml'), 'reviewer: x\n');
    const [a, b] = [join(d, 'a.yaml'), join(d, 'b.yaml')];
    const inFolder = findEvidenceFiles([d]);
    expect([inFolder.reviewOf(a), inFolder.reviewOf(b)]).toEqual([join(d, 'a.review.yaml'), null]);
    expect(findEvidenceFiles([b]).reviewOf(b)).toBe(undefined);
    // Given by name and held by a folder given too, before or after it: the folder's listing tells.
    expect(findEvidenceFiles([b, d]).reviewOf(b)).toBe(null);
    expect(findEvidenceFiles([d, b]).reviewOf(b)).toBe(null);
    expect(findEvidenceFiles([a, d]).reviewOf(a)).toBe(join(d, 'a.review.yaml'));
  });
});

describe('messages quote at most a short excerpt of a file', () => {
  it('a long unknown key or value is cut at EXCERPT_CHARS characters', () => {
    const longKey = `k${'x'.repeat(300)}`;
    const longValue = '长'.repeat(300);
    const text = school
      .replace('school:\n', `school:\n  ${longKey}: 1\n`)
      .replace(/county: \S+/, `county: [${longValue}]`);
    const { problems } = parseEvidenceText(text, 'a.yaml');
    const shown = problems.map((p) => problemLine(p, 'zh'));
    expect(shown.length).toBeGreaterThan(0);
    for (const line of shown) {
      expect(line).not.toContain('x'.repeat(EXCERPT_CHARS + 1));
      expect(line).not.toContain('长'.repeat(EXCERPT_CHARS + 1));
    }
    expect(shown.join('\n')).toContain(`${longKey.slice(0, EXCERPT_CHARS)}…`);
  });

  it.runIf(posix)('a link named on the command line is followed, but its content is not echoed at length', () => {
    const secret = join(tmp, 'secret.txt');
    const long = 's3cr3t'.repeat(20);
    writeFileSync(secret, `school:\n  name: x\n  county: ${long}\nyear: 2023-2024\n${long}: 1\n`);
    const link = join(tmp, 'passwd.yaml');
    symlinkSync(secret, link);
    const r = jiaxiao(['validate', link, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('s3cr3t'.repeat(6)); // an excerpt of the unknown key…
    expect(r.out).not.toContain('s3cr3t'.repeat(7)); // …and no more
  });
});

describe('a file of line-level mistakes', () => {
  it('more of them than a report lists: those alone are reported, the mended text is not parsed', () => {
    const text = `${school}\n${lines(MAX_PROBLEMS_PER_FILE + 50, (i) => `k${i}：1`)}\n`;
    const { problems, source } = parseYaml(text);
    expect(source).toBeUndefined();
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 50);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['yaml.fullWidthColon']));
    // A few are reported as before, with the rest of the file checked too.
    const few = parseYaml(`${school}\n${lines(3, (i) => `k${i}：1`)}\n`);
    expect(few.source).toBeDefined();
  });
});

describe('a value that holds itself through YAML aliases', () => {
  const terms = 'terms: [{start: 2023-09-01, end: 2024-01-19}, {start: 2024-02-26, end: 2024-07-05}]';
  const school = 'school:\n  name: A\n  county: B\n  stage: primary\n  students: 10\n  classes: 1';
  it('is reported as the mistakes it holds, not a crash: a school holding itself, a blank section holding itself', () => {
    for (const text of [
      'school: &s\n  name: A\n  self: *s\nyear: 2023-2024\n',
      `${school}\nyear: 2023-2024\n${terms}\nsurveys: &a\n  children: null\n  students: *a\n`,
    ]) {
      const parsed = parseEvidenceText(text, 'cycle.yaml');
      expect(parsed.evidence).toBeUndefined();
      expect(parsed.problems.some((p) => p.severity === 'error' && p.line !== undefined)).toBe(true);
    }
  });
});

describe('every hostile file of scripts/adversarial.mjs across worker threads', () => {
  it("is answered as in one thread: a worker's bounded memory (cli/pool.ts) is far from their needs", async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { writeAdversarial } = await import('../scripts/adversarial.mjs');
    const dir = join(tmp, 'hostile-batch');
    mkdirSync(dir);
    const files = writeAdversarial(dir) as [string, string][];
    expect(files.length).toBeGreaterThan(8);
    for (const command of ['score', 'validate']) {
      const one = jiaxiao([command, dir, '--format', 'json'], { JIAXIAO_THREADS: '0' });
      const two = jiaxiao([command, dir, '--format', 'json'], { JIAXIAO_THREADS: '2' });
      expect(one.code, command).not.toBe(0);
      expect(two.code, command).toBe(one.code);
      expect(two.out, command).toBe(one.out);
      expect(two.err, command).toBe(one.err);
    }
  });
});
