// `jiaxiao validate` as CI uses it: folders, formats, outputs, exit codes.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportMarkdown } from '../src/render/report/markdown.js';
import { unsafeIn } from './safe-output.js';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function jiaxiao(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/jiaxiao.cjs'), ...args], {
    encoding: 'utf8',
    cwd,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A submissions folder: two counties, one bad file, upper-case extensions, a non-YAML file. */
function submissions(): string {
  const root = join(tmp, `subs-${readdirSync(tmp).length}`);
  mkdirSync(join(root, '利通区'), { recursive: true });
  mkdirSync(join(root, '盐池县', 'b'), { recursive: true });
  cpSync('examples/schools/model-primary.yaml', join(root, '利通区', 'a.yaml'));
  cpSync('examples/schools/kindergarten.yaml', join(root, '盐池县', 'b', 'K.YML'));
  cpSync('test/fixtures/bad/unit-in-number.yaml', join(root, '盐池县', 'bad.Yaml'));
  writeFileSync(join(root, '盐池县', 'readme.txt'), 'not evidence');
  return root;
}

describe('files and folders', () => {
  it('a mistyped path or an empty folder is in every report, not on stderr alone: CI must not look clean', () => {
    const empty = join(tmp, 'no-evidence-here');
    mkdirSync(empty, { recursive: true });
    const args = ['validate', 'examples/schools/model-primary.yaml', 'submisions/typo', empty];
    const json = jiaxiao([...args, '-f', 'json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.out);
    expect(report.summary).toMatchObject({ errors: 2, filesWithErrors: 2 });
    expect(
      report.files
        .slice(0, 2)
        .map((f: { file: string; problems: { code: string }[] }) => [f.file, f.problems[0]?.code]),
    ).toEqual([
      ['submisions/typo', 'cli.noPath'],
      [empty, 'cli.noYaml'],
    ]);
    // The report is on stdout: the same lines are not repeated on stderr.
    expect(json.err).toBe('');
    const github = jiaxiao([...args, '-f', 'github']);
    expect(github.out).toContain('::error file=submisions/typo,title=jiaxiao cli.noPath::');
    const junit = jiaxiao([...args, '-f', 'junit']);
    expect(junit.out).toMatch(/<testcase [^>]*name="submisions\/typo"[^>]*>\s*<failure/);
    // Every report in a file: stderr still says what went wrong.
    const quiet = jiaxiao([...args, '-f', 'json', '--output', join(tmp, 'typo-report.json')]);
    expect(quiet.code).toBe(2);
    expect(quiet.out).toBe('');
    expect(quiet.err).toContain('submisions/typo');
  });
  it('finds .yaml/.yml in any case, recursively, sorted; reports each bad file; exit 1', () => {
    const root = submissions();
    const r = jiaxiao(['validate', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { file: string }) => f.file.slice(root.length + 1))).toEqual([
      '利通区/a.yaml',
      '盐池县/b/K.YML',
      '盐池县/bad.Yaml',
    ]);
    expect(report.summary).toEqual({ files: 3, errors: 1, warnings: 0, filesWithErrors: 1 });
    expect(report.files[2].problems[0]).toMatchObject({
      severity: 'error',
      code: 'value.unit',
      line: 37,
      col: 13,
      path: 'facts.spending',
    });
  });

  it('exit 0 when clean', () => {
    expect(
      jiaxiao(['validate', 'examples/schools/model-primary.yaml', 'examples/schools/kindergarten.yaml']).code,
    ).toBe(0);
  });

  it('exit 2 when a path does not exist, after reporting the rest', () => {
    const r = jiaxiao(['validate', 'examples/schools/model-primary.yaml', 'nope/']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('找不到文件或文件夹：nope/');
    expect(r.out).toContain('检查了 2 个文件：1 个错误，0 个警告；1 个文件有错误。');
  });

  it('does not follow a symbolic link out of the folder', () => {
    const root = join(tmp, 'linked');
    mkdirSync(root);
    cpSync('examples/schools/model-primary.yaml', join(root, 'a.yaml'));
    symlinkSync(join(process.cwd(), 'test/fixtures/bad'), join(root, 'elsewhere'));
    const r = jiaxiao(['validate', root, '--format', 'json']);
    expect(JSON.parse(r.out).files).toHaveLength(1);
    expect(r.code).toBe(0);
  });
});

describe('formats', () => {
  const bad = 'test/fixtures/bad/unit-in-number.yaml';

  it('github: workflow commands on the file’s line', () => {
    const r = jiaxiao(['validate', bad, '--format', 'github']);
    expect(r.out.split('\n')[0]).toBe(
      '::error file=test/fixtures/bad/unit-in-number.yaml,line=37,col=13,title=jiaxiao value.unit::家庭教育经费实际支出（元）（facts.spending）：“30000元”带了单位。只写数字：30000',
    );
  });

  it('json: a message is display text, escaped; the path it names stays the data it is', () => {
    const dir = join(tmp, 'hostile-key');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'a.yaml');
    writeFileSync(file, `${readFileSync('examples/schools/model-primary.yaml', 'utf8')}"x\\n::error::KEY\\e[31m": 1\n`);
    const report = JSON.parse(jiaxiao(['validate', file, '--format', 'json']).out);
    const problem = report.files[0].problems.find((p: { code: string }) => p.code === 'key.unknown');
    expect(problem.path).toBe('x\n::error::KEY\u001b[31m');
    expect(problem.message).toContain('x\\n::error::KEY\\e[31m');
    // What `jq -r .message` prints into a CI log: one line, no control character.
    expect(problem.message).not.toContain('\n');
    expect(unsafeIn(problem.message)).toBeUndefined();
  });

  it('junit: well-formed XML with a failing test case per bad file', () => {
    const r = jiaxiao(['validate', bad, 'examples/schools/model-primary.yaml', '--format', 'junit']);
    expect(r.out).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="jiaxiao validate" tests="2" failures="1" errors="0">/,
    );
    expect(r.out).toContain('<testcase classname="jiaxiao.validate" name="test/fixtures/bad/unit-in-number.yaml"');
    expect(r.out).toContain(
      '<failure message="家庭教育经费实际支出（元）（facts.spending）：“30000元”带了单位。只写数字：30000" type="value.unit">',
    );
    expect(r.out.match(/<testcase /g)).toHaveLength(2);
    expect(r.out.match(/<failure /g)).toHaveLength(1);
  });

  it('markdown: a count line and a table', () => {
    const r = jiaxiao(['validate', bad, '--format', 'markdown']);
    expect(r.out).toContain('检查了 1 个文件：**1** 个错误，**0** 个警告；1 个文件有错误。');
    expect(r.out).toContain('| 文件 | 位置 | 级别 | 问题 |');
    expect(r.out).toContain('| test/fixtures/bad/unit-in-number.yaml | 37:13 | 错误 |');
    // A workbook's problem is at its cell; a file that could not be read has no position at all.
    const table = renderReportMarkdown(
      [
        { file: 'a.xlsx', problems: [{ severity: 'error', code: 'value.required', params: {}, cell: '台账!C9' }] },
        { file: 'b.yaml', problems: [{ severity: 'error', code: 'cli.isDirectory', params: { file: 'b.yaml' } }] },
      ],
      { lang: 'en' },
    );
    expect(table).toContain('| file | position | severity | problem |');
    expect(table).toContain('| a.xlsx | 台账!C9 | error |');
    expect(table).toContain('| b.yaml |  | error |');
  });

  it('several formats, each to its own output, written whole', () => {
    const junit = join(tmp, 'report.xml');
    const md = join(tmp, 'summary.md');
    const r = jiaxiao(['validate', bad, '-f', 'text', '-f', 'junit', '-o', junit, '-f', 'markdown', '-o', md]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('检查了 1 个文件');
    expect(readFileSync(junit, 'utf8')).toContain('<testsuites');
    expect(readFileSync(md, 'utf8')).toContain('## jiaxiao 证据文件检查');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp') || f.includes('jiaxiao-tmp'))).toEqual([]);
  });

  it('refuses two formats on the screen, and unknown formats, with exit 2', () => {
    expect(jiaxiao(['validate', bad, '-f', 'text', '-f', 'json']).code).toBe(2);
    expect(jiaxiao(['validate', bad, '-f', 'pdf']).code).toBe(2);
  });

  it('json: each problem with its label and message', () => {
    const r = jiaxiao(['validate', bad, '-f', 'json', '--lang', 'en']);
    expect(JSON.parse(r.out).files[0].problems[0]).toEqual({
      severity: 'error',
      code: 'value.unit',
      line: 37,
      col: 13,
      path: 'facts.spending',
      label: 'family-education spending (yuan)',
      message:
        'family-education spending (yuan) · 家庭教育经费实际支出（元） (facts.spending): "30000元" includes a unit; write the number only: 30000',
    });
  });
});

describe('columns', () => {
  it('count UTF-16 code units from 1, as VS Code does: an emoji before the mistake counts two', () => {
    const text = readFileSync('examples/schools/typical-primary.yaml', 'utf8').replace(
      '  - { type: committeeCase, date: 2023-11-15, title: 家委会协调解决放学接送拥堵问题 }',
      '  - { title: 😀家委会, type: committeeCase, date: 2023/11/15 }',
    );
    const file = join(tmp, 'emoji.yaml');
    writeFileSync(file, text);
    const r = jiaxiao(['validate', file, '--format', 'json']);
    const line = text.split('\n').findIndex((l) => l.includes('😀'));
    const col = (text.split('\n')[line] ?? '').indexOf('2023/11/15') + 1;
    expect(col).toBe([...'  - { title: 😀家委会, type: committeeCase, date: '].length + 2);
    expect(JSON.parse(r.out).files[0].problems[0]).toMatchObject({ code: 'value.dateForm', line: line + 1, col });
  });
});

describe('jiaxiao schema', () => {
  it('prints the committed schema, which ajv compiles', () => {
    const r = jiaxiao(['schema']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync('schema/evidence.schema.json', 'utf8'));
    const ajv = new Ajv2020.default({ strict: true });
    addFormats.default(ajv);
    expect(() => ajv.compile(JSON.parse(r.out))).not.toThrow();
  });
  it('--output writes the file', () => {
    const out = join(tmp, 'schema.json');
    expect(jiaxiao(['schema', '--output', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe('a large batch across worker threads', () => {
  it('a file of about 100 KB with a mistake is read the careful way in a worker, and reported', () => {
    const dir = join(tmp, 'heavy');
    mkdirSync(dir);
    const model = readFileSync('examples/schools/model-primary.yaml', 'utf8');
    const research = Array.from(
      { length: 700 },
      (_, i) =>
        `  - { type: research, date: 2023-10-${String((i % 28) + 1).padStart(2, '0')}, title: 专题研究第${i}次讨论记录很长很长的标题文字用于填充文件大小 }\n`,
    ).join('');
    writeFileSync(
      join(dir, 'big.yaml'),
      model.replace('projects:', `${research}projects:`).replace('  students: 1200 ', '  students: 1200元'),
    );
    for (let i = 0; i < 30; i++) cpSync('examples/schools/model-primary.yaml', join(dir, `s${i}.yaml`));
    const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'validate', dir], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', JIAXIAO_THREADS: '2' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('“1200元”带了单位');
  });

  it('reports the same, in the same order, as one thread', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { generate } = await import('../scripts/gen-schools.mjs');
    const dir = join(tmp, 'large');
    generate(dir, 240);
    cpSync('test/fixtures/bad/percent.yaml', join(dir, '利通区', 'school-00100.yaml'));
    const run = (threads: string) => {
      const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'validate', dir, '--format', 'json'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', JIAXIAO_THREADS: threads },
        maxBuffer: 1 << 26,
      });
      return { code: r.status, out: r.stdout };
    };
    const one = run('0');
    const two = run('2');
    expect(two.code).toBe(1);
    expect(two.out).toBe(one.out);
    const report = JSON.parse(two.out);
    expect(report.summary).toMatchObject({ files: 240, filesWithErrors: 1 });
    expect(report.files.findIndex((f: { valid: boolean }) => !f.valid)).toBe(
      report.files.findIndex((f: { file: string }) => f.file.endsWith('利通区/school-00100.yaml')),
    );
  });
});

describe('supporting files are regular files inside the school’s folder', () => {
  const school = join(tmp, 'attach');
  mkdirSync(join(school, 'docs'), { recursive: true });
  writeFileSync(join(school, 'docs', 'a.pdf'), 'x');
  writeFileSync(join(tmp, 'outside.pdf'), 'y');
  linkSync(join(tmp, 'outside.pdf'), join(school, 'hard.pdf'));
  const fifo = spawnSync('mkfifo', [join(school, 'pipe')]).status === 0;
  const model = readFileSync('examples/schools/model-primary.yaml', 'utf8');
  const refs = ['.', 'docs', 'docs/a.pdf/..', 'docs/a.pdf', 'hard.pdf', ...(fifo ? ['pipe'] : [])];
  writeFileSync(
    join(school, 'school.yaml'),
    `${model}attachments:\n${refs.map((r) => `  - { path: ${r} }\n`).join('')}`,
  );
  const first = model.split('\n').length + 1; // line of the first attachment

  it('folders are refused, hard links warned of, each at its position', () => {
    const r = jiaxiao(['validate', join(school, 'school.yaml')]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n').filter((l) => l.includes('佐证材料'));
    expect(lines).toEqual([
      `  ${first}:13  错误  佐证材料（attachments[0].path）：“.”是文件夹，不是文件。请写出具体的佐证文件，如 佐证/讲座签到表.pdf`,
      `  ${first + 1}:13  错误  佐证材料（attachments[1].path）：“docs”是文件夹，不是文件。请写出具体的佐证文件，如 佐证/讲座签到表.pdf`,
      `  ${first + 2}:13  错误  佐证材料（attachments[2].path）：“docs/a.pdf/..”是文件夹，不是文件。请写出具体的佐证文件，如 佐证/讲座签到表.pdf`,
      `  ${first + 4}:13  警告  佐证材料（attachments[4].path）：“hard.pdf”是硬链接（同一文件共有 2 个名字），其他名字可能在学校文件夹之外。请放入文件的副本，而不是硬链接`,
      ...(fifo
        ? [
            `  ${first + 5}:13  错误  佐证材料（attachments[5].path）：“pipe”不是普通文件（命名管道）。佐证材料须是学校文件夹内的普通文件`,
          ]
        : []),
    ]);
  });

  it('in English, and a hard link is an error with --strict', () => {
    const r = jiaxiao(['validate', '--strict', '--lang', 'en', join(school, 'school.yaml')]);
    expect(r.out).toContain(
      `${first + 4}:13  error  supporting file · 佐证材料 (attachments[4].path): "hard.pdf" is a hard link (the file has 2 names)`,
    );
    expect(r.out).toContain('"docs" is a folder, not a file');
    if (fifo) expect(r.out).toContain('"pipe" is not a regular file (a FIFO)');
  });
});

describe('a report file that cannot be written', () => {
  it('still lets the others be written and the screen report be printed; exit 2 after all', () => {
    const json = join(tmp, 'after-unwritable.json');
    const r = jiaxiao([
      'validate',
      'test/fixtures/bad/unit-in-number.yaml',
      '-f',
      'junit',
      '-o',
      '/proc/jiaxiao-nope/r.xml',
      '-f',
      'text',
      '-f',
      'json',
      '-o',
      json,
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('检查了 1 个文件');
    expect(JSON.parse(readFileSync(json, 'utf8')).summary.files).toBe(1);
    expect(r.err).toContain('无法写入 /proc/jiaxiao-nope/r.xml');
  });
});
