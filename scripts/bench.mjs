// Benchmarks, printed for the closing notes of issues; never a timed unit test. Each comparison runs its
// commands alternately, several times, and reports medians.
//   npm run bench                       everything
//   npm run bench -- startup            `node -e 0` beside `jiaxiao score FILE`
//   npm run bench -- validate [N]       `jiaxiao validate` beside ajv-cli on N generated files (10000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate } from './gen-schools.mjs';

const [only, nArg] = process.argv.slice(2);
const want = (name) => !only || only === name;

function time(args, { quiet = true } = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'ignore'],
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  return { ms, status: r.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function compare(title, a, b, runs, goal) {
  const ta = [];
  const tb = [];
  time(a.args);
  time(b.args);
  for (let i = 0; i < runs; i++) {
    ta.push(time(a.args).ms);
    tb.push(time(b.args).ms);
  }
  const ma = median(ta);
  const mb = median(tb);
  const width = Math.max(a.name.length, b.name.length);
  console.log(`\n${title} (median of ${runs} alternate runs)`);
  console.log(`  ${a.name.padEnd(width)}  ${fmt(ma)}`);
  console.log(`  ${b.name.padEnd(width)}  ${fmt(mb)}`);
  console.log(`  ${'ratio'.padEnd(width)}  ${(mb / ma).toFixed(2)}× ${goal}`);
}

if (want('startup')) {
  const file = 'examples/schools/typical-primary.yaml';
  compare(
    'start-up',
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: `jiaxiao score ${file}`, args: ['bin/jiaxiao.cjs', 'score', file] },
    30,
    '(goal ≤ 1.6×)',
  );
}

if (want('validate')) {
  const n = Number(nArg ?? 10000);
  const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-bench-'));
  try {
    // Dates quoted: ajv-cli's js-yaml 3 reads bare dates as Date objects and would stop at the first one.
    generate(dir, n, { quoted: true });
    const check = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'validate', dir, '--format', 'json'], {
      maxBuffer: 1 << 30,
    });
    const summary = JSON.parse(check.stdout.toString()).summary;
    console.log(
      `\nvalidate: ${n} generated schools (about 3 KB each) in ${dir}: ${summary.errors} errors, ${summary.warnings} warnings`,
    );
    compare(
      `validate ${n} files`,
      {
        name: 'ajv-cli (exported JSON Schema)',
        args: [
          'node_modules/ajv-cli/dist/index.js',
          'validate',
          '--spec=draft2020',
          '-c',
          'ajv-formats',
          '-s',
          'schema/evidence.schema.json',
          '-d',
          `${dir}/**/*.yaml`,
        ],
      },
      { name: 'jiaxiao validate', args: ['bin/jiaxiao.cjs', 'validate', dir] },
      5,
      '(goal ≤ 1.00×: jiaxiao no slower than ajv-cli)',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
