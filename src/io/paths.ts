// Questions about a path: where it lies, what kind of entry it is, whether it names a folder.
import { type Dirent, type Stats, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** True when `target` is `root` or lies below it (a name that merely starts with ".." is inside). */
export const isInside = (target: string, root: string): boolean => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** What an entry is when it is not a regular file (messages name it); undefined for a regular file. */
export function specialKind(entry: Dirent | Stats): 'symlink' | 'fifo' | 'device' | 'socket' | 'other' | undefined {
  if (entry.isFile()) return undefined;
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  if (entry.isSocket()) return 'socket';
  return 'other';
}

/** True when the path names a folder (a link to one counts: the user named it); false when it is missing. */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
