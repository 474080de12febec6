// PATH… → the evidence files to read: files as given, folders searched for .yaml/.yml and workbooks
// (.xlsx, and .xls so that an old Excel file is reported rather than passed over), any case, sorted.
// Inside a folder only regular files are read: symbolic links are not followed, so a folder cannot pull in
// files from outside itself, and FIFOs or devices would block or never end. Each such path is reported as
// skipped, with the reason, rather than silently left out.
import { type Dirent, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Review files (复评, `<stem>.review.yaml`): in folders, or given on the command line. Never evidence. */
  reviews: string[];
  /**
   * For a file found in a folder, the review beside it as the folder's listing shows it: its path, or null
   * for none, so that nobody asks the file system again. Absent where the listing cannot tell (a file given
   * by name, a review whose name differs only in case or Unicode form, one skipped as a link, a folder of that
   * name).
   */
  reviewOf: Map<string, string | null>;
}

/** What a folder's listing says of the review beside each of its files (FoundFiles.reviewOf). */
function reviewsInListing(
  files: readonly string[],
  reviews: readonly string[],
  others: readonly string[],
): Map<string, string | null> {
  const exact = new Set(reviews);
  // Names a file system may take for the same file (case, Unicode normal form) leave the answer to it.
  const loose = (f: string) => f.normalize('NFC').toLowerCase();
  const anyCase = new Set([...reviews, ...others].map(loose));
  const out = new Map<string, string | null>();
  for (const file of files) {
    const candidates = reviewCandidates(file);
    const found = candidates.find((c) => exact.has(c));
    if (found !== undefined) out.set(file, found);
    else if (!candidates.some((c) => anyCase.has(loose(c)))) out.set(file, null);
  }
  return out;
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
  const reviewOf = new Map<string, string | null>();
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
      (REVIEW_NAME.test(p) ? reviews : files).push(p);
      continue;
    }
    const found = walk(p);
    // A folder whose only .yaml files were skipped (links, FIFOs) holds no evidence either: said once, as empty.
    if (found.files.length === 0) empty.push(p);
    const inFolder = found.files.sort(byText).map((f) => join(p, f));
    const folderReviews = found.reviews.sort(byText).map((f) => join(p, f));
    files.push(...inFolder);
    reviews.push(...folderReviews);
    skipped.push(...found.skipped.sort((a, b) => byText(a.file, b.file)));
    const others = [...found.skipped.map((k) => k.file), ...found.folders];
    for (const [file, review] of reviewsInListing(inFolder, folderReviews, others))
      if (!reviewOf.has(file)) reviewOf.set(file, review);
  }
  return { files: [...new Set(files)], missing, empty, skipped, reviews: [...new Set(reviews)], reviewOf };
}
