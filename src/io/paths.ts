// Path questions asked of the file system's names alone (no I/O).
import { isAbsolute, relative, sep } from 'node:path';

/** True when `target` is `root` or lies below it (a name that merely starts with ".." is inside). */
export const isInside = (target: string, root: string): boolean => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};
