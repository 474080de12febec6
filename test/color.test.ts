// Whether and how much colour the CLI paints: NO_COLOR and --no-color win, FORCE_COLOR forces a level,
// otherwise a terminal gets what chalk detects for it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { colorLevel, paintFor } from '../src/cli/env.js';

const ESC = String.fromCharCode(27);

describe('colorLevel', () => {
  it.each([
    // isTTY, env, --color flag, chalk's detected level → level
    ['a terminal gets chalk’s level', true, {}, undefined, 2, 2],
    ['a terminal where chalk sees no colour', true, {}, undefined, 0, 0],
    ['a pipe gets none', false, {}, undefined, 3, 0],
    ['TERM=dumb gets none', true, { TERM: 'dumb' }, undefined, 1, 0],
    ['NO_COLOR with any value, even empty', true, { NO_COLOR: '' }, undefined, 3, 0],
    ['NO_COLOR beats FORCE_COLOR', false, { NO_COLOR: '1', FORCE_COLOR: '3' }, undefined, 0, 0],
    ['--no-color beats FORCE_COLOR', true, { FORCE_COLOR: '1' }, false, 3, 0],
    ['FORCE_COLOR=1 on a pipe', false, { FORCE_COLOR: '1' }, undefined, 0, 1],
    ['FORCE_COLOR=2', false, { FORCE_COLOR: '2' }, undefined, 0, 2],
    ['FORCE_COLOR above 3 is 3', false, { FORCE_COLOR: '9' }, undefined, 0, 3],
    ['FORCE_COLOR= (empty) is 1', false, { FORCE_COLOR: '' }, undefined, 0, 1],
    ['FORCE_COLOR=true is 1', false, { FORCE_COLOR: 'true' }, undefined, 0, 1],
    ['FORCE_COLOR=0 turns a terminal off', true, { FORCE_COLOR: '0' }, undefined, 3, 0],
    ['FORCE_COLOR=false turns a terminal off', true, { FORCE_COLOR: 'false' }, undefined, 3, 0],
    ['FORCE_COLOR beats TERM=dumb', false, { FORCE_COLOR: '1', TERM: 'dumb' }, undefined, 0, 1],
    ['an unreadable FORCE_COLOR is ignored', true, { FORCE_COLOR: 'yes' }, undefined, 2, 2],
    ['a negative FORCE_COLOR is ignored', false, { FORCE_COLOR: '-1' }, undefined, 3, 0],
  ])('%s', (_, isTTY, env, flag, detected, level) => {
    expect(colorLevel(isTTY, env, flag, detected)).toBe(level);
  });
});

describe('paintFor', () => {
  it('paints with ANSI codes when forced, and leaves text alone otherwise', () => {
    const on = paintFor(false, { FORCE_COLOR: '1' }, undefined);
    expect(on.red('x')).toBe(`${ESC}[31mx${ESC}[39m`);
    expect(on.bold('x')).toBe(`${ESC}[1mx${ESC}[22m`);
    const off = paintFor(false, {}, undefined);
    for (const f of Object.values(off)) expect(f('x')).toBe('x');
  });
});

describe('the CLI', () => {
  const score = (env: Record<string, string>, extra: string[] = []) =>
    spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'score', 'examples/schools/typical-primary.yaml', ...extra], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
  it('colours with FORCE_COLOR, even for TERM=dumb; not with --no-color or FORCE_COLOR=0', () => {
    const plain = score({});
    expect(plain.stdout).not.toContain(ESC);
    const forced = score({ FORCE_COLOR: '1', TERM: 'dumb' });
    expect(forced.status).toBe(plain.status);
    expect(forced.stdout).toContain(`${ESC}[31m`);
    expect(forced.stdout.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(plain.stdout);
    expect(score({ FORCE_COLOR: '1' }, ['--no-color']).stdout).toBe(plain.stdout);
    expect(score({ FORCE_COLOR: '0' }).stdout).toBe(plain.stdout);
  });
});
