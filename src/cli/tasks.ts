// What a worker (or the main thread, for a small batch) does with one file. A task is plain data, so it
// crosses to a worker thread as workerData.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { capProblems, hasErrors, type Problem, sortProblems } from '../base/problem.js';
import type { Rubric } from '../engine/model.js';
import { scoreEvidence } from '../engine/score.js';
import type { Evidence } from '../evidence/model.js';
import { compileEvidenceParser } from '../evidence/parse.js';
import { parseReviewBytes } from '../evidence/review.js';
import type { Lang } from '../i18n/messages.js';
import { workerThreads } from '../io/builtins.js';
import { evidenceBeside, reviewBeside } from '../io/files.js';
import { ensureDir, writeFileAtomic } from '../io/write.js';
import { formatNamed } from '../render/formats.js';
import { type Output, TEXT_WIDTH } from '../render/types.js';
import type { EvidenceSource } from '../report/citations.js';
import { buildReviewedSheet } from '../report/review.js';
import { buildSheet, type Sheet } from '../report/sheet.js';
import { type SchoolRow, schoolRow, scoredRow } from '../report/summary.js';
import { defaultRubric } from '../rubric/default.js';
import { compileValidatedRubric } from '../rubric/load.js';
import type { RubricData } from '../rubric/schema.js';
import { readReview } from '../validation/review.js';
import { parseSchoolBytes } from '../validation/school.js';
import { type FileResult, validateEvidence } from '../validation/validate.js';
import { paintFor, readInput } from './env.js';
import { loadedRubricData } from './rubric-option.js';

/**
 * `rubric`: the rubric file, when not the embedded one. `rubricData`: that file as the main thread loaded and
 * checked it, handed to workers so that none reads, parses and checks the file again.
 */
export type Task =
  | { kind: 'validate'; rubric?: string; rubricData?: RubricData; strict: boolean; irregular?: string[] }
  | {
      kind: 'score';
      rubric?: string;
      rubricData?: RubricData;
      irregular?: string[];
      /** A name from render/formats.ts: each sheet written with --out is in it. */
      format: string;
      lang: Lang;
      /** Send each sheet back with its row: the summary's format holds them (Format.withSheets). */
      keepSheets: boolean;
    };

/** A file to score, and where its sheet goes (with --out). */
export interface ScoreItem {
  file: string;
  out?: string;
  /**
   * The review file (复评) to apply; null for none (the folder's listing shows none beside the file);
   * absent: the one beside the file, if any (`<stem>.review.yaml`).
   */
  review?: string | null;
}

export interface ScoreResult {
  file: string;
  problems: Problem[];
  /** Absent when the file had errors and was not scored. */
  row?: SchoolRow;
  /** With `keepSheets`. */
  sheet?: Sheet;
}

/**
 * `irregular` (FoundFiles.irregular): set where the files come from findEvidenceFiles, whose listing or stat
 * showed every file but these to be regular, so readInput may read them without checking again. Absent,
 * every file is checked.
 */
const knownAs = (task: Task) => {
  if (task.irregular === undefined) return () => undefined;
  const irregular = new Set(task.irregular);
  return (file: string) => (irregular.has(file) ? undefined : ('regular' as const));
};

/** The task as workers get it: with the checked data of its rubric file, when this thread has loaded it. */
export function forWorkers<T extends Task>(task: T): T {
  const data = task.rubric === undefined ? undefined : loadedRubricData(task.rubric);
  return data ? { ...task, rubricData: data } : task;
}

function rubricOf(task: Task): Rubric {
  if (task.rubric === undefined) return defaultRubric();
  // The main thread has loaded this rubric already and stopped on any problem in it: its checked data
  // compiles without YAML or schema checks, as the embedded rubric does.
  if (!task.rubricData) throw new Error(`rubric ${task.rubric} was not loaded before the workers started`);
  return compileValidatedRubric(task.rubricData);
}

/** `loaded`: the rubric the main thread has loaded already; a worker loads its own. */
export function validateRunner(
  task: Extract<Task, { kind: 'validate' }>,
  loaded?: Rubric,
): (file: string) => FileResult {
  const rubric = loaded ?? rubricOf(task);
  const known = knownAs(task);
  return (file) => {
    const input = readInput(file, known(file));
    if (input.problem) return { file, problems: [input.problem] };
    return validateEvidence(input.bytes ?? new Uint8Array(), file, rubric, { strict: task.strict });
  };
}

/** A result now, or (for an async format: XLSX) later. */
export type Later<R> = R | Promise<R>;

export function scoreRunner(
  task: Extract<Task, { kind: 'score' }>,
  loaded?: Rubric,
): (item: ScoreItem) => Later<ScoreResult> {
  const rubric = loaded ?? rubricOf(task);
  const plain = paintFor(false, {}, false);
  const format = formatNamed(task.format);
  if (!format) throw new Error(`unknown format ${task.format}`);
  const known = knownAs(task);
  return ({ file, out, review }) => {
    const input = readInput(file, known(file));
    if (input.problem) return { file, problems: [input.problem] };
    const parsed = parseSchoolBytes(input.bytes ?? new Uint8Array(), rubric, file);
    const evidenceProblems = capProblems(sortProblems(parsed.problems), file);
    if (!parsed.evidence || hasErrors(evidenceProblems)) return { file, problems: evidenceProblems };
    // Citations need the file's lines (a quick look, or a careful parse where it gives up): only for a sheet shown.
    const shown = out !== undefined || task.keepSheets;
    // A row alone, where no sheet is shown and no review (复评) changes it: no check rows, no reasons.
    const reviewFile = reviewOf(file, review);
    if (!shown && reviewFile === undefined) {
      const row = scoredRow(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence), file);
      return { file, problems: evidenceProblems, row };
    }
    const cite = shown ? { file, ...(parsed.source ? { source: parsed.source } : {}) } : {};
    const { sheet, problems: reviewProblems } = sheetOf(rubric, parsed.evidence, file, reviewFile ?? null, cite);
    const problems = [...evidenceProblems, ...reviewProblems];
    if (!sheet) return { file, problems };
    const result: ScoreResult = {
      file,
      problems,
      row: schoolRow(sheet, file),
      ...(task.keepSheets ? { sheet } : {}),
    };
    if (!out) return result;
    const written = (output: Output): ScoreResult => {
      const problem = writeOut(out, output);
      return problem ? { file, problems: [...problems, problem] } : result;
    };
    const output = format.sheet(sheet, { lang: task.lang, paint: plain, details: true, width: TEXT_WIDTH });
    return output instanceof Promise ? output.then(written) : written(output);
  };
}

/** The review file (复评) of a school: the one given, else the one beside the file (null: known to be none). */
const reviewOf = (file: string, review?: string | null): string | undefined =>
  review === null ? undefined : (review ?? reviewBeside(file));

/**
 * The sheet of a parsed school, with its review (复评) applied: the one given, else the one beside the file
 * (null: known to be none). A review with errors leaves the school unscored (no sheet), its problems placed
 * in the review file.
 */
export function sheetOf(
  rubric: Rubric,
  evidence: Evidence,
  file: string,
  review?: string | null,
  cite: EvidenceSource = {},
): { sheet?: Sheet; problems: Problem[] } {
  const computed = scoreEvidence(rubric, evidence);
  const reviewFile = reviewOf(file, review);
  if (reviewFile === undefined) return { sheet: buildSheet(rubric, evidence, computed, cite), problems: [] };
  const input = readInput(reviewFile);
  if (input.problem) return { problems: [input.problem] };
  const read = readReview(input.bytes ?? new Uint8Array(), reviewFile, rubric, evidence, computed, file);
  const problems = capProblems(sortProblems(read.problems), reviewFile);
  if (!read.reviewed || !read.review) return { problems };
  return { sheet: buildReviewedSheet(rubric, evidence, computed, read.reviewed, read.review, cite), problems };
}

/**
 * `validate` of a review file (复评): read on its own terms, then against the evidence file beside it
 * (`<stem>.yaml` for `<stem>.review.yaml`) and the rubric. Strict or not, every review problem is an error.
 */
export function validateReviewFile(file: string, rubric: Rubric): FileResult {
  const input = readInput(file);
  if (input.problem) return { file, problems: [input.problem] };
  const bytes = input.bytes ?? new Uint8Array();
  const evidenceFile = evidenceBeside(file).find((f) => existsSync(f));
  const own = parseReviewBytes(bytes, file);
  if (evidenceFile === undefined) {
    const noEvidence: Problem = {
      severity: 'error',
      code: 'review.noEvidence',
      params: { expected: evidenceBeside(file)[0] ?? '' },
      file,
      line: 1,
      col: 1,
    };
    return { file, problems: capProblems(sortProblems([noEvidence, ...own.problems]), file) };
  }
  const evidenceInput = readInput(evidenceFile);
  const parsed = evidenceInput.bytes ? parseSchoolBytes(evidenceInput.bytes, rubric, evidenceFile) : undefined;
  // Evidence with errors is reported as its own file: the review is then checked on its own terms only.
  if (!parsed?.evidence || hasErrors(parsed.problems))
    return { file, problems: capProblems(sortProblems(own.problems), file) };
  const read = readReview(bytes, file, rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence), evidenceFile);
  return { file, problems: capProblems(sortProblems(read.problems), file) };
}

/** Writes an output file whole; a failure is a problem to report (disk full, no permission), not a crash. */
export function writeOut(path: string, text: Output): Problem | undefined {
  try {
    ensureDir(dirname(path));
    writeFileAtomic(path, text);
    return undefined;
  } catch (e) {
    return {
      severity: 'error',
      code: 'cli.unwritable',
      params: { file: path, detail: (e as Error).message },
      file: path,
    };
  }
}

/**
 * What a worker sends back for a file it validated: its problems, or null for none. The main thread knows
 * the file already (`validatedFile`); most files have no problem, and then cost nothing to send (~3 µs each
 * with the file name and an empty list).
 */
export type SentProblems = Problem[] | null;

const sentProblems =
  (run: (file: string) => FileResult) =>
  (file: string): SentProblems => {
    const { problems } = run(file);
    return problems.length > 0 ? problems : null;
  };

/** A file's result from what its worker sent. */
export const validatedFile = (file: string, sent: SentProblems): FileResult => ({ file, problems: sent ?? [] });

/** In a worker thread started by the pool: serve items until the pool ends the thread. */
export function serveIfWorker(): boolean {
  const { isMainThread, parentPort, workerData } = workerThreads();
  const task = (workerData as { jiaxiaoWorker?: Task } | null)?.jiaxiaoWorker;
  if (isMainThread || !task || !parentPort) return false;
  // A worker checks many files: those that need zod get its compiled parser, compiled when the first one does.
  compileEvidenceParser();
  const run: (item: never) => unknown =
    task.kind === 'validate' ? sentProblems(validateRunner(task)) : scoreRunner(task);
  const port = parentPort;
  port.on('message', (m: { start: number; items: never[] }) => {
    const results = m.items.map(run);
    if (results.some((r) => r instanceof Promise))
      void Promise.all(results).then((all) => port.postMessage({ start: m.start, results: all }));
    else port.postMessage({ start: m.start, results });
  });
  return true;
}
