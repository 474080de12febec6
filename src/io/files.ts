// PATH… → the evidence files to read: files as given, folders searched for .yaml/.yml (any case), sorted.
// Symbolic links are not followed, so a folder cannot pull in files from outside itself.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { byText } from '../problem.js';

export interface FoundFiles {
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
  /** Folders with no evidence file in them: most likely the wrong folder. */
  empty: string[];
}

export function findEvidenceFiles(paths: readonly string[]): FoundFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      // A path given on the command line is followed, link or not; links inside folders are not.
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const found = globSync(['**/*.yaml', '**/*.yml'], {
      cwd: p,
      caseSensitiveMatch: false,
      followSymbolicLinks: false,
      onlyFiles: true,
      ignore: ['**/node_modules/**', '**/.git/**', '**/*.jiaxiao-tmp-*'], // temporaries: see io/write.ts
    });
    if (found.length === 0) empty.push(p);
    for (const f of found.sort(byText)) files.push(join(p, f));
  }
  return { files: [...new Set(files)], missing, empty };
}
