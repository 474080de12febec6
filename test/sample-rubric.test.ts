// A further rubric of the family (a sample, not an official document) scored end to end through the CLI,
// with every command and output format.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const RUBRIC = 'test/fixtures/sample-rubric/rubric.yaml';
const SCHOOLS = 'test/fixtures/sample-rubric/schools';

function jiaxiao(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sheet = (file: string) =>
  JSON.parse(jiaxiao(['score', `${SCHOOLS}/${file}`, '--rubric', RUBRIC, '--format', 'json']).out);

describe('the sample rubric', () => {
  it('passes `jiaxiao rubric check` and says what it declares', () => {
    const r = jiaxiao(['rubric', 'check', RUBRIC]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('8 项核查；加分 2 项，扣分 2 项，一票否决 2 项，等级 合格、先进、示范、卓越');
  });

  it.each([
    ['a-primary.yaml', { base: 96, total: 99, normalized: 99 }, 5, 2, '卓越', []],
    ['b-kindergarten.yaml', { base: 53, total: 51, normalized: 51 }, 0, 2, null, []],
    ['c-primary.yaml', { base: 86, total: 89, normalized: 89 }, 3, 0, '先进', ['V2']],
    ['d-primary.yaml', { base: 96, total: 99, normalized: 99 }, 5, 2, null, ['V1']],
  ])('%s', (file, totals, bonus, deductions, level, deniedBy) => {
    const s = sheet(file);
    expect({ base: s.base, total: s.total, normalized: s.normalized }).toEqual(totals);
    expect(s.bonus.total).toBe(bonus);
    expect(s.deductions.total).toBe(deductions);
    expect(s.level).toEqual({ name: level, basis: 'normalized', deniedBy });
  });

  it('the kindergarten is held to its own parameters', () => {
    const s = sheet('b-kindergarten.yaml');
    const b31 = s.indicators[2].items[0];
    expect(b31).toMatchObject({ id: 'B3.1', score: 0 });
    expect(b31.checks[0].reason).toBe('亲子实践活动：第一学期 1 次、第二学期 1 次，要求每学期 ≥ 2 次');
    expect(s.indicators[0].items[1].score).toBe(5); // one instructor is enough for a kindergarten
  });

  it('the table shows bonus, deductions, vetoes and the level', () => {
    const r = jiaxiao(['score', `${SCHOOLS}/c-primary.yaml`, '--rubric', RUBRIC]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('加分（上限 5 分）：+3');
    expect(r.out).toContain('✗ V2 家长满意度低于80%（触发，否决示范、卓越）：家长满意度 75%');
    expect(r.out).toContain('等级：先进（按折算分；被一票否决：V2）');
    expect(r.out).toContain('基础得分 86.00，加分 +3，扣分 −0，合计 89.00');
  });

  it('a batch ranks the schools and shows each level', () => {
    const r = jiaxiao(['score', SCHOOLS, '--rubric', RUBRIC, '--format', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(
      s.ranking.map((x: { name: string; rank: number; level: string | null }) => [x.rank, x.name, x.level]),
    ).toEqual([
      [1, '样例第一小学', '卓越'],
      [1, '样例第四小学', null],
      [3, '样例第三小学', '先进'],
      [4, '样例幼儿园', null],
    ]);
    expect(jiaxiao(['score', SCHOOLS, '--rubric', RUBRIC]).out).toContain('│ 等级');
  });

  it('validates against it, in every report format', () => {
    for (const format of ['text', 'json', 'github', 'junit', 'markdown']) {
      const r = jiaxiao(['validate', SCHOOLS, '--rubric', RUBRIC, '--format', format]);
      expect(r.code, format).toBe(0);
      expect(r.out.length, format).toBeGreaterThan(0);
    }
    // Completeness follows the rubric: the sample needs no committee cases, Wuzhong does.
    expect(jiaxiao(['validate', `${SCHOOLS}/a-primary.yaml`, '--rubric', RUBRIC, '--strict']).code).toBe(0);
    expect(jiaxiao(['validate', `${SCHOOLS}/a-primary.yaml`, '--strict']).code).toBe(1);
  });

  it('rubric check: exit 1 for a broken rubric, 2 for a missing file', () => {
    expect(jiaxiao(['rubric', 'check', 'test/fixtures/broken-rubric.yaml']).code).toBe(1);
    expect(jiaxiao(['rubric', 'check', 'nope.yaml']).code).toBe(2);
    const gh = jiaxiao(['rubric', 'check', 'test/fixtures/broken-rubric.yaml', '--format', 'github']);
    expect(gh.out).toMatch(/^::error file=test\/fixtures\/broken-rubric.yaml,line=12,col=36,/);
  });
});

describe('completeness follows every device of the rubric', () => {
  it('facts read by vetoes, deductions (also per unit) and an at-least check are asked for', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-complete-'));
    const text = readFileSync(`${SCHOOLS}/a-primary.yaml`, 'utf8')
      .replace('  safetyIncidents: 0\n', '')
      .replace('  infoPlatform: true\n', '')
      .replace('  textbook: true\n', '')
      .replace('outcomes:\n  complaints: { current: 2, previous: 3 }\n', '');
    writeFileSync(join(dir, 'a.yaml'), text);
    const r = jiaxiao(['validate', join(dir, 'a.yaml'), '--rubric', RUBRIC, '--format', 'json']);
    const warned = JSON.parse(r.out).files[0].problems.map((p: { path: string }) => p.path);
    expect(warned).toEqual(
      expect.arrayContaining(['facts.safetyIncidents', 'facts.infoPlatform', 'outcomes.complaints.current']),
    );
    // Two of the three facts of B1.1a's at-least-2 remain: it can still pass, so no warning for textbook.
    expect(warned).not.toContain('facts.textbook');
  });
});
