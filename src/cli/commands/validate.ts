// `jiaxiao validate PATH…`: every evidence file under the paths, checked against the rubric, reported in
// one or more formats (each to stdout or its own file).

import { resolve } from 'node:path';
import type { Problem } from '../../base/problem.js';
import { UNREADABLE_WORKBOOK } from '../../evidence/workbook/read.js';
import type { Lang } from '../../i18n/messages.js';
import { problemLine } from '../../i18n/messages.js';
import { type FoundFiles, findEvidenceFiles, reviewBeside, type SkippedPath } from '../../io/files.js';
import { REPORT_FORMATS, type ReportFormat } from '../../render/report/index.js';
import type { FileResult } from '../../validation/validate.js';
import { langOf, type Streams, UsageError } from '../env.js';
import { EXIT } from '../exit.js';
import { runInWorkers, threadsFor } from '../pool.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';
import {
  forWorkers,
  type SentProblems,
  type Task,
  validatedFile,
  validateReviewFile,
  validateRunner,
  writeOut,
} from '../tasks.js';

/** A --format with the --output that follows it, if any. */
export interface OutputSpec {
  format?: string;
  output?: string;
}

export interface ValidateOptions {
  rubric?: string;
  strict?: boolean;
  lang?: string;
  outputs: OutputSpec[];
}

export async function runValidate(paths: string[], options: ValidateOptions, io: Streams): Promise<number> {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  const specs = (options.outputs.length > 0 ? options.outputs : [{}]).map((s) => ({
    format: s.format ?? 'text',
    output: s.output,
  }));
  for (const s of specs) {
    if (!(s.format in REPORT_FORMATS)) {
      const known = Object.keys(REPORT_FORMATS).join(', ');
      throw new UsageError(
        zh ? `未知格式 ${s.format}，可用：${known}` : `unknown format ${s.format}; use one of ${known}`,
      );
    }
  }
  if (specs.filter((s) => !s.output).length > 1) {
    throw new UsageError(
      zh
        ? '只有一种格式可以输出到屏幕，其余请用 --output 指定文件'
        : 'only one format may go to stdout; give the others an --output',
    );
  }

  const found = findEvidenceFiles(paths);
  const threads = threadsFor(found.files.length);
  const rubricFile = rubricFileOption(options.rubric, lang, io);
  const rubric = loadRubricOption(rubricFile, lang, io);
  if (!rubric) return EXIT.failed;
  // Every report holds the paths that gave nothing to check: a CI job's annotations and test results must not
  // look clean when a path was mistyped. On stderr as well only when no report is on stdout.
  if (specs.every((s) => s.output)) reportUnusablePaths(found, lang, io);
  const task: Extract<Task, { kind: 'validate' }> = {
    kind: 'validate',
    strict: options.strict === true,
    irregular: found.irregular,
    ...(rubricFile ? { rubric: rubricFile } : {}),
  };
  const results: FileResult[] = [
    ...found.missing.map((file) => ({ file, problems: [unusable('cli.noPath', file)] })),
    ...found.empty.map((file) => ({ file, problems: [unusable('cli.noYaml', file)] })),
  ];
  const offset = results.length;
  if (threads > 0) {
    const files = found.files;
    await runInWorkers<Task, string, SentProblems>(
      { task: forWorkers(task), items: files, largestChunk: 128 },
      threads,
      (i, sent) => {
        results[offset + i] = validatedFile(files[i] ?? '', sent);
      },
    );
  } else {
    const run = validateRunner(task, rubric);
    for (const file of found.files) results.push(run(file));
  }
  // 复评 files: those found in folders or given, and those beside evidence files given by name.
  const reviews = new Set(found.reviews);
  for (const file of found.files) {
    // Where the folder's listing tells, a review beside the file is among found.reviews already.
    if (found.reviewOf(file) !== undefined) continue;
    const beside = reviewBeside(file);
    if (beside !== undefined && ![...reviews].some((r) => sameFile(r, beside))) reviews.add(beside);
  }
  for (const file of reviews) results.push(validateReviewFile(file, rubric));
  // Paths skipped in a folder scan are in the report too, each as a warning on its own path.
  for (const s of found.skipped) {
    const skipped = skippedProblem(s);
    results.push({ file: s.file, problems: [options.strict ? { ...skipped, severity: 'error' } : skipped] });
  }
  const unreadable =
    found.missing.length + found.empty.length > 0 ||
    results.some((r) =>
      r.problems.some(
        (p) =>
          (p.code.startsWith('cli.') && p.code !== 'cli.skipped') ||
          p.code === 'file.tooLarge' ||
          UNREADABLE_WORKBOOK.has(p.code),
      ),
    );

  // Every report is written that can be; a file that cannot be written is reported after all of them.
  const unwritable: Problem[] = [];
  for (const s of specs) {
    const text = REPORT_FORMATS[s.format as ReportFormat](results, { lang });
    if (!s.output) io.out(text);
    else {
      const problem = writeOut(s.output, text);
      if (problem) unwritable.push(problem);
    }
  }
  for (const problem of unwritable) io.err(`${problemLine(problem, lang)}\n`);
  if (unreadable || unwritable.length > 0) return EXIT.failed;
  return results.some((r) => r.problems.some((p) => p.severity === 'error')) ? EXIT.findings : EXIT.ok;
}

/**
 * Paths that give nothing to check: missing ones, folders without any .yaml/.yml file, and evidence-named
 * paths in folders that are not regular files (links, FIFOs), skipped.
 */
export function reportUnusablePaths(found: FoundFiles, lang: Lang, io: Streams): void {
  for (const file of found.missing) io.err(`${problemLine(unusable('cli.noPath', file), lang)}\n`);
  for (const file of found.empty) io.err(`${problemLine(unusable('cli.noYaml', file), lang)}\n`);
  for (const s of found.skipped) io.err(`${problemLine(skippedProblem(s), lang)}\n`);
}

/** A path given that does not exist (cli.noPath), or a folder with no evidence file in it (cli.noYaml). */
const unusable = (code: 'cli.noPath' | 'cli.noYaml', file: string): Problem => ({
  severity: 'error',
  code,
  params: { file },
  file,
});

const sameFile = (a: string, b: string): boolean => resolve(a) === resolve(b);

const skippedProblem = (s: SkippedPath): Problem => ({
  severity: 'warning',
  code: 'cli.skipped',
  params: { file: s.file, kind: s.kind },
  file: s.file,
});
