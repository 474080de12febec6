// One run at a time per output folder: a lock file in it, made atomically (a complete file linked into
// place, so nobody ever reads half of it), naming the process that holds it. A lock left by a process
// that is gone (same host, pid no longer running) is stale and is taken over.
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempNameFor } from './write.js';

export const LOCK_NAME = '.jiaxiao.lock';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the run started. */
  started: string;
}

export interface OutputLock {
  path: string;
  /** Removes the lock if it is still this run's; safe to call more than once. */
  release(): void;
}

export type LockResult =
  | { ok: true; lock: OutputLock; tookOver: LockOwner | null }
  /** Held by another run; `owner` is null when the lock file cannot be read. */
  | { ok: false; path: string; owner: LockOwner | null };

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    return '';
  }
}

function ownerOf(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string')
      return { pid: o.pid, host: o.host, started: o.started };
  } catch {}
  return null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return codeOf(e) !== 'ESRCH';
  }
}

/** Creates the lock file with `text` in it, or returns false when one exists. */
function create(path: string, text: string): boolean {
  const tmp = tempNameFor(path);
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false;
    // A file system without hard links: exclusive create, then write (a reader may see it empty for an instant).
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e2) {
      if (codeOf(e2) === 'EEXIST') return false;
      throw e2;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Moves a stale lock aside, if it is still the one read. Two runs may find the same stale lock: whoever
 * moves a fresh lock (the other's) by mistake puts it back.
 */
function removeStale(path: string, staleText: string): void {
  const aside = tempNameFor(path);
  try {
    renameSync(path, aside);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw e;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, path);
    } catch {}
  }
  rmSync(aside, { force: true });
}

/** Takes the lock of folder `dir` (which must exist) for this process. */
export function lockFolder(dir: string, started: Date): LockResult {
  const path = join(dir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: started.toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  let tookOver: LockOwner | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(path, text)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readText(path) === text) rmSync(path, { force: true });
      };
      return { ok: true, lock: { path, release }, tookOver };
    }
    const held = readText(path);
    if (held === undefined) continue; // released meanwhile
    const owner = ownerOf(held);
    const stale = owner !== null && owner.host === me.host && (owner.pid === me.pid || !isRunning(owner.pid));
    if (!stale) return { ok: false, path, owner };
    removeStale(path, held);
    tookOver = owner;
  }
  return { ok: false, path, owner: ownerOf(readText(path) ?? '') };
}
