// One exit-code table for every command: the README's table is the code's, and the golden scenarios show each
// command ending with each code it documents.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/exit.js';

const readme = readFileSync('README.md', 'utf8');
const scenarios = readdirSync('test/scenarios')
  .filter((f) => f.endsWith('.scenario'))
  .map((f) => {
    const text = readFileSync(`test/scenarios/${f}`, 'utf8');
    const command = /====command====\njiaxiao (rubric check|\S+)/.exec(text)?.[1] ?? '';
    const status = Number(/====status====\n(\d+)/.exec(text)?.[1]);
    return { f, command, status };
  });

describe('exit codes', () => {
  it("the README's table lists exactly the codes of src/cli/exit.ts", () => {
    const table = readme.slice(readme.indexOf('**退出码**（所有命令同一张表'));
    const rows = [...table.matchAll(/^\| `(\d)` \|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Object.values(EXIT));
  });
  it.each([
    ['score', [EXIT.ok, EXIT.findings, EXIT.failed]],
    ['validate', [EXIT.ok, EXIT.findings, EXIT.failed]],
    ['rubric check', [EXIT.ok, EXIT.findings, EXIT.failed]],
  ])('%s ends with each code it documents in some scenario', (command, codes) => {
    const seen = new Set(scenarios.filter((s) => s.command === command).map((s) => s.status));
    for (const code of codes) expect(seen, `${command} exit ${code}`).toContain(code);
  });
  it('no scenario ends with a code outside the table', () => {
    for (const s of scenarios) expect(Object.values(EXIT), s.f).toContain(s.status);
  });
});
