// Benchmarks, printed for the closing notes of issues; never a timed unit test. Each comparison runs its
// commands alternately, several times, and reports medians.
//   npm run bench                       everything
//   npm run bench -- startup            `node -e 0` beside `jiaxiao score FILE`
//   npm run bench -- validate [N]       `jiaxiao validate` beside ajv-cli on N generated files (10000), and
//                                       on one worker thread beside all the machine's cores; wall time and
//                                       the CPU time of all threads
//   npm run bench -- batch              `jiaxiao score DIR` beside reading and parsing the same files in one
//                                       thread, with yaml.parse and with js-yaml; peak RSS at 1,000 and
//                                       10,000 files
//   npm run bench -- reader             reading generated schools in one thread: js-yaml beside the simple
//                                       reading (src/io/simple-yaml.ts), alternately in the same process
//   npm run bench -- adversarial        `score` and `validate` on each hostile shape of scripts/adversarial.mjs
//                                       (goal: each well under a second), and the slowest
//   npm run bench -- workbook           reading an evidence workbook with a 2,000-row 台账 (goal: well under
//                                       a second), in process and as `jiaxiao score`, beside its YAML twin and
//                                       beside exceljs's own reader
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeAdversarial } from './adversarial.mjs';
import { generate, quoteDates, random, schoolYaml } from './gen-schools.mjs';

const [only, nArg] = process.argv.slice(2);
const want = (name) => !only || only === name;

/**
 * Runs a Node script (args[0]) inside a wrapper that reports, on exit, the CPU time of all the process's
 * threads: the same small wrapper for both sides of a comparison.
 */
const CPU_WRAPPER = `process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write('\\ncpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n');
});
require(require('node:path').resolve(process.argv[1]));`;

/** Wall time of a run, in ms; with `cpu`, the CPU time of all its threads too (cpuMs). */
function time(args, { quiet = true, env, cpu = false } = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, cpu ? ['-e', CPU_WRAPPER, ...args] : args, {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', cpu ? 'pipe' : 'ignore'],
    maxBuffer: 1 << 30,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  const ms = performance.now() - t;
  const cpuMs = cpu ? Number(/cpu-us (\d+)\s*$/.exec(r.stderr.toString())?.[1] ?? Number.NaN) / 1000 : undefined;
  return { ms, status: r.status, cpuMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/**
 * `cpu`: both sides run in CPU_WRAPPER, and the CPU time of all their threads is shown beside the wall time.
 * How busy the machine is moves CPU time less than wall time, and it tells what more threads cost.
 */
function compare(title, a, b, runs, goal, { cpu = false } = {}) {
  const ra = [];
  const rb = [];
  time(a.args, { env: a.env, cpu });
  time(b.args, { env: b.env, cpu });
  for (let i = 0; i < runs; i++) {
    ra.push(time(a.args, { env: a.env, cpu }));
    rb.push(time(b.args, { env: b.env, cpu }));
  }
  const ma = median(ra.map((r) => r.ms));
  const mb = median(rb.map((r) => r.ms));
  // Each pair ran back to back: the median of the pairs' ratios is less swayed by a busy moment of the machine.
  const paired = median(ra.map((r, i) => (rb[i]?.ms ?? 0) / r.ms));
  const width = Math.max(a.name.length, b.name.length, 'ratio of pairs'.length);
  const cpuOf = (rs) => median(rs.map((r) => r.cpuMs ?? 0));
  const cpuText = (rs) => (cpu ? `  (CPU ${fmt(cpuOf(rs))})` : '');
  console.log(`\n${title} (median of ${runs} alternate runs${cpu ? '; CPU: all threads, user and system' : ''})`);
  console.log(`  ${a.name.padEnd(width)}  ${fmt(ma)}${cpuText(ra)}`);
  console.log(`  ${b.name.padEnd(width)}  ${fmt(mb)}${cpuText(rb)}`);
  console.log(`  ${'ratio'.padEnd(width)}  ${(mb / ma).toFixed(2)}× ${goal}`);
  console.log(`  ${'ratio of pairs'.padEnd(width)}  ${paired.toFixed(2)}× (median of each pair's ratio)`);
  if (cpu) console.log(`  ${'ratio of CPU'.padEnd(width)}  ${(cpuOf(rb) / cpuOf(ra)).toFixed(2)}×`);
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
      '(goal ≤ 0.5×)',
      { cpu: true },
    );
    // What a second core gives on this machine: the goal above counts on it (ajv-cli runs in one thread).
    compare(
      `validate ${n} files: one worker thread, then as many as the machine has (${availableParallelism()})`,
      { name: 'JIAXIAO_THREADS=1', args: ['bin/jiaxiao.cjs', 'validate', dir], env: { JIAXIAO_THREADS: '1' } },
      { name: 'jiaxiao validate', args: ['bin/jiaxiao.cjs', 'validate', dir] },
      5,
      '(the speed-up of more threads is its inverse)',
      { cpu: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the CLI in a wrapper that reports the process's peak RSS (all threads) on exit, in MiB. */
function batchRun(dir) {
  const wrapper = `process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 0, 'jiaxiao'); require('./bin/jiaxiao.cjs');`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', wrapper, 'score', dir, '--format', 'json'], { maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const rss = Number(/maxrss (\d+)/.exec(r.stderr.toString())?.[1] ?? 0) / 1024;
  return { ms, rss, schools: JSON.parse(r.stdout.toString()).schools };
}

/** A floor: the same files read and parsed one after another in one thread, by yaml.parse or js-yaml's load. */
function floorRun(dir, lib = 'yaml') {
  const parse = lib === 'yaml' ? "require('yaml').parse" : "require('js-yaml').load";
  const script = `const { readFileSync } = require('node:fs'); const { globSync } = require('tinyglobby'); const parse = ${parse};
let n = 0; for (const f of globSync(['**/*.yaml'], { cwd: process.argv[1] }).sort()) { parse(readFileSync(process.argv[1] + '/' + f, 'utf8')); n++; }
console.log(n);`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', script, dir], { maxBuffer: 1 << 20 });
  return { ms: performance.now() - t, files: Number(r.stdout.toString().trim()) };
}

if (want('batch')) {
  const dirs = {};
  try {
    for (const n of [1000, 10000]) {
      dirs[n] = mkdtempSync(join(tmpdir(), `jiaxiao-batch-${n}-`));
      generate(dirs[n], n);
    }
    console.log('\nbatch scoring (generated schools, about 3 KB each; median of 3 alternate runs)');
    const goals = { 1000: 0.6, 10000: 0.25 };
    for (const n of [1000, 10000]) {
      const runs = [];
      const floors = [];
      const jsFloors = [];
      for (let i = 0; i < 3; i++) {
        floors.push(floorRun(dirs[n]));
        jsFloors.push(floorRun(dirs[n], 'js-yaml'));
        runs.push(batchRun(dirs[n]));
      }
      const ms = median(runs.map((r) => r.ms));
      const floor = median(floors.map((r) => r.ms));
      const jsFloor = median(jsFloors.map((r) => r.ms));
      const rss = median(runs.map((r) => r.rss));
      dirs[`rss${n}`] = rss;
      console.log(
        `  ${n} files: jiaxiao score ${fmt(ms)} (${runs[0].schools} schools), floor yaml.parse ${fmt(floor)} (${floors[0].files} files), ratio ${(ms / floor).toFixed(2)} (goal ≤ ${goals[n]}), peak RSS ${rss.toFixed(0)} MiB`,
      );
      console.log(
        `  ${n} files: floor js-yaml load ${fmt(jsFloor)} (${jsFloors[0].files} files), ratio ${(ms / jsFloor).toFixed(2)}${n === 10000 ? ' (goal ≤ 1.5)' : ''}`,
      );
    }
    console.log(`  peak RSS 10,000 ÷ 1,000: ${(dirs.rss10000 / dirs.rss1000).toFixed(2)} (goal ≤ 1.3)`);
  } finally {
    for (const n of [1000, 10000]) if (dirs[n]) rmSync(dirs[n], { recursive: true, force: true });
  }
}

if (want('reader')) {
  // The reader is internal: bundled here from its source, with js-yaml, so both run as the CLI runs them.
  const { buildSync } = await import('esbuild');
  const entry = "export { readSimple } from './src/io/simple-yaml.ts'; export { load } from 'js-yaml';";
  const built = buildSync({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const code = Buffer.from(built.outputFiles[0].text).toString('base64');
  const { readSimple, load } = await import(`data:text/javascript;base64,${code}`);
  const rnd = random(20261129);
  // Half with bare dates, half with quoted ones, as the batch and validate benchmarks write them.
  const texts = Array.from({ length: 2000 }, (_, i) => (i % 2 ? quoteDates(schoolYaml(i, rnd)) : schoolYaml(i, rnd)));
  const read = texts.filter((t) => readSimple(t) !== undefined).length;
  const pass = (f) => {
    const t = performance.now();
    for (const text of texts) f(text);
    return ((performance.now() - t) * 1000) / texts.length;
  };
  pass(load);
  pass(readSimple);
  const a = [];
  const b = [];
  for (let i = 0; i < 15; i++) {
    a.push(pass(load));
    b.push(pass(readSimple));
  }
  const [ma, mb] = [median(a), median(b)];
  console.log(`\nreading YAML in one thread (${texts.length} generated schools; median of 15 alternate passes)`);
  console.log(`  js-yaml load       ${ma.toFixed(1)} µs a file`);
  console.log(
    `  simple reading     ${mb.toFixed(1)} µs a file (${(ma / mb).toFixed(2)}× faster; read ${read} of ${texts.length})`,
  );
}

if (want('adversarial')) {
  const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-adversarial-'));
  try {
    console.log('\nadversarial files (median of 3 runs each; goal: every one well under a second)');
    let slowest = { ms: 0 };
    for (const [name, file] of writeAdversarial(dir)) {
      const row = [];
      for (const command of ['score', 'validate']) {
        const runs = [0, 1, 2].map(() => time(['bin/jiaxiao.cjs', command, file]));
        const ms = median(runs.map((r) => r.ms));
        row.push(`${command} ${fmt(ms).padStart(8)} (exit ${runs[0].status})`);
        if (ms > slowest.ms) slowest = { ms, name, command };
      }
      console.log(`  ${name.padEnd(24)} ${row.join('   ')}`);
    }
    console.log(`  slowest: ${slowest.command} on ${slowest.name}, ${fmt(slowest.ms)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (want('workbook')) {
  const lib = await import(new URL('../dist/index.js', import.meta.url).href);
  const rubric = lib.defaultRubric();
  const base = lib.parseSchoolText(readFileSync('examples/schools/model-primary.yaml', 'utf8'), rubric, 'model.yaml');
  const data = structuredClone(base.evidence.data);
  // 2,000 rows of 台账: the activities of a school that logs every class's homework and reading, a row each.
  const days = [];
  for (const t of data.terms)
    for (let d = Date.parse(`${t.start}T00:00:00Z`); d <= Date.parse(`${t.end}T00:00:00Z`); d += 86_400_000)
      days.push(new Date(d).toISOString().slice(0, 10));
  const types = ['homework', 'reading', 'practice', 'onlineReading', 'lecture', 'course'];
  data.ledger = Array.from({ length: 2000 }, (_, i) => {
    const type = types[i % types.length];
    const row = { type, date: days[(i * 7) % days.length], title: `第${(i % 24) + 1}班 ${type} 第${i + 1}次` };
    if (type === 'homework') Object.assign(row, { assigned: 50, completed: 40 + (i % 10), graded: true, signed: true });
    if (type === 'reading' || type === 'practice') Object.assign(row, { recorded: true, summarized: i % 5 !== 0 });
    if (type === 'course') Object.assign(row, { form: '线上微课', reached: 1180 });
    return row;
  });
  const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-bench-workbook-'));
  try {
    const bytes = await lib.evidenceWorkbook(data, { rubric, lang: 'zh' });
    const xlsx = join(dir, 'ledger-2000.xlsx');
    const yaml = join(dir, 'ledger-2000.yaml');
    writeFileSync(xlsx, bytes);
    writeFileSync(yaml, lib.evidenceYaml(data));
    const runs = 15;
    const inProcess = (read) => {
      read();
      const ts = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        read();
        ts.push(performance.now() - t);
      }
      return median(ts);
    };
    const parsed = lib.parseEvidenceBytes(bytes, xlsx);
    if (parsed.evidence?.records.length !== 2000) throw new Error('bench workbook did not read back');
    console.log(`\nworkbook: 2,000 ledger rows, ${(bytes.length / 1024).toFixed(0)} KB (${xlsx})`);
    console.log(
      `  read into evidence, in process (median of ${runs})  ${fmt(inProcess(() => lib.parseEvidenceBytes(bytes, xlsx)))}`,
    );
    const yamlText = readFileSync(yaml, 'utf8');
    // (As a file it is larger than the 128 KiB a YAML evidence file may be: the reader is timed on its text.)
    console.log(
      `  its YAML twin, in process                         ${fmt(inProcess(() => lib.parseEvidenceText(yamlText, yaml)))}`,
    );
    const ExcelJS = (await import('exceljs')).default;
    const exceljsTimes = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await new ExcelJS.Workbook().xlsx.load(bytes);
      exceljsTimes.push(performance.now() - t);
    }
    console.log(`  exceljs's own reader, cells only (median of 5)    ${fmt(median(exceljsTimes))}`);
    compare(
      'jiaxiao score: a typical school (YAML) and the 2,000-row workbook, whole runs (goal: well under a second)',
      {
        name: 'jiaxiao score typical-primary.yaml',
        args: ['bin/jiaxiao.cjs', 'score', 'examples/schools/typical-primary.yaml'],
      },
      { name: 'jiaxiao score ledger-2000.xlsx', args: ['bin/jiaxiao.cjs', 'score', xlsx] },
      9,
      '',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
