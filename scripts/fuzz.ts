// npm run fuzz [-- --runs N --seed S]: many more hostile inputs than the suite runs (test/fuzz/harness.ts
// holds the inputs and the oracle). Prints the count per kind, the slowest input and every failure; failing
// inputs are saved under .fuzz/ to replay. Exit 1 on any failure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadRubricText } from '../src/rubric/load.js';
import { ARBITRARIES, check } from '../test/fuzz/harness.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 5000);
const seed = arg('--seed', Date.now() % 1_000_000);
// The shipped rubric read from its file (tsx cannot import it as the bundle does).
const { rubric } = loadRubricText(readFileSync('rubric/wuzhong-2019.yaml', 'utf8'), 'rubric/wuzhong-2019.yaml');
if (!rubric) throw new Error('rubric/wuzhong-2019.yaml does not load');
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(w.message));

let failures = 0;
let slowest = { ms: 0, kind: '', size: 0 };
const started = performance.now();
console.log(`fuzz: ${runs} inputs per kind, seed ${seed}`);
for (const [kind, arbitrary] of Object.entries(ARBITRARIES)) {
  let n = 0;
  let failed = 0;
  let scored = 0;
  const t0 = performance.now();
  for (const c of fc.sample(arbitrary, { numRuns: runs, seed })) {
    const t = performance.now();
    const verdict = check(c, rubric);
    const failure = verdict.failure;
    if (verdict.scored) scored++;
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, kind, size: c.bytes.length };
    n++;
    if (failure) {
      failed++;
      mkdirSync('.fuzz', { recursive: true });
      const file = `.fuzz/${kind}-${seed}-${n}.yaml`;
      writeFileSync(file, c.bytes);
      if (failed <= 5) console.log(`  FAIL ${file}: ${failure.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  failures += failed;
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${kind.padEnd(8)} ${n} inputs (${scored} scored), ${failed} failed, ${seconds} s`);
}
await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on a later tick
if (warnings.length > 0) {
  failures += warnings.length;
  console.log(`process warnings: ${[...new Set(warnings)].join('; ')}`);
}
console.log(
  `slowest input: ${slowest.ms.toFixed(1)} ms (${slowest.kind}, ${slowest.size} bytes); total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`${failures === 0 ? 'no failures' : `${failures} failures`}`);
process.exit(failures === 0 ? 0 : 1);
