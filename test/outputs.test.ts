// `score DIR --out RES`: a run owns its output folder, never writes into its input, and a killed run's
// leftovers are cleaned up by the next one. Real child processes wherever two runs meet.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../scripts/gen-schools.mjs';
import { writeFileAtomic } from '../src/io/write.js';

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-outputs-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const BIN = join(process.cwd(), 'bin/jiaxiao.cjs');
const ENV = { PATH: process.env.PATH ?? '' };

function jiaxiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...ENV, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
}

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...ENV, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, err }));
  });
  return { child, done };
}

/** Waits for a file to appear (or the process to end first, which fails the test). */
async function appears(file: string, child: ChildProcess): Promise<void> {
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`the run ended before ${file} appeared`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A pid that no process has: one that has just ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const lockOf = (out: string) => join(out, '.jiaxiao.lock');
const temporaries = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.includes('jiaxiao-tmp') || f.endsWith('.tmp'),
  );

// 300 schools, scored on one thread: a run lasts long enough for another to meet it.
const big = join(tmp, 'big');
generate(big, 300);
const ONE_THREAD = { JIAXIAO_THREADS: '0' };

describe('one run at a time per output folder', () => {
  it('a second run refuses, naming the lock and the first run’s process, and writes nothing', async () => {
    const out = join(tmp, 'busy');
    const first = start(['score', big, '--out', out, '--format', 'json'], ONE_THREAD);
    await appears(lockOf(out), first.child);
    first.child.kill('SIGSTOP'); // holds the lock while the second run tries
    try {
      const before = readdirSync(out, { recursive: true }).length;
      const second = jiaxiao(['score', 'examples/county', '--out', out, '--force']);
      expect(second.code).toBe(2);
      expect(second.err).toContain(`${lockOf(out)} 错误 输出文件夹 ${out} 正被另一次评分使用：进程 ${first.child.pid}`);
      expect(second.err).toContain(`主机 ${hostname()}`);
      expect(readdirSync(out, { recursive: true }).length).toBe(before);
    } finally {
      first.child.kill('SIGCONT');
    }
    const r = await first.done;
    expect(r.code).toBe(0);
    expect(existsSync(lockOf(out))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).schools).toBe(300);
  });

  it('two runs started together never leave a mixture', async () => {
    // Same file names, different schools: a mixed folder has sheets that disagree with its summary.
    const a = join(tmp, 'mix-a');
    const b = join(tmp, 'mix-b');
    generate(a, 240, { seed: 1 });
    generate(b, 240, { seed: 2 });
    const out = join(tmp, 'mixed');
    const runs = await Promise.all(
      [a, b].map((input) => start(['score', input, '--out', out, '--force', '--format', 'json'], ONE_THREAD).done),
    );
    expect(runs.some((r) => r.code === 0)).toBe(true);
    for (const r of runs) if (r.code !== 0) expect(r.err).toContain('正被另一次评分使用');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const winner = summary.ranking[0].file.startsWith(a) ? a : b;
    const totals = new Map<string, number>(
      summary.ranking.map((s: { file: string; total: number }) => [relative(winner, s.file), s.total]),
    );
    let sheets = 0;
    for (const f of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.json') || f === 'summary.json') continue;
      const sheet = JSON.parse(readFileSync(join(out, f), 'utf8'));
      expect(sheet.total, f).toBe(totals.get(f.replace(/\.json$/, '.yaml')));
      sheets++;
    }
    expect(sheets).toBe(240);
    expect(existsSync(lockOf(out))).toBe(false);
  });

  it('Ctrl-C or kill: the lock is released and the process still ends by the signal', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const out = join(tmp, `signal-${signal}`);
      const run = start(['score', big, '--out', out], ONE_THREAD);
      await appears(lockOf(out), run.child);
      run.child.kill(signal);
      const r = await run.done;
      expect(r.signal, signal).toBe(signal);
      expect(existsSync(lockOf(out)), signal).toBe(false);
    }
  });

  it('a lock held by a live process on this host is respected', () => {
    const out = join(tmp, 'held');
    mkdirSync(out);
    const owner = { pid: process.pid, host: hostname(), started: '2026-01-01T08:00:00.000Z' };
    writeFileSync(lockOf(out), JSON.stringify(owner));
    const r = jiaxiao(['score', 'examples/county', '--out', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`process ${process.pid} (host ${hostname()}, started 2026-01-01T08:00:00.000Z)`);
    expect(readdirSync(out)).toEqual(['.jiaxiao.lock']);
  });

  it('a lock from another host is respected, whatever its pid', () => {
    const out = join(tmp, 'other-host');
    mkdirSync(out);
    writeFileSync(lockOf(out), JSON.stringify({ pid: deadPid(), host: 'elsewhere', started: 'x' }));
    expect(jiaxiao(['score', 'examples/county', '--out', out]).code).toBe(2);
  });
});

describe('a lock file that cannot be read', () => {
  it('is respected, not taken over', () => {
    const out = join(tmp, 'garbled');
    mkdirSync(out);
    writeFileSync(lockOf(out), '');
    const r = jiaxiao(['score', 'examples/county', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${lockOf(out)} 错误 输出文件夹 ${out} 有一个读不出持有者的锁文件`);
    expect(readdirSync(out)).toEqual(['.jiaxiao.lock']);
  });
});

describe('after kill -9', () => {
  it('the next run takes over the stale lock and removes the temporaries, saying so', () => {
    const out = join(tmp, 'killed');
    expect(jiaxiao(['score', 'examples/city', '--out', out]).code).toBe(0);
    // What a killed run leaves: its lock, and temporaries (one cut at 16,384 bytes), some in sub-folders.
    const pid = deadPid();
    writeFileSync(lockOf(out), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T08:00:00.000Z' }));
    writeFileSync(join(out, `.summary.txt.jiaxiao-tmp-${pid}-0-7`), 'x'.repeat(16384));
    writeFileSync(join(out, '盐池县', `.2164230201.txt.jiaxiao-tmp-${pid}-2-3`), '半个');
    writeFileSync(join(out, `notes.${pid}-1-0.tmp`), 'old-style'); // earlier versions' temporaries
    writeFileSync(join(out, 'keep.tmp'), 'not ours');
    const r = jiaxiao(['score', 'examples/city', '--out', out, '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `${lockOf(out)} 警告 接管了上次评分留下的锁：进程 ${pid}（开始于 2026-01-01T08:00:00.000Z）已不在运行`,
    );
    expect(r.err).toContain(`${out} 提示 清理了上次中断留下的 3 个临时文件`);
    expect(temporaries(out)).toEqual(['keep.tmp']);
    expect(existsSync(lockOf(out))).toBe(false);
  });

  it('no temporary is left by a finished run, and none is read as input', () => {
    const out = join(tmp, 'clean');
    expect(jiaxiao(['score', 'examples/city', '--out', out]).code).toBe(0);
    expect(temporaries(out)).toEqual([]);
    const input = join(tmp, 'with-temp');
    mkdirSync(input);
    cpSync('examples/county/01-2164020101.yaml', join(input, 'a.yaml'));
    writeFileSync(join(input, '.b.yaml.jiaxiao-tmp-1-0-0'), 'school: [cut');
    writeFileSync(join(input, 'c.yaml.jiaxiao-tmp-1-0-0.yaml'), 'school: [cut');
    const r = jiaxiao(['validate', input]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('检查了 1 个文件');
  });
});

describe('--out never writes into the input', () => {
  const input = join(tmp, 'in');
  cpSync('examples/county', input, { recursive: true });
  symlinkSync(input, join(tmp, 'inlink'));

  it('through a symbolic link to the input folder', () => {
    const r = jiaxiao(['score', input, '--out', join(tmp, 'inlink', 'res', 'deeper')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`在输入文件夹 ${input} 之内`);
    expect(existsSync(join(input, 'res'))).toBe(false);
  });

  it('through a symbolic link above --out', () => {
    mkdirSync(join(tmp, 'above'));
    symlinkSync(tmp, join(tmp, 'above', 'up'));
    const r = jiaxiao(['score', input, '--out', join(tmp, 'above', 'up', 'in', 'res')]);
    expect(r.code).toBe(2);
    expect(existsSync(join(input, 'res'))).toBe(false);
  });

  it('an input folder inside --out, where a sheet would land in it', () => {
    const out = join(tmp, 'outer');
    mkdirSync(join(out, 'in'), { recursive: true });
    cpSync('examples/county/01-2164020101.yaml', join(out, 'in', 'a.yaml'));
    mkdirSync(join(tmp, 'other'));
    cpSync('examples/county/02-2164020102.yaml', join(tmp, 'other', 'b.yaml'));
    // Two inputs: sheets go to out/in/… and out/other/…
    const r = jiaxiao(['score', join(out, 'in'), join(tmp, 'other'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`会写进输入文件夹 ${join(out, 'in')}`);
    expect(readdirSync(join(out, 'in'))).toEqual(['a.yaml']);
  });

  it('still allowed when asked for, and an ordinary folder is fine', () => {
    expect(jiaxiao(['score', input, '--out', join(tmp, 'inlink', 'res'), '--out-in-input']).code).toBe(0);
    expect(existsSync(join(input, 'res', 'summary.txt'))).toBe(true);
    expect(jiaxiao(['score', input, '--out', join(tmp, 'elsewhere')]).code).toBe(0);
  });
});

describe('a file written in pieces (a large summary)', () => {
  it('holds the pieces joined, text as UTF-8 and bytes as they are', () => {
    const file = join(tmp, 'pieces.json');
    writeFileAtomic(file, { pieces: () => ['{"学校": "吴忠', new Uint8Array([0xe5, 0xb8, 0x82]), '"}\n'] });
    expect(readFileSync(file, 'utf8')).toBe('{"学校": "吴忠市"}\n');
  });
  it('is written whole or not at all: pieces that fail half-way leave the old file and no temporary', () => {
    const dir = join(tmp, 'half');
    mkdirSync(dir);
    const file = join(dir, 'summary.csv');
    writeFileSync(file, 'old');
    function* failing() {
      yield 'a'.repeat(100_000);
      throw new Error('renderer failed');
    }
    expect(() => writeFileAtomic(file, { pieces: failing })).toThrow('renderer failed');
    expect(readdirSync(dir)).toEqual(['summary.csv']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });
});
