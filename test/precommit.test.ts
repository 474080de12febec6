// Packaging and CI examples: the `prepare` script that lets npm install jiaxiao from git (what pre-commit's
// `language: node` does), and CI examples that pin a tag or a commit. The real install (npm registry needed)
// is scripts/precommit-check.mjs, run by .ci/run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bootstrapArgs, plan } from '../scripts/prepare.mjs';

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-prepare-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A package folder with the real scripts/prepare.mjs and a stand-in build that records that it ran. */
function fakePackage(): string {
  const root = temp();
  mkdirSync(join(root, 'scripts'));
  copyFileSync('scripts/prepare.mjs', join(root, 'scripts', 'prepare.mjs'));
  writeFileSync(
    join(root, 'scripts', 'build.mjs'),
    "import { appendFileSync } from 'node:fs';\nappendFileSync('log', 'build in ' + process.cwd() + '\\n');\n",
  );
  return root;
}

/** A stand-in for npm (run as npm_execpath) that records its arguments and installs a fake esbuild. */
function fakeNpm(dir: string, status = 0): string {
  const file = join(dir, 'fake-npm.cjs');
  writeFileSync(
    file,
    `const fs = require('node:fs');
fs.appendFileSync('log', 'npm ' + JSON.stringify(process.argv.slice(2)) + ' global=' + process.env.npm_config_global + '\\n');
fs.mkdirSync('node_modules/esbuild', { recursive: true });
fs.writeFileSync('node_modules/esbuild/package.json', '{}');
process.exit(${status});
`,
  );
  return file;
}

function prepare(root: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

describe('scripts/prepare.mjs (npm prepare)', () => {
  it('is the prepare script of package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
  });

  it('plans a build with esbuild, a bootstrap in a bare clone, a refusal in a checkout without dev deps', () => {
    const root = temp();
    expect(plan(root)).toBe('bootstrap');
    mkdirSync(join(root, 'node_modules', 'zod'), { recursive: true });
    expect(plan(root)).toBe('refuse');
    mkdirSync(join(root, 'node_modules', 'esbuild'));
    writeFileSync(join(root, 'node_modules', 'esbuild', 'package.json'), '{}');
    expect(plan(root)).toBe('build');
    expect(plan('.')).toBe('build');
  });

  it('installs with the lock file, dev deps included, locally and without scripts, whatever npm_config_* says', () => {
    const args = bootstrapArgs();
    expect(args[0]).toBe('ci');
    for (const flag of ['--global=false', '--include=dev', '--include=prod', '--ignore-scripts', '--dry-run=false']) {
      expect(args).toContain(flag);
    }
    expect(args.some((a: string) => a.startsWith('--omit'))).toBe(false);
  });

  it('in a bare clone under a global install, runs npm ci first (with the npm running it), then the build', () => {
    const root = fakePackage();
    const r = prepare(root, { npm_execpath: fakeNpm(root), npm_config_global: 'true' });
    expect(r.stderr).toContain('installing the build tools first');
    expect(r.status).toBe(0);
    const log = readFileSync(join(root, 'log'), 'utf8').trim().split('\n');
    expect(log).toEqual([`npm ${JSON.stringify(bootstrapArgs())} global=true`, `build in ${root}`]);
  });

  it('stops with npm’s exit status when the install fails, without building', () => {
    const root = fakePackage();
    const r = prepare(root, { npm_execpath: fakeNpm(root, 7) });
    expect(r.status).toBe(7);
    expect(readFileSync(join(root, 'log'), 'utf8')).not.toContain('build in');
  });

  it('just builds where esbuild is installed', () => {
    const root = fakePackage();
    mkdirSync(join(root, 'node_modules', 'esbuild'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'esbuild', 'package.json'), '{}');
    const r = prepare(root, { npm_execpath: fakeNpm(root) });
    expect(r.status).toBe(0);
    expect(readFileSync(join(root, 'log'), 'utf8')).toBe(`build in ${root}\n`);
  });

  it('refuses, saying what to run, in a checkout installed without its dev deps', () => {
    const root = fakePackage();
    mkdirSync(join(root, 'node_modules', 'zod'), { recursive: true });
    const r = prepare(root, { npm_execpath: fakeNpm(root) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('node_modules has no esbuild');
    expect(r.stderr).toContain('npm ci');
    expect(() => readFileSync(join(root, 'log'), 'utf8')).toThrow();
  });
});

describe('.npmrc', () => {
  it('keeps lifecycle scripts off npm pack’s stdout, which pre-commit 4.0–4.6.0 reads as the tarball’s name', () => {
    const lines = readFileSync('.npmrc', 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines).toEqual(['foreground-scripts=false']);
  });
});

const PINNED = /^(v\d+\.\d+\.\d+|[0-9a-f]{40})$/;

describe('CI examples pin a tag or a commit', () => {
  it('pre-commit: rev is a tag or a full SHA, and the hook it names is the one the repository declares', () => {
    const text = readFileSync('examples/ci/pre-commit-config.yaml', 'utf8');
    const config = parse(text);
    const [repo] = config.repos;
    expect(repo.rev).toMatch(PINNED);
    expect(text).toContain('pre-commit autoupdate');
    const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8'));
    const hook = hooks.find((h: { id: string }) => h.id === repo.hooks[0].id);
    expect(hook).toMatchObject({ language: 'node', entry: 'jiaxiao validate --strict' });
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(Object.keys(pkg.bin)).toContain(hook.entry.split(' ')[0]);
    expect(new RegExp(repo.hooks[0].files).test('submissions/2023-2024.yaml')).toBe(true);
    expect(new RegExp(hook.exclude).test('.pre-commit-config.yaml')).toBe(true);
  });

  it('GitHub Actions: fetches JIAXIAO_REF, a tag or a full SHA, and no moving branch', () => {
    const text = readFileSync('examples/ci/github-actions.yml', 'utf8');
    const steps = parse(text).jobs.validate.steps as { name?: string; env?: Record<string, string>; run?: string }[];
    const install = steps.find((s) => s.name === '安装 jiaxiao');
    expect(install?.env?.JIAXIAO_REF).toMatch(PINNED);
    expect(install?.run).toContain('fetch -q --depth 1 https://<jiaxiao 仓库地址> "$JIAXIAO_REF"');
    expect(install?.run).toContain('checkout -q FETCH_HEAD');
    expect(text).not.toMatch(/git clone/);
  });

  it('GitLab CI: fetches JIAXIAO_REF, a tag or a full SHA, and no moving branch', () => {
    const text = readFileSync('examples/ci/gitlab-ci.yml', 'utf8');
    const job = parse(text)['validate-evidence'];
    expect(job.variables.JIAXIAO_REF).toMatch(PINNED);
    expect(job.script.join('\n')).toContain('fetch -q --depth 1 https://<jiaxiao 仓库地址> "$JIAXIAO_REF"');
    expect(text).not.toMatch(/git clone/);
  });

  it('.ci/run runs the pre-commit check and counts its failure', () => {
    const run = readFileSync('.ci/run', 'utf8');
    expect(run).toMatch(/node scripts\/precommit-check\.mjs\n.*precommit=\$\?/);
    expect(run).toMatch(/if \[ "\$precommit" -ne 0 \]; then failed=\$\(\(failed \+ 1\)\); fi/);
  });
});
