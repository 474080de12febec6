// Golden CLI scenarios, in the manner of Spectral's test-harness: each test/scenarios/*.scenario file holds
// a command, any input files it needs, and the exact status, stdout and stderr a user sees. The bundle is run
// as a user runs it. Refresh the expectations after an intended change with `npm run scenarios:update`, then
// read the diff before committing it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = 'test/scenarios';
const UPDATE = process.env.JIAXIAO_UPDATE_SCENARIOS === '1';

interface Scenario {
  test: string;
  command: string;
  env: Record<string, string>;
  assets: Record<string, string>;
  status?: string;
  stdout?: string;
  stderr?: string;
}

/** `====name====` starts a section; its text runs to the next section. */
function parse(text: string): Scenario {
  const sections = new Map<string, string>();
  const parts = text.split(/^====([^=\n]+)====\n/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i] ?? '', parts[i + 1] ?? '');
  const env = Object.fromEntries(
    (sections.get('env') ?? '')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const assets = Object.fromEntries(
    [...sections].filter(([k]) => k.startsWith('asset:')).map(([k, v]) => [k.slice('asset:'.length), v]),
  );
  const status = sections.get('status');
  const stdout = sections.get('stdout');
  const stderr = sections.get('stderr');
  return {
    test: (sections.get('test') ?? '').trim(),
    command: (sections.get('command') ?? '').trim(),
    env,
    assets,
    ...(status !== undefined ? { status: status.trim() } : {}),
    ...(stdout !== undefined ? { stdout } : {}),
    ...(stderr !== undefined ? { stderr } : {}),
  };
}

function format(s: Scenario, got: { status: string; stdout: string; stderr: string }): string {
  const env = Object.entries(s.env).map(([k, v]) => `${k}=${v}\n`);
  return [
    `====test====\n${s.test}\n`,
    ...Object.entries(s.assets).map(([name, body]) => `====asset:${name}====\n${body}`),
    `====command====\n${s.command}\n`,
    ...(env.length > 0 ? [`====env====\n${env.join('')}`] : []),
    `====status====\n${got.status}\n`,
    `====stdout====\n${got.stdout}`,
    `====stderr====\n${got.stderr}`,
  ].join('');
}

/** Runs `jiaxiao …` (the built bundle) from the repository, inputs under {assets}; paths shown as {assets}. */
function run(s: Scenario) {
  const assets = mkdtempSync(join(tmpdir(), 'jiaxiao-scenario-'));
  try {
    for (const [name, body] of Object.entries(s.assets)) {
      mkdirSync(dirname(join(assets, name)), { recursive: true });
      writeFileSync(join(assets, name), body);
    }
    const args = s.command
      .replace(/^jiaxiao\s+/, '')
      .split(/\s+/)
      .map((a) => a.replaceAll('{assets}', assets));
    const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...s.env },
    });
    const shown = (t: string) => t.replaceAll(assets, '{assets}');
    return { status: String(r.status), stdout: shown(r.stdout), stderr: shown(r.stderr) };
  } finally {
    rmSync(assets, { recursive: true, force: true });
  }
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.scenario'))
  .sort();

describe('CLI scenarios (test/scenarios/*.scenario)', () => {
  it('there are scenarios to run', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    const path = join(DIR, file);
    const scenario = parse(readFileSync(path, 'utf8'));
    it(`${file}: ${scenario.test}`, () => {
      const got = run(scenario);
      if (UPDATE) {
        writeFileSync(path, format(scenario, got));
        return;
      }
      expect(scenario.status, `${file} has no expectations: run npm run scenarios:update`).toBeDefined();
      expect({ status: got.status, stdout: got.stdout, stderr: got.stderr }).toEqual({
        status: scenario.status,
        stdout: scenario.stdout,
        stderr: scenario.stderr,
      });
    });
  }
});
