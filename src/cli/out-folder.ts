// `--out DIR` of a batch: where each sheet goes, and owning the folder while writing there. Nothing is
// written before every check has passed and this run holds the folder's lock.
import { existsSync, realpathSync, rmdirSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Problem } from '../base/problem.js';
import { type Lang, problemLine } from '../i18n/messages.js';
import { LOCK_NAME, lockFolder } from '../io/lock.js';
import { isDirectory, isInside } from '../io/paths.js';
import { ensureDir, removeStaleTemporaries } from '../io/write.js';
import type { Format } from '../render/types.js';
import { type Streams, UsageError } from './env.js';

export interface OutFolder {
  targets: Map<string, string>;
  summaryFile: string;
  /**
   * Gives the folder up (removes the lock); safe to call more than once. Called by itself if the process
   * ends first, even by Ctrl-C or kill.
   */
  release: () => void;
}

/**
 * The real path of `p`, also when it does not exist yet: the real path of its nearest existing ancestor
 * plus the rest, so that a symbolic link anywhere on the way is seen through.
 */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  for (let dir = resolve(p); ; ) {
    try {
      return join(realpathSync(dir), ...rest);
    } catch {}
    const parent = dirname(dir);
    if (parent === dir) return resolve(p);
    rest.unshift(basename(dir));
    dir = parent;
  }
}

/** Where each school's sheet goes: the file's place under its input folder, mirrored under --out. */
function sheetTargets(paths: string[], files: string[], out: string, format: Format): Map<string, string> {
  const dirs = paths.filter(isDirectory);
  const several = paths.length > 1;
  const targets = new Map<string, string>();
  for (const file of files) {
    const root = dirs.find((d) => isInside(resolve(file), resolve(d)));
    let rel = root ? relative(root, file) : basename(file);
    if (several) rel = join(root ? basename(resolve(root)) : '', rel);
    targets.set(file, join(out, rel.slice(0, rel.length - extname(rel).length) + format.ext));
  }
  return targets;
}

/** Refuses output that would land inside an input folder (through links too) or on an input file. */
function checkNotIntoInput(paths: string[], targets: Map<string, string>, out: string, options: OutOptions): void {
  const zh = options.lang === 'zh';
  const inputs = paths.filter(isDirectory).map((d) => ({ given: d, real: realPathOf(d) }));
  const realOut = realPathOf(out);
  const inside = inputs.find((d) => isInside(realOut, d.real));
  if (inside && !options.outInInput) {
    throw new UsageError(
      zh
        ? `--out ${out} 在输入文件夹 ${inside.given} 之内，评分表会被当作证据文件再次读取。请换一个文件夹，或加 --out-in-input`
        : `--out ${out} is inside the input folder ${inside.given}; choose another folder, or add --out-in-input`,
    );
  }
  // An input folder inside --out: a sheet may still land in it. And a file named on the command line may
  // be overwritten by a sheet of the same name.
  const inputFiles = new Map(paths.filter((p) => existsSync(p) && !isDirectory(p)).map((f) => [realPathOf(f), f]));
  const realDirs = new Map<string, string>();
  for (const target of targets.values()) {
    const dir = dirname(target);
    let realDir = realDirs.get(dir);
    if (realDir === undefined) {
      realDir = realPathOf(dir);
      realDirs.set(dir, realDir);
    }
    const real = join(realDir, basename(target));
    const file = inputFiles.get(real);
    if (file)
      throw new UsageError(
        zh
          ? `评分表 ${target} 会覆盖输入文件 ${file}。请换一个 --out`
          : `the sheet ${target} would overwrite the input file ${file}; choose another --out`,
      );
    const into = options.outInInput ? undefined : inputs.find((d) => isInside(real, d.real));
    if (into)
      throw new UsageError(
        zh
          ? `评分表 ${target} 会写进输入文件夹 ${into.given}。请换一个 --out，或加 --out-in-input`
          : `the sheet ${target} would be written into the input folder ${into.given}; choose another --out, or add --out-in-input`,
      );
  }
}

export interface OutOptions {
  lang: Lang;
  force?: boolean;
  outInInput?: boolean;
}

/**
 * Checks the --out folder and takes it for this run. Returns undefined after reporting a problem (exit 2);
 * throws UsageError for a refusal. The caller calls `release` when done.
 */
export function takeOutFolder(
  paths: string[],
  files: string[],
  out: string,
  format: Format,
  options: OutOptions,
  io: Streams,
): OutFolder | undefined {
  const zh = options.lang === 'zh';
  const say = (p: Problem) => io.err(`${problemLine(p, options.lang)}\n`);
  const targets = sheetTargets(paths, files, out, format);
  const summaryFile = join(out, `summary${format.ext}`);
  // Two inputs must never end up in one output file, nor a sheet in the summary's place.
  const byTarget = new Map<string, string>([[resolve(summaryFile), zh ? '汇总' : 'the summary']]);
  for (const [file, target] of targets) {
    const other = byTarget.get(resolve(target));
    if (other)
      throw new UsageError(
        zh
          ? `${file} 与 ${other} 的评分表都会写到 ${target}。请改名其中一个文件，或分开评分`
          : `the sheets of ${file} and ${other} would both be written to ${target}; rename one, or score them apart`,
      );
    byTarget.set(resolve(target), file);
  }
  checkNotIntoInput(paths, targets, out, options);

  const made = !existsSync(out);
  try {
    ensureDir(out);
  } catch (e) {
    say({ severity: 'error', code: 'cli.unwritable', params: { file: out, detail: (e as Error).message }, file: out });
    return undefined;
  }
  // Hooked before the lock exists: a signal is handled only once this synchronous code has run, so
  // no signal can come between taking the lock and being ready to give it back.
  let unlock: (() => void) | undefined;
  const release = releaseOnExit(() => {
    unlock?.();
    if (made)
      try {
        rmdirSync(out); // only if still empty: a run that wrote nothing leaves nothing
      } catch {}
  });
  let taken: ReturnType<typeof lockFolder>;
  try {
    taken = lockFolder(out, new Date());
  } catch (e) {
    release();
    const file = join(out, LOCK_NAME);
    say({ severity: 'error', code: 'cli.unwritable', params: { file, detail: (e as Error).message }, file });
    return undefined;
  }
  if (!taken.ok) {
    release();
    const { path, owner } = taken;
    say(
      owner
        ? { severity: 'error', code: 'out.locked', params: { out, ...owner }, file: path }
        : { severity: 'error', code: 'out.lockedUnknown', params: { out }, file: path },
    );
    return undefined;
  }
  const { lock, tookOver } = taken;
  unlock = lock.release;
  if (tookOver) say({ severity: 'warning', code: 'out.lockTakenOver', params: { ...tookOver }, file: lock.path });
  const removed = removeStaleTemporaries(out);
  if (removed > 0) say({ severity: 'info', code: 'out.staleTemporaries', params: { count: removed }, file: out });

  const clashes = [...targets.values(), summaryFile].filter((t) => existsSync(t));
  if (clashes.length > 0 && !options.force) {
    release();
    const shown = clashes.slice(0, 3).join(zh ? '、' : ', ');
    throw new UsageError(
      zh
        ? `${clashes.length} 个输出文件已存在（${shown}${clashes.length > 3 ? ' 等' : ''}）。加 --force 覆盖`
        : `${clashes.length} output files exist already (${shown}${clashes.length > 3 ? '…' : ''}); add --force to overwrite`,
    );
  }
  return { targets, summaryFile, release };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Calls `release` however the process ends: normally, on an uncaught error or process.exit, or on
 * Ctrl-C / kill (then the signal is raised again, so the process still ends as signalled). Only kill -9
 * cannot be caught: the next run finds the lock stale and takes it over. Returns a function that unhooks
 * and releases.
 */
export function releaseOnExit(release: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    unhook();
    process.kill(process.pid, signal);
  };
  const unhook = () => {
    process.off('exit', release);
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  process.on('exit', release);
  for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    unhook();
    release();
  };
}
