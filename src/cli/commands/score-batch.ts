// `jiaxiao score DIR…`: every school under the folders, a summary on stdout, and with --out one sheet file
// per school plus the summary. A bad file is reported and skipped; the others are still scored.

import { SingleBar } from 'cli-progress';
import { escapeText, textLine } from '../../base/escape.js';
import type { Rubric } from '../../engine/model.js';
import { type Lang, problemLine } from '../../i18n/messages.js';
import { findEvidenceFiles } from '../../io/files.js';
import { type Format, TEXT_WIDTH } from '../../render/types.js';
import { isBelow } from '../../report/sheet.js';
import { SummaryBuilder, shapeOf } from '../../report/summary.js';
import { paintFor, type Streams } from '../env.js';
import { EXIT } from '../exit.js';
import { type OutFolder, takeOutFolder } from '../out-folder.js';
import { emit } from '../output.js';
import { runInWorkers, threadsFor } from '../pool.js';
import { loadRubricOption } from '../rubric-option.js';
import { forWorkers, type ScoreItem, type ScoreResult, scoreRunner, type Task, writeOut } from '../tasks.js';
import { reportUnusablePaths } from './validate.js';

export interface BatchOptions {
  rubric?: string;
  format: Format;
  /** Columns of a text summary on stdout. */
  width: number;
  /** The summary into this file instead of stdout. */
  output?: string;
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
    const scored = await scoreAll(found.files, rubric, options, io, folder);
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
  files: string[],
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
    ...(options.rubric ? { rubric: options.rubric } : {}),
  };
  const items: ScoreItem[] = files.map((file) => {
    const out = folder?.targets.get(file);
    return out ? { file, out } : { file };
  });

  const bar =
    options.stderrIsTTY && items.length >= 50
      ? new SingleBar({
          format: `${zh ? '评分' : 'scoring'} [{bar}] {value}/{total} {percentage}%`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(items.length, 0);

  const builder = new SummaryBuilder(shapeOf(rubric));
  const below: string[] = [];
  // The same school submitted twice (by 学校标识码, or by name and county) would be ranked twice.
  const seen = new Map<string, string>();
  let done = 0;
  let barStopped = false;
  const onResult = (_i: number, r: ScoreResult) => {
    // A message clears the bar; the next school brings it back (cli-progress ignores updates once stopped).
    const warn = (line: string) => {
      if (bar && !barStopped) {
        bar.stop();
        barStopped = true;
      }
      io.err(`${line}\n`);
    };
    for (const p of r.problems) warn(problemLine(p, options.lang));
    if (r.row) {
      const key = r.row.code ?? `${r.row.county}/${r.row.name}`;
      const first = seen.get(key);
      if (first)
        warn(
          problemLine(
            { severity: 'warning', code: 'batch.duplicate', params: { school: r.row.name, first }, file: r.file },
            options.lang,
          ),
        );
      else seen.set(key, r.file);
      builder.add(r.row, r.sheet);
      if (options.minScore !== undefined && isBelow(r.row.normalized / 100, options.minScore))
        below.push(`${escapeText(r.row.name)}（${(r.row.normalized / 100).toFixed(2)}）`);
    } else {
      builder.addInvalid(r.file, r.problems);
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

  const summary = builder.finish();
  const { format, lang } = options;
  const toTerminal = io.outIsTTY && options.output === undefined;
  const paint = paintFor(toTerminal, io.env, toTerminal ? options.color : false);
  // A binary summary with --out goes into the folder only (never to a terminal, nor twice into a pipe).
  const toStdout = options.output !== undefined || !(format.binary && folder);
  let unwritable = false;
  if (toStdout)
    unwritable = !emit(await format.summary(summary, { lang, paint, width: options.width }), options.output, io, lang);
  if (folder) {
    const plain = paintFor(false, {}, false);
    const problem = writeOut(
      folder.summaryFile,
      await format.summary(summary, { lang, paint: plain, width: TEXT_WIDTH }),
    );
    if (problem) {
      io.err(`${problemLine(problem, options.lang)}\n`);
      unwritable = true;
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
  if (summary.invalid > 0 || unwritable) return EXIT.failed;
  return below.length > 0 ? EXIT.findings : EXIT.ok;
}
