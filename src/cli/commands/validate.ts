// `jiaxiao validate PATH…`: every evidence file under the paths, checked against the rubric, reported in
// one or more formats (each to stdout or its own file).

import * as z from 'zod';
import type { Lang } from '../../i18n/messages.js';
import { problemLine } from '../../i18n/messages.js';
import { type FoundFiles, findEvidenceFiles } from '../../io/files.js';
import { REPORT_FORMATS, type ReportFormat } from '../../render/report/index.js';
import type { FileResult } from '../../validation/validate.js';
import { langOf, type Streams, UsageError } from '../env.js';
import { runInWorkers, threadsFor } from '../pool.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';
import { forWorkers, type Task, validateRunner, writeOut } from '../tasks.js';

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

export async function runValidate(paths: string[], o: ValidateOptions, io: Streams): Promise<number> {
  const lang = langOf(o.lang, io.env);
  const zh = lang === 'zh';
  const specs = (o.outputs.length > 0 ? o.outputs : [{}]).map((s) => ({
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
  // zod's compiled fast paths pay off over many files (see zod-config.ts).
  if (found.files.length >= 20) z.config({ jitless: false });
  const rubricFile = rubricFileOption(o.rubric, lang, io);
  const rubric = loadRubricOption(rubricFile, lang, io);
  if (!rubric) return 2;
  reportUnusablePaths(found, lang, io);
  const task: Extract<Task, { kind: 'validate' }> = {
    kind: 'validate',
    strict: o.strict === true,
    ...(rubricFile ? { rubric: rubricFile } : {}),
  };
  const results: FileResult[] = [];
  if (threads > 0) {
    await runInWorkers<Task, string, FileResult>({ task: forWorkers(task), items: found.files }, threads, (i, r) => {
      results[i] = r;
    });
  } else {
    const run = validateRunner(task, rubric);
    for (const file of found.files) results.push(run(file));
  }
  const unreadable =
    found.missing.length + found.empty.length > 0 ||
    results.some((r) => r.problems.some((p) => p.code.startsWith('cli.')));

  for (const s of specs) {
    const text = REPORT_FORMATS[s.format as ReportFormat](results, { lang });
    if (!s.output) io.out(text);
    else {
      const problem = writeOut(s.output, text);
      if (problem) {
        io.err(`${problemLine(problem, lang)}\n`);
        return 2;
      }
    }
  }
  if (unreadable) return 2;
  return results.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

/** Paths that give nothing to check: missing ones, and folders without any .yaml/.yml file. */
export function reportUnusablePaths(found: FoundFiles, lang: Lang, io: Streams): void {
  for (const file of found.missing)
    io.err(`${problemLine({ severity: 'error', code: 'cli.noPath', params: { file }, file }, lang)}\n`);
  for (const file of found.empty)
    io.err(`${problemLine({ severity: 'error', code: 'cli.noYaml', params: { file }, file }, lang)}\n`);
}
