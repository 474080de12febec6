// Writes a file whole or not at all: to a temporary name beside it, then renamed over the target.
// Temporaries are named so that they are recognised: never read as input, and removed by the next run
// when a killed one leaves them behind.
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { workerThreads } from './builtins.js';

let written = 0;

/** The mark in every temporary file's name: `.<name>.jiaxiao-tmp-<pid>-<thread>-<n>`. */
export const TEMP_MARK = '.jiaxiao-tmp-';
const TEMP_NAME = new RegExp(`^\\..*${TEMP_MARK.replace('.', '\\.')}\\d+-\\d+-\\d+$`);
/** How earlier versions named their temporaries: `<name>.<pid>-<thread>-<n>.tmp`. */
const OLD_TEMP_NAME = /\.\d+-\d+-\d+\.tmp$/;

/**
 * Makes a folder and its missing parents, one level at a time. (Node 20's recursive mkdirSync spins
 * forever where a parent refuses new entries, as /proc does.)
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Another thread or run made it meanwhile.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export function tempNameFor(path: string): string {
  // Unique to this process, thread and call: two threads never share a temporary file.
  return join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}-${workerThreads().threadId}-${written++}`);
}

/**
 * Text (or bytes) in pieces, made as they are written: a summary of ten thousand schools is never one
 * string in memory. Joined, the pieces are the content. Each call makes them anew.
 */
export interface Pieces {
  pieces(): Iterable<string | Uint8Array>;
}

/** What a file (or stdout) receives: text (written as UTF-8), bytes, or pieces of either. */
export type Content = string | Uint8Array | Pieces;

/** The chunks of a content, in order: itself, or its pieces. */
export const chunksOf = (content: Content): Iterable<string | Uint8Array> =>
  typeof content === 'string' || content instanceof Uint8Array ? [content] : content.pieces();

/** Writes content to a new or truncated file, piece by piece. */
function writeContent(file: string, content: Content): void {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    writeFileSync(file, content);
    return;
  }
  const fd = openSync(file, 'w');
  try {
    for (const chunk of content.pieces()) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      // writeSync may write less than it is given (as writeFileSync knows): the rest follows.
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    }
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, content: Content): void {
  const tmp = tempNameFor(path);
  try {
    writeContent(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Removes the temporaries a killed run left in `dir` and below (symbolic links are not followed).
 * Only for a folder this run owns (see lock.ts): no other live run is writing there. Returns how many.
 */
export function removeStaleTemporaries(dir: string): number {
  let removed = 0;
  const walk = (d: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && (TEMP_NAME.test(e.name) || OLD_TEMP_NAME.test(e.name))) {
        try {
          rmSync(p);
          removed++;
        } catch {}
      }
    }
  };
  walk(dir);
  return removed;
}

/**
 * Writes a new file whole, or not at all, and never over an existing one: the temporary is linked to the
 * name, which fails if the name is taken, even by a file made meanwhile. Where the file system has no
 * links (FAT, some network shares), it is renamed after a check instead. Throws EEXIST when the file exists.
 */
export function writeFileExclusive(path: string, content: string | Uint8Array): void {
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, content);
    try {
      linkSync(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code ?? '')) throw e;
      if (existsSync(path)) throw Object.assign(new Error(`file exists: ${path}`), { code: 'EEXIST' });
      renameSync(tmp, path);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}
