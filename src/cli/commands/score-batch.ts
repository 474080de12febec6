// `jiaxiao score DIR…`: every school under the folders, a summary on stdout, and with --out one sheet file
// per school plus the summary. A bad file is reported and skipped; the others are still scored.

import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { escapeText, textLine } from '../../base/escape.js';
import type { Problem } from '../../base/problem.js';
import type { Rubric } from '../../engine/model.js';
import { countOf, type Lang, problemLine } from '../../i18n/messages.js';
import { type FoundFiles, findEvidenceFiles } from '../../io/files.js';
import { chunksOf } from '../../io/write.js';
import { type Format, type Output, type Paint, TEXT_WIDTH } from '../../render/types.js';
import { FirstFiles } from '../../report/same-school.js';
import { isBelow } from '../../report/sheet.js';
import { SummaryBuilder, shapeOf } from '../../report/summary.js';
import { paintFor, type Streams } from '../env.js';
import { EXIT } from '../exit.js';
import { type OutFolder, takeOutFolder } from '../out-folder.js';
import { emit } from '../output.js';
import { runInWorkers, threadsFor } from '../pool.js';
import { loadRubricOption } from '../rubric-option.js';
import { streamOf } from '../stdio.js';
import { forWorkers, type ScoreItem, type ScoreResult, scoreRunner, type Task, writeOut } from '../tasks.js';
import { reportUnusablePaths } from './validate.js';

export interface BatchOptions {
  rubric?: string;
  format: Format;
  /** Columns of a text summary on stdout. */
  width: number;
  /** The summary into this file instead of stdout. */
  output?: string;
  /** Only the schools of this academic year. */
  year?: string;
  minScore?: number;
  lang: Lang;
  color?: boolean;
  out?: string;
  force?: boolean;
  outInInput?: boolean;
  stderrIsTTY: boolean;
}

export async function runScoreBatch(paths: string[], options: BatchOptions, io: Streams): Promise<number> {
  const found = findEvidenceFiles(paths);
  reportUnusablePaths(found, options.lang, io);
  if (found.files.length === 0) return EXIT.failed;
  const rubric = loadRubricOption(options.rubric, options.lang, io);
  if (!rubric) return EXIT.failed;

  const code = async (folder?: OutFolder) => {
    const scored = await scoreAll(found, rubric, options, io, folder);
    return found.missing.length + found.empty.length > 0 ? EXIT.failed : scored;
  };
  if (!options.out) return code();
  const folder = takeOutFolder(paths, found.files, options.out, options.format, options, io);
  if (!folder) return EXIT.failed;
  try {
    return await code(folder);
  } finally {
    folder.release();
  }
}

async function scoreAll(
  { files, reviewOf, irregular }: FoundFiles,
  rubric: Rubric,
  options: BatchOptions,
  io: Streams,
  folder?: OutFolder,
): Promise<number> {
  const zh = options.lang === 'zh';
  const task: Extract<Task, { kind: 'score' }> = {
    kind: 'score',
    format: options.format.name,
    lang: options.lang,
    keepSheets: options.format.withSheets,
    irregular,
    ...(options.rubric ? { rubric: options.rubric } : {}),
  };
  // The review beside each file, where the folders' listing has told already: workers need not look again.
  const items: ScoreItem[] = files.map((file) => {
    const out = folder?.targets.get(file);
    const review = reviewOf(file);
    return { file, ...(out ? { out } : {}), ...(review !== undefined ? { review } : {}) };
  });

  const bar =
    options.stderrIsTTY && items.length >= 50
      ? new SingleBar({
          format: `${zh ? '评分' : 'scoring'} [{bar}] {value}/{total} {percentage}%`,
          stream: streamOf(2),
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(items.length, 0);

  // Each academic year is ranked apart: a county's folder may hold this year's and last year's files.
  const shape = shapeOf(rubric);
  const builders = new Map<string, SummaryBuilder>();
  const invalid: ScoreResult[] = [];
  let otherYears = 0;
  const yearsLeftOut = new Set<string>();
  const below: string[] = [];
  // The same school submitted twice (by 学校标识码, or by county and name: report/same-school.ts) is counted
  // once, each year apart: the first of its files in the batch's order. Each later one is listed with the
  // files not counted, and the run fails, as for a bad file: the folder needs one of them removed.
  const firstFiles = new Map<string, FirstFiles>();
  let duplicates = 0;
  let done = 0;
  let barStopped = false;
  const onResult = (i: number, r: ScoreResult) => {
    // Rows are kept for the whole batch: each holds the path this thread already has, not a worker's copy.
    const file = items[i]?.file ?? r.file;
    if (r.row) r.row.file = file;
    // A message clears the bar; the next school brings it back (cli-progress ignores updates once stopped).
    const warn = (line: string) => {
      if (bar && !barStopped) {
        bar.stop();
        barStopped = true;
      }
      io.err(`${line}\n`);
    };
    for (const p of r.problems) warn(problemLine(p, options.lang));
    if (r.row && options.year !== undefined && r.row.year !== options.year) {
      otherYears++;
      yearsLeftOut.add(r.row.year);
    } else if (r.row) {
      let seen = firstFiles.get(r.row.year);
      if (!seen) {
        seen = new FirstFiles();
        firstFiles.set(r.row.year, seen);
      }
      const earlier = seen.earlier(r.row, file);
      let builder = builders.get(r.row.year);
      if (!builder) {
        builder = new SummaryBuilder(shape);
        builders.set(r.row.year, builder);
      }
      if (earlier) {
        const duplicate: Problem = {
          severity: 'error',
          code: 'batch.duplicate',
          params: { school: r.row.name, first: earlier.first, code: earlier.code ?? '' },
          file,
        };
        warn(problemLine(duplicate, options.lang));
        builder.addInvalid(file, [duplicate, ...r.problems]);
        duplicates++;
      } else {
        builder.add(r.row, r.sheet);
        if (options.minScore !== undefined && isBelow(r.row.normalized / 100, options.minScore))
          below.push(`${escapeText(r.row.name)}（${(r.row.normalized / 100).toFixed(2)}）`);
      }
    } else {
      invalid.push(r);
    }
    done++;
    if (bar && barStopped) {
      bar.start(items.length, done);
      barStopped = false;
    } else bar?.increment();
  };
  const threads = threadsFor(items.length);
  if (threads > 0)
    await runInWorkers<typeof task, ScoreItem, ScoreResult>({ task: forWorkers(task), items }, threads, onResult);
  else {
    const run = scoreRunner(task, rubric);
    for (const [i, item] of items.entries()) {
      onResult(i, await run(item));
      // A pause now and then lets Ctrl-C be handled (and the output folder released) without delay.
      if (i % 16 === 15) await new Promise(setImmediate);
    }
  }
  bar?.stop();

  // --year naming a year no school has (a typo at year end) is not an empty report that looks like a result.
  if (options.year !== undefined && !builders.has(options.year)) {
    const list = [...yearsLeftOut].sort().join(zh ? '、' : ', ');
    io.err(
      zh
        ? `没有可计入 ${options.year} 学年的学校${otherYears > 0 ? `：${otherYears} 个文件属于其他学年（${list}）` : ''}。请核对 --year\n`
        : `no school of academic year ${options.year} to rank${otherYears > 0 ? `: ${countOf(otherYears, 'file')} of other years (${list})` : ''}; check --year\n`,
    );
    return EXIT.failed;
  }
  // Newest year first; the files that could not be scored (their year unknown) are listed with it.
  const years = [...builders.keys()].sort().reverse();
  if (years.length === 0) years.push('');
  const newest = builders.get(years[0] ?? '') ?? new SummaryBuilder(shape);
  for (const r of invalid) newest.addInvalid(r.file, r.problems);
  const summaries = years.map((y) => (y === '' ? newest : (builders.get(y) ?? newest)).finish());
  if (otherYears > 0)
    io.err(
      zh
        ? `只计入 ${options.year} 学年：另有 ${otherYears} 个文件属于其他学年，未计入\n`
        : `academic year ${options.year} only: ${countOf(otherYears, 'file')} of other years left out\n`,
    );

  const { format, lang } = options;
  const several = summaries.length > 1;
  // Several years in one output: the text formats show them one after another; the others hold one year
  // each, and go into the --out folder a file per year, or are refused.
  const oneOutput = !several || format.stackable;
  // A binary summary with --out goes into the folder only (never to a terminal, nor twice into a pipe).
  const toStdout = options.output !== undefined || !(folder && (format.binary || !oneOutput));
  const refused = toStdout && !oneOutput;
  if (refused) {
    const list = years.join(zh ? '、' : ', ');
    io.err(
      zh
        ? `这些学校分属 ${years.length} 个学年（${list}），${format.name} 汇总一次只放一个学年：请加 --year ${years[0]}，或用 --out 文件夹（每个学年一份汇总）\n`
        : `these schools belong to ${years.length} academic years (${list}); a ${format.name} summary holds one: add --year ${years[0]}, or use --out DIR (a summary per year)\n`,
    );
  }
  const render = async (paint: Paint, width: number): Promise<Output[]> =>
    Promise.all(summaries.map((summary) => format.summary(summary, { lang, paint, width })));
  const toTerminal = io.outIsTTY && options.output === undefined;
  const paint = paintFor(toTerminal, io.env, toTerminal ? options.color : false);
  let unwritable = false;
  if (toStdout && !refused) {
    const outputs = await render(paint, options.width);
    // Several years' summaries (text formats only) one after another, a blank line between.
    const joined: Output =
      outputs.length === 1
        ? (outputs[0] ?? '')
        : { pieces: () => outputs.flatMap((o, k) => [...(k > 0 ? ['\n'] : []), ...chunksOf(o)]) };
    unwritable = !emit(joined, options.output, io, lang);
  }
  if (folder) {
    const outputs = await render(paintFor(false, {}, false), TEXT_WIDTH);
    for (const [k, output] of outputs.entries()) {
      // One year: summary.csv; several: summary-2023-2024.csv, and so on.
      const file = several ? folder.summaryFile.replace(/(\.[^.]+)$/, `-${years[k]}$1`) : folder.summaryFile;
      const problem = existsSync(file) && several && !options.force ? clash(file) : writeOut(file, output);
      if (problem) {
        io.err(`${problemLine(problem, options.lang)}\n`);
        unwritable = true;
      }
    }
  }

  if (below.length > 0) {
    const list = below.join(zh ? '、' : ', ');
    io.err(
      `${textLine(
        zh
          ? `折算分低于 --min-score ${options.minScore} 的学校（${below.length} 所）：${list}`
          : `${below.length} schools below --min-score ${options.minScore}: ${list}`,
      )}\n`,
    );
  }
  if (invalid.length > 0 || duplicates > 0 || unwritable || refused) return EXIT.failed;
  return below.length > 0 ? EXIT.findings : EXIT.ok;
}

/** A per-year summary that is there already: kept, as --out keeps every existing file without --force. */
const clash = (file: string): Problem => ({
  severity: 'error',
  code: 'cli.existsForce',
  params: { file },
  file,
});
