// Writes a file whole or not at all: to a temporary name beside it, then renamed over the target.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

let written = 0;

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
  for (const d of missing) mkdirSync(d);
}

export function writeFileAtomic(path: string, content: string): void {
  // Unique to this process, thread and call: two threads never share a temporary file.
  const tmp = `${path}.${process.pid}-${threadId}-${written++}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
