// Benchmarks, printed for the closing notes of issues; never a timed unit test.
//   npm run bench            start-up: `node -e 0` beside `jiaxiao score FILE`, measured alternately
//   npm run bench -- --runs 40
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 30);
const file = 'examples/schools/typical-primary.yaml';

function time(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 && args[0] !== '-e') throw new Error(`jiaxiao exited ${r.status}`);
  return performance.now() - t;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const base = [];
const score = [];
time(['bin/jiaxiao.cjs', 'score', file]); // warm the file cache
for (let i = 0; i < runs; i++) {
  base.push(time(['-e', '0']));
  score.push(time(['bin/jiaxiao.cjs', 'score', file]));
}
const b = median(base);
const s = median(score);
console.log(`start-up, median of ${runs} runs each, measured alternately`);
console.log(`  node -e 0                     ${b.toFixed(1)} ms`);
console.log(`  jiaxiao score ${file}  ${s.toFixed(1)} ms`);
console.log(`  ratio                         ${(s / b).toFixed(2)}× (goal ≤ 1.6×)`);
