// PATH… → the evidence files to read: files as given, folders searched for .yaml/.yml and workbooks
// (.xlsx, and .xls so that an old Excel file is reported rather than passed over), any case, sorted.
// Inside a folder only regular files are read: symbolic links are not followed, so a folder cannot pull in
// files from outside itself, and FIFOs or devices would block or never end. Each such path is reported as
// skipped, with the reason, rather than silently left out.
import { type Dirent, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import nodePath, { join, type PlatformPath } from 'node:path';
import { byText } from '../base/problem.js';
import { specialKind } from './paths.js';
import { TEMP_MARK } from './write.js';

export interface SkippedPath {
  file: string;
  /** Why: 'symlink', 'fifo', 'device', 'socket' or 'other' (see specialKind in src/io/paths.ts). */
  kind: string;
}

export interface FoundFiles {
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
  /** Folders with no evidence file in them: most likely the wrong folder. */
  empty: string[];
  /** Evidence-named paths inside folders that are not regular files, so were not read. */
  skipped: SkippedPath[];
  /**
   * Files given by name that are not regular files (a FIFO, a device): of `files`, the only ones not known to be
   * regular, which readInput must check (all others its quick path may read).
   */
  irregular: string[];
  /** Review files (复评, `<stem>.review.yaml`): in folders, or given on the command line. Never evidence. */
  reviews: string[];
  /**
   * For one of `files`, the review beside it as its folder's listing shows it: its path, or null for none,
   * so that nobody asks the file system again. Undefined where the listing cannot tell (a file given by name,
   * a review whose name differs only in case or Unicode form, one skipped as a link, a folder of that name).
   */
  reviewOf: (file: string) => string | null | undefined;
}

/**
 * What the folders' listings say of the reviews beside their files (FoundFiles.reviewOf). Most folders hold
 * no review: their files are known to have none without a record per file, so a batch of 10,000 files
 * keeps only the few that have one or cannot be told.
 */
class ListedReviews {
  private found = new Map<string, string>();
  private unsure = new Set<string>();
  /** Files given by name, and those of them a folder's listing also holds. */
  private named = new Set<string>();
  private namedListed = new Set<string>();

  addNamed(file: string): void {
    this.named.add(file);
  }

  /** A folder's files, with the reviews and the other names (skipped links, folders) its listing holds. */
  addListing(files: readonly string[], reviews: readonly string[], others: readonly string[]): void {
    if (this.named.size > 0) for (const file of files) if (this.named.has(file)) this.namedListed.add(file);
    if (reviews.length === 0 && others.length === 0) return;
    const exact = new Set(reviews);
    // Names a file system may take for the same file (case, Unicode normal form) leave the answer to it.
    const loose = (f: string) => f.normalize('NFC').toLowerCase();
    const anyCase = new Set([...reviews, ...others].map(loose));
    for (const file of files) {
      const candidates = reviewCandidates(file);
      const found = candidates.find((c) => exact.has(c));
      if (found !== undefined) this.found.set(file, found);
      else if (candidates.some((c) => anyCase.has(loose(c)))) this.unsure.add(file);
    }
  }

  reviewOf = (file: string): string | null | undefined => {
    const found = this.found.get(file);
    if (found !== undefined) return found;
    if (this.unsure.has(file) || (this.named.has(file) && !this.namedListed.has(file))) return undefined;
    return null;
  };
}

/**
 * The paths of a folder's files, from their paths relative to it ('/'-separated, as walk gives them): the
 * same strings as path.join(root, rel) gives. The root is normalized once, not once per file: for a folder of
 * 10,000 files, join's intermediate strings cost more memory than the paths themselves.
 */
export function underRoot(
  root: string,
  rels: readonly string[],
  path: Pick<PlatformPath, 'join' | 'sep'> = nodePath,
): string[] {
  const prefix = path.join(root, '_').slice(0, -1);
  return rels.map((rel) => prefix + (path.sep === '/' ? rel : rel.replaceAll('/', path.sep)));
}

/** A reviewer's file (复评) beside the school's `<stem>.yaml`: `<stem>.review.yaml` (or .yml, any case). */
export const REVIEW_NAME = /\.review\.ya?ml$/i;

/** The review file beside an evidence file, if there is one. */
export function reviewBeside(file: string): string | undefined {
  return reviewCandidates(file).find((candidate) => existsSync(candidate));
}

const reviewCandidates = (file: string): string[] => {
  const stem = file.replace(/\.ya?ml$/i, '');
  return [`${stem}.review.yaml`, `${stem}.review.yml`];
};

/** The evidence files a review file may belong to: `<stem>.yaml`, then `<stem>.yml`. */
export function evidenceBeside(review: string): string[] {
  const stem = review.replace(REVIEW_NAME, '');
  return [`${stem}.yaml`, `${stem}.yml`];
}

const EVIDENCE_NAME = /\.(?:ya?ml|xlsx|xls)$/i;
/** Excel and WPS keep an owner file ~$name.xlsx beside a workbook while it is open: never evidence. */
const OWNER_FILE = /^~\$/;
const IGNORED_DIRS = new Set(['node_modules']);

/** Relative paths ('/'-separated) of the evidence files under `root`, and the evidence-named paths skipped. */
function walk(root: string): { files: string[]; skipped: SkippedPath[]; reviews: string[]; folders: string[] } {
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const reviews: string[] = [];
  /** Folders named like a review (a.review.yaml/): reading one is an error, which the listing must not hide. */
  const folders: string[] = [];
  const visit = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder holds nothing we can read
    }
    for (const d of entries) {
      if (d.name.startsWith('.')) continue; // hidden files and folders, as a shell's * leaves them out
      if (d.name.includes(TEMP_MARK)) continue; // our own temporaries (io/write.ts), never input
      if (OWNER_FILE.test(d.name)) continue;
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (REVIEW_NAME.test(d.name)) folders.push(join(root, path));
        if (!IGNORED_DIRS.has(d.name)) visit(path);
        continue;
      }
      if (!EVIDENCE_NAME.test(d.name)) continue;
      // Some file systems do not say what an entry is: ask lstat, which never follows a link.
      const known = d.isFile() || d.isSymbolicLink() || d.isFIFO() || d.isSocket() || d.isCharacterDevice();
      const kind = known || d.isBlockDevice() ? specialKind(d) : specialKind(lstatSync(join(root, path)));
      if (kind === undefined) (REVIEW_NAME.test(d.name) ? reviews : files).push(path);
      else skipped.push({ file: join(root, path), kind });
    }
  };
  visit('');
  return { files, skipped, reviews, folders };
}

export function findEvidenceFiles(paths: readonly string[]): FoundFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  const skipped: SkippedPath[] = [];
  const reviews: string[] = [];
  // A path given on the command line is followed, link or not; links inside folders are not.
  const irregular: string[] = [];
  const isDir = paths.map((p) => {
    try {
      const st = statSync(p);
      if (!st.isDirectory() && !st.isFile()) irregular.push(p);
      return st.isDirectory();
    } catch {
      return undefined;
    }
  });
  // Files given by name first, so that each folder's listing can tell which of them it holds.
  const listed = new ListedReviews();
  paths.forEach((p, k) => {
    if (isDir[k] === false && !REVIEW_NAME.test(p)) listed.addNamed(p);
  });
  for (const [k, p] of paths.entries()) {
    if (isDir[k] === undefined) {
      missing.push(p);
      continue;
    }
    if (!isDir[k]) {
      (REVIEW_NAME.test(p) ? reviews : files).push(p);
      continue;
    }
    const found = walk(p);
    // A folder whose only .yaml files were skipped (links, FIFOs) holds no evidence either: said once, as empty.
    if (found.files.length === 0) empty.push(p);
    const inFolder = underRoot(p, found.files.sort(byText));
    const folderReviews = underRoot(p, found.reviews.sort(byText));
    files.push(...inFolder);
    reviews.push(...folderReviews);
    skipped.push(...found.skipped.sort((a, b) => byText(a.file, b.file)));
    const others = [...found.skipped.map((k) => k.file), ...found.folders];
    listed.addListing(inFolder, folderReviews, others);
  }
  return {
    files: [...new Set(files)],
    irregular,
    missing,
    empty,
    skipped,
    reviews: [...new Set(reviews)],
    reviewOf: listed.reviewOf,
  };
}
