// Proves that the pre-commit example (examples/ci/pre-commit-config.yaml, using the hook that
// .pre-commit-hooks.yaml declares) installs and runs on a machine with nothing but git, Node and npm: a
// temporary submissions repository holds the example, pointed at this repository's HEAD commit, and first a
// good evidence file (the hook must pass), then also a bad one (it must fail, naming file, line and column).
//
//   node scripts/precommit-check.mjs                 real pre-commit from PyPI if pip can install it (then
//                                                    also the emulated 4.0–4.6.0 install), else the emulation
//                                                    below (saying so)
//   node scripts/precommit-check.mjs --real          real pre-commit only (fails when PyPI is unreachable)
//   node scripts/precommit-check.mjs --emulate       the emulation only
//   JIAXIAO_PRECOMMIT_FLOWS="4.6.2 4.0 4.6.1"        the emulated pre-commit versions (default: 4.6.2 4.0)
//   JIAXIAO_PRECOMMIT_VERSION=4.6.2                  the pre-commit to install from PyPI (default: newest)
//
// The emulation runs, command for command, what pre-commit 4.x does for a `language: node` hook with Node
// and npm already installed (pre_commit/store.py clone, pre_commit/languages/node.py, nodeenv -n system):
//   - clone: git init --template= DIR; git remote add origin URL; git -c protocol.version=2 fetch origin REV
//     --depth=1; git checkout FETCH_HEAD
//   - environment DIR/node_env-system: nodeenv's bin/node shim for the system Node and lib/node_modules,
//     then NPM_CONFIG_PREFIX, npm_config_prefix, NODE_PATH, NODE_VIRTUAL_ENV set, NPM_CONFIG_USERCONFIG unset
//     and DIR/node_env-system/bin first on PATH
//   - install, in DIR:
//       4.6.2 and later: npm install --allow-git=root --install-links -g git+file://DIR
//       4.6.1:           npm install --allow-git=root -g git+file://DIR (not run by default: with npm 11 it
//                        cannot install any node hook that has a build or prepare script, pre-commit's own
//                        bug, pre-commit/pre-commit#3737, fixed in 4.6.2)
//       4.0.0 to 4.6.0:  npm install --include=dev --include=prod --ignore-prepublish --no-progress
//                        --no-save; npm pack (its stdout names the tarball); npm install -g DIR/TARBALL
//   - run: the hook's entry split on spaces, its args, then the tracked files that match `files` (the
//     config's, else the hook's) and not `exclude`, in the submissions repository, with that environment.
// Needs the npm registry (the hook's dependencies) but not PyPI. CI runs it from .ci/run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parse } from 'yaml';

const FLOWS = {
  '4.6.2': { label: 'pre-commit 4.6.2 and later', kind: 'git', args: ['--allow-git=root', '--install-links'] },
  '4.6.1': { label: 'pre-commit 4.6.1', kind: 'git', args: ['--allow-git=root'] },
  '4.0': { label: 'pre-commit 4.0.0 to 4.6.0', kind: 'pack' },
};
const HOOK_ID = 'jiaxiao-validate';
const GOOD = 'examples/schools/typical-primary.yaml';
const BAD = 'examples/schools/common-mistake.yaml';

const root = resolve(git(process.cwd(), ['rev-parse', '--show-toplevel']).stdout.trim());
const mode = process.argv.includes('--real') ? 'real' : process.argv.includes('--emulate') ? 'emulate' : 'auto';
const work = mkdtempSync(join(tmpdir(), 'jiaxiao-precommit-'));
let failures = 0;

function log(text) {
  console.log(`[pre-commit check] ${text}`);
}
function problem(text) {
  failures++;
  console.error(`[pre-commit check] FAILED: ${text}`);
}

/** Runs a command; output is captured (as pre-commit does) and shown when asked or when it fails. */
function sh(file, args, options = {}) {
  const r = spawnSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (r.error) return { status: 127, stdout: '', stderr: String(r.error), output: String(r.error) };
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}` };
}
/** git without the GIT_* variables of a hook that runs us (pre-commit's no_git_env). */
function git(cwd, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return sh('git', ['-c', 'core.useBuiltinFSMonitor=false', ...args], { cwd, env });
}
function must(what, r) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.output}`);
  return r;
}

const sha = must('git rev-parse HEAD', git(root, ['rev-parse', 'HEAD'])).stdout.trim();
if (git(root, ['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '') {
  log(`the work tree has uncommitted changes: what is checked is the commit ${sha}, as pre-commit would fetch it`);
}

// ---- the submissions repository: the example config pointed at this repository's HEAD ----

/** The example with `repo:` and `rev:` replaced, nothing else changed. */
function configFor(repo, rev) {
  const text = readFileSync(join(root, 'examples/ci/pre-commit-config.yaml'), 'utf8');
  let repos = 0;
  let revs = 0;
  const out = text
    .replace(/^(\s*- repo:\s*)\S.*$/m, (_, head) => {
      repos++;
      return `${head}${repo}`;
    })
    .replace(/^(\s*rev:\s*)\S.*$/m, (_, head) => {
      revs++;
      return `${head}${rev}`;
    });
  if (repos !== 1 || revs !== 1)
    throw new Error('examples/ci/pre-commit-config.yaml: expected one `- repo:` and one `rev:` line');
  return out;
}

const subs = join(work, 'submissions-repo');
mkdirSync(join(subs, 'submissions'), { recursive: true });
must('git init', git(work, ['init', '-q', subs]));
const config = configFor(root, sha);
writeFileSync(join(subs, '.pre-commit-config.yaml'), config);
log(`submissions repository ${subs}, hook repository ${root} at ${sha}`);

const CASES = [
  {
    name: 'a good evidence file',
    add: { 'submissions/2023-2024.yaml': GOOD },
    status: 0,
  },
  {
    name: 'a good and a bad evidence file',
    add: { 'submissions/bad.yaml': BAD },
    status: 1,
    // The bad file is named with a line:column and the field's Chinese label and key.
    expect: [/submissions\/bad\.yaml/, /\d+:\d+\s+错误\s+家庭教育经费实际支出（元）（facts\.spending）/],
  },
];

/** Adds a case's files to the submissions repository and commits them. */
function stage(c) {
  for (const [to, from] of Object.entries(c.add)) copyFileSync(join(root, from), join(subs, to));
  must('git add', git(subs, ['add', '-A']));
  must('git commit', git(subs, ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'commit', '-qm', c.name]));
}

function judge(label, c, r) {
  const ok = r.status === c.status && (c.expect ?? []).every((re) => re.test(r.output));
  if (ok) {
    log(`${label}, ${c.name}: exit ${r.status} as expected`);
    // What a committer would see: the hook's report naming the bad file's lines.
    if (c.status !== 0) console.log(r.output.replace(/^/gm, '    | ').trimEnd());
  } else
    problem(
      `${label}, ${c.name}: expected exit ${c.status}${c.expect ? ` and ${c.expect.join(', ')}` : ''}, got exit ${r.status}:\n${r.output}`,
    );
}

// ---- real pre-commit, from PyPI ----

function installPreCommit() {
  const venv = join(work, 'venv');
  const python = process.platform === 'win32' ? 'python' : 'python3';
  const made = sh(python, ['-m', 'venv', venv]);
  if (made.status !== 0) return { why: `python3 -m venv failed: ${made.output.trim().split('\n').pop()}` };
  const bin = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  const spec = process.env.JIAXIAO_PRECOMMIT_VERSION
    ? `pre-commit==${process.env.JIAXIAO_PRECOMMIT_VERSION}`
    : 'pre-commit';
  const pip = sh(join(bin, 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--retries',
    '1',
    '--timeout',
    '15',
    spec,
  ]);
  if (pip.status !== 0)
    return { why: `pip install ${spec} failed: ${pip.output.trim().split('\n').slice(-2).join(' ')}` };
  return { exe: join(bin, 'pre-commit') };
}

function real(exe) {
  const version = sh(exe, ['--version']).stdout.trim();
  log(`real ${version}`);
  const env = { ...process.env, PRE_COMMIT_HOME: join(work, 'pre-commit-home'), NO_COLOR: '1' };
  for (const [k] of Object.entries(env)) if (k.startsWith('GIT_')) delete env[k];
  for (const c of CASES) {
    stage(c);
    judge(version, c, sh(exe, ['run', '--all-files', '--color', 'never'], { cwd: subs, env }));
  }
}

// ---- the emulation ----

/** What nodeenv --prebuilt --clean-src ENV -n system leaves (the parts pre-commit uses) and pre-commit's env patch. */
function nodeEnv(envdir) {
  const bin = join(envdir, 'bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(envdir, 'lib', 'node_modules'), { recursive: true });
  const shim = `#!/usr/bin/env sh
export NODE_PATH='${envdir}/lib/node_modules'
export NPM_CONFIG_PREFIX='${envdir}'
export npm_config_prefix='${envdir}'
exec '${process.execPath}' "$@"
`;
  writeFileSync(join(bin, 'shim'), shim, { mode: 0o755 });
  writeFileSync(join(bin, 'node'), shim, { mode: 0o755 });
  symlinkSync('node', join(bin, 'nodejs'));
  const env = { ...process.env };
  delete env.NPM_CONFIG_USERCONFIG;
  delete env.npm_config_userconfig;
  for (const k of Object.keys(env)) if (k.startsWith('GIT_') || k.startsWith('npm_')) delete env[k];
  return {
    ...env,
    NODE_VIRTUAL_ENV: envdir,
    NPM_CONFIG_PREFIX: envdir,
    npm_config_prefix: envdir,
    NODE_PATH: join(envdir, 'lib', 'node_modules'),
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
  };
}

function emulate(flowName) {
  const flow = FLOWS[flowName];
  if (!flow) throw new Error(`unknown flow ${flowName}: one of ${Object.keys(FLOWS).join(', ')}`);
  const label = `emulated ${flow.label}`;
  const prefix = join(work, `store-${flowName}`, 'repo');
  mkdirSync(prefix, { recursive: true });
  must('git init', git(prefix, ['init', '--template=', prefix]));
  must('git remote add', git(prefix, ['remote', 'add', 'origin', root]));
  must('git fetch', git(prefix, ['-c', 'protocol.version=2', 'fetch', 'origin', sha, '--depth=1']));
  must('git checkout', git(prefix, ['checkout', 'FETCH_HEAD']));

  const manifest = parse(readFileSync(join(prefix, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = manifest.find((h) => h.id === HOOK_ID);
  const configured = parse(config).repos[0].hooks.find((h) => h.id === HOOK_ID);
  if (!hook || !configured) return problem(`${label}: no hook ${HOOK_ID} in .pre-commit-hooks.yaml or the example`);
  if (hook.language !== 'node')
    return problem(`${label}: the hook is language: ${hook.language}; this emulates node only`);

  const env = nodeEnv(join(prefix, 'node_env-system'));
  const npm = (args) => sh('npm', args, { cwd: prefix, env, shell: process.platform === 'win32' });
  const started = Date.now();
  if (flow.kind === 'git') {
    const r = npm(['install', ...flow.args, '-g', `git+file://${prefix}`]);
    if (r.status !== 0) return problem(`${label}: npm install failed (exit ${r.status}):\n${r.output}`);
  } else {
    const local = npm([
      'install',
      '--include=dev',
      '--include=prod',
      '--ignore-prepublish',
      '--no-progress',
      '--no-save',
    ]);
    if (local.status !== 0)
      return problem(`${label}: npm install in the clone failed (exit ${local.status}):\n${local.output}`);
    const pack = npm(['pack']);
    if (pack.status !== 0) return problem(`${label}: npm pack failed (exit ${pack.status}):\n${pack.output}`);
    const tarball = join(prefix, pack.stdout.trim());
    const r = npm(['install', '-g', tarball]);
    if (r.status !== 0) return problem(`${label}: npm install -g ${tarball} failed (exit ${r.status}):\n${r.output}`);
    rmSync(join(prefix, 'node_modules'), { recursive: true, force: true });
    rmSync(tarball, { force: true });
  }
  log(`${label}: installed in ${Math.round((Date.now() - started) / 1000)} s`);

  const files = new RegExp(configured.files ?? hook.files ?? '');
  const exclude = new RegExp(configured.exclude ?? hook.exclude ?? '^$');
  const entry = String(configured.entry ?? hook.entry)
    .split(/\s+/)
    .filter(Boolean);
  const args = configured.args ?? hook.args ?? [];
  // Each case adds files: the submissions repository is rebuilt for every flow.
  rmSync(join(subs, '.git'), { recursive: true, force: true });
  rmSync(join(subs, 'submissions'), { recursive: true, force: true });
  mkdirSync(join(subs, 'submissions'));
  must('git init', git(work, ['init', '-q', subs]));
  for (const c of CASES) {
    stage(c);
    const tracked = git(subs, ['ls-files'])
      .stdout.split('\n')
      .filter((f) => f && files.test(f) && !exclude.test(f));
    const r = sh(entry[0], [...entry.slice(1), ...args, ...tracked], {
      cwd: subs,
      env,
      shell: process.platform === 'win32',
    });
    judge(label, c, r);
  }
}

// ---- main ----

try {
  let exe;
  if (mode !== 'emulate') {
    const got = installPreCommit();
    if (got.exe) exe = got.exe;
    else if (mode === 'real') problem(`cannot install pre-commit from PyPI: ${got.why}`);
    else log(`PyPI unreachable (${got.why}): emulating pre-commit's node install instead of running it`);
  }
  if (exe) real(exe);
  if (mode !== 'real') {
    // With a real pre-commit (the newest), the emulation adds the older install that it no longer runs.
    const flows = (process.env.JIAXIAO_PRECOMMIT_FLOWS ?? (exe ? '4.0' : '4.6.2 4.0')).split(/[\s,]+/).filter(Boolean);
    for (const f of flows) emulate(f);
  }
} catch (e) {
  problem(e instanceof Error ? e.message : String(e));
} finally {
  if (failures === 0) rmSync(work, { recursive: true, force: true });
  else log(`left ${work} to look at`);
}
log(failures === 0 ? 'passed' : `${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
