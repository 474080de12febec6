// Every kind of bad input real submissions contain (../shared/domain.md), as a fixture file with the exact
// report `jiaxiao validate` gives and its exit code. Regenerate after a deliberate change of wording with
// UPDATE_GOLDEN=1 npx vitest run test/bad-input.test.ts, and read the diff.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DIR = 'test/fixtures/bad';
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

function validate(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'validate', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(fixtures)('%s', (name) => {
  it('gives its expected report and exit code', () => {
    const r = validate([join(DIR, name)]);
    const actual = `exit ${r.code}\n${r.out}${r.err}`;
    const expectedFile = join(DIR, name.replace(/\.yaml$/, '.expected'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

describe('the fixtures cover the bad input of domain.md', () => {
  it('has one fixture per kind', () => {
    const kinds = [
      'full-width-colon',
      'full-width-space-indent',
      'nbsp-after-colon',
      'full-width-digits',
      'unit-in-number',
      'percent',
      'gbk-encoded',
      'bom-crlf',
      'tab-indent',
      'duplicate-key',
      'misspelled-key',
      'date-outside-year',
      'satisfied-over-respondents',
      'committee-over-classes',
      'zero-students',
      'negative-number',
      'empty',
      'binary',
      'alias-bomb',
      'attachment-escapes',
      'not-evidence',
      'yes-no-in-chinese',
    ];
    for (const k of kinds) expect(fixtures).toContain(`${k}.yaml`);
  });
});

describe('generated bad input', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-bad-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a huge file is refused without reading it as YAML', () => {
    const file = join(tmp, 'huge.yaml');
    writeFileSync(file, `school:\n  name: ${'很'.repeat(1_200_000)}\n`);
    const r = validate([file]);
    // Not read at all, like a file that cannot be opened: exit 2, as for score.
    expect(r.code).toBe(2);
    expect(r.out).toContain('文件过大');
  });

  it('a supporting file behind a symbolic link that leaves the folder is refused', () => {
    const school = join(tmp, 'school');
    mkdirSync(join(school, '佐证'), { recursive: true });
    writeFileSync(join(tmp, 'outside.pdf'), 'x');
    writeFileSync(join(school, '佐证', '签到表.pdf'), 'x');
    symlinkSync(join(tmp, 'outside.pdf'), join(school, '佐证', '链接.pdf'));
    const model = readFileSync('examples/schools/model-primary.yaml', 'utf8');
    writeFileSync(
      join(school, 'school.yaml'),
      `${model}\nattachments:\n  - { path: 佐证/签到表.pdf }\n  - { path: 佐证/链接.pdf }\n  - { path: 佐证\\签到表.pdf }\n`,
    );
    const r = validate([join(school, 'school.yaml')]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n').filter((l) => l.includes('佐证材料'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('“佐证/链接.pdf”是指向学校文件夹之外的符号链接');
  });

  it('--strict makes a missing fact an error', () => {
    const file = join(DIR, 'missing-facts.yaml');
    expect(validate([file]).code).toBe(0);
    const strict = validate(['--strict', file]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('错误  家庭教育指导师人数（facts.instructors）：未填写。B3.1a 需要此项');
  });

  it('English messages with --lang en', () => {
    const r = validate(['--lang', 'en', join(DIR, 'unit-in-number.yaml')]);
    expect(r.out).toContain(
      'error  family-education spending (yuan) · 家庭教育经费实际支出（元） (facts.spending): "30000元" includes a unit; write the number only: 30000',
    );
  });
});
