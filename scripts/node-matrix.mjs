// Runs the examples under every Node that package.json's `engines` promises and compares each output, byte
// for byte, with the same command under the Node running this script (the build's). Exits 1 on any
// difference or crash. Each Node comes from the npm registry (`npx -y node@X`, cached after the first time).
//   node scripts/node-matrix.mjs                     the versions below
//   JIAXIAO_NODE_VERSIONS="20.0.0 22" node scripts/node-matrix.mjs
// Needs a built bundle (npm run build). CI runs it from .ci/run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate } from './gen-schools.mjs';

/**
 * The lowest Node supported (engines.node; commander 14 needs 20), the newest 20.x, 22 and 24, pinned so
 * that a CI run does not change when a new Node is released. Raise them on purpose.
 */
const VERSIONS = ['20.0.0', '20.20.2', '22.23.3', '24.21.0'];

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lowest = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
const versions = (process.env.JIAXIAO_NODE_VERSIONS ?? VERSIONS.join(' ')).split(/[\s,]+/).filter(Boolean);
if (!process.env.JIAXIAO_NODE_VERSIONS && lowest !== VERSIONS[0]) {
  console.error(`node matrix: engines.node is "${pkg.engines.node}" but the matrix starts at ${VERSIONS[0]}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'jiaxiao-matrix-'));
const batch = join(work, 'schools');
const out = join(work, 'out');
// 240 schools: enough for the batch to run in worker threads (200 or more).
generate(batch, 240);

const COMMANDS = [
  { name: 'score file', args: ['score', 'examples/schools/typical-primary.yaml'] },
  { name: 'score colour', args: ['score', 'examples/schools/typical-primary.yaml'], env: { FORCE_COLOR: '1' } },
  { name: 'score 240 (workers)', args: ['score', batch, '--out', out], outDir: out },
  { name: 'validate county', args: ['validate', 'examples/county'] },
  { name: 'validate 240 json', args: ['validate', batch, '--format', 'json'] },
];

/** Everything a run leaves: status, signal, stdout, stderr and the files it wrote. */
function run(node, command) {
  if (command.outDir) rmSync(command.outDir, { recursive: true, force: true });
  const r = spawnSync(node, ['bin/jiaxiao.cjs', ...command.args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...command.env },
    maxBuffer: 1 << 28,
  });
  const files = command.outDir ? tree(command.outDir) : '';
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, files, error: r.error };
}

function tree(dir) {
  const parts = [];
  if (!existsSync(dir)) return '(no folder)';
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else parts.push(`${relative(dir, p)}\n${readFileSync(p, 'latin1')}`);
    }
  };
  walk(dir);
  return parts.join('\n\0');
}

/** What went wrong, in a few words, or '' when the run matches the reference. */
function verdict(ref, got) {
  if (got.error) return `did not run: ${got.error.message}`;
  if (got.signal) return `crashed (${got.signal})`;
  if (got.status !== ref.status) {
    const said = got.stderr.toString().trim().split('\n')[0]?.slice(0, 100);
    return `exit ${got.status}, expected ${ref.status}${said ? ` (${said})` : ''}`;
  }
  if (!got.stdout.equals(ref.stdout)) return `stdout differs${firstDifference(ref.stdout, got.stdout)}`;
  if (!got.stderr.equals(ref.stderr)) return `stderr differs${firstDifference(ref.stderr, got.stderr)}`;
  if (got.files !== ref.files) return '--out files differ';
  return '';
}

/** Where two outputs first part, shortly: ` at line N: "expected" ≠ "got"`. */
function firstDifference(a, b) {
  const x = a.toString().split('\n');
  const y = b.toString().split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const n = i === -1 ? x.length : i;
  const show = (t) => JSON.stringify((t ?? '(end)').slice(0, 60));
  return ` at line ${n + 1}: ${show(x[n])} ≠ ${show(y[n])}`;
}

/** The path of Node `version`'s binary, installed by npx (no prompt: -y). */
function install(version) {
  const r = spawnSync('npx', ['-y', `node@${version}`, '-p', 'process.execPath + " " + process.version'], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const [path, actual] = (r.stdout ?? '').trim().split(' ');
  if (r.status === 0 && path) return { path, actual };
  const why = (r.stderr ?? '').split('\n').find((l) => /error/i.test(l) && !/complete log/.test(l));
  return { problem: `could not install node@${version} (${why?.trim() ?? `exit ${r.status}`})` };
}

const started = performance.now();
// Code caches are per Node and made on a first run: start without any, so both paths are exercised.
for (const name of readdirSync('dist')) if (/^cli-[0-9a-f]+\.cache$/.test(name)) rmSync(join('dist', name));

const reference = COMMANDS.map((c) => run(process.execPath, c));
for (const [i, r] of reference.entries()) {
  if (r.signal || r.status === null || r.status > 2) {
    console.error(`node matrix: "${COMMANDS[i].name}" fails under the build's Node ${process.version} itself`);
    process.exit(1);
  }
}

const rows = [];
const failures = [];
for (const version of versions) {
  const t = performance.now();
  const node = install(version);
  if (node.problem) failures.push(`node ${version}: ${node.problem}`);
  const cells = COMMANDS.map((c, i) => {
    if (node.problem) return 'not run';
    const why = verdict(reference[i], run(node.path, c));
    if (why) failures.push(`node ${node.actual}, ${c.name}: ${why}`);
    return why ? 'FAIL' : 'ok';
  });
  rows.push([node.actual ?? version, ...cells, `${((performance.now() - t) / 1000).toFixed(1)} s`]);
}
rmSync(work, { recursive: true, force: true });

const header = ['node', ...COMMANDS.map((c) => c.name), 'time'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => c.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(`\nNode matrix: outputs compared with node ${process.version} (the build's)`);
console.log(line(header));
for (const r of rows) console.log(line(r));
for (const f of failures) console.log(`FAIL ${f}`);
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  failures.length === 0
    ? `node matrix: all ${versions.length} Node versions give the same output (${total} s)`
    : `node matrix: FAILED, ${failures.length} difference(s) or crash(es) (${total} s)`,
);
process.exit(failures.length === 0 ? 0 : 1);
