// `jiaxiao score DIR…`: every school under the folders, a summary on stdout, and with --out one sheet file
// per school plus the summary. A bad file is reported and skipped; the others are still scored.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import * as z from 'zod';
import { type Lang, problemLine } from '../../i18n/messages.js';
import { isInside } from '../../io/attachments.js';
import { findEvidenceFiles } from '../../io/files.js';
import type { SheetFormat } from '../../render/index.js';
import { SUMMARY_FORMATS } from '../../render/summary/index.js';
import { isBelow } from '../../report/sheet.js';
import { SummaryBuilder, shapeOf } from '../../report/summary.js';
import { paintFor, type Streams, UsageError } from '../env.js';
import { runInWorkers, threadsFor } from '../pool.js';
import { loadRubricOption } from '../rubric-option.js';
import { forWorkers, type ScoreItem, type ScoreResult, scoreRunner, type Task, writeOut } from '../tasks.js';
import { reportUnusablePaths } from './validate.js';

export interface BatchOptions {
  rubric?: string;
  format: SheetFormat;
  minScore?: number;
  lang: Lang;
  color?: boolean;
  out?: string;
  force?: boolean;
  outInInput?: boolean;
  stderrIsTTY: boolean;
}

const EXT: Record<SheetFormat, string> = { table: '.txt', json: '.json' };

function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Where each school's sheet goes: the file's place under its input folder, mirrored under --out. */
function sheetTargets(paths: string[], files: string[], out: string, format: SheetFormat): Map<string, string> {
  const dirs = paths.filter((p) => existsSync(p) && statSync(p).isDirectory());
  const several = paths.length > 1;
  const targets = new Map<string, string>();
  for (const file of files) {
    const root = dirs.find((d) => isInside(resolve(file), resolve(d)));
    let rel = root ? relative(root, file) : basename(file);
    if (several) rel = join(root ? basename(resolve(root)) : '', rel);
    targets.set(file, join(out, rel.slice(0, rel.length - extname(rel).length) + EXT[format]));
  }
  return targets;
}

export async function runScoreBatch(paths: string[], o: BatchOptions, io: Streams): Promise<number> {
  const zh = o.lang === 'zh';
  const found = findEvidenceFiles(paths);
  reportUnusablePaths(found, o.lang, io);
  if (found.files.length === 0) return 2;
  if (found.files.length >= 20) z.config({ jitless: false });
  const rubric = loadRubricOption(o.rubric, o.lang, io);
  if (!rubric) return 2;

  let targets = new Map<string, string>();
  let summaryFile: string | undefined;
  if (o.out) {
    const out = o.out;
    const inputs = paths.filter((p) => existsSync(p) && statSync(p).isDirectory());
    const inside = inputs.find((d) => isInside(realOrResolved(out), realOrResolved(d)));
    if (inside && !o.outInInput) {
      throw new UsageError(
        zh
          ? `--out ${out} 在输入文件夹 ${inside} 之内，评分表会被当作证据文件再次读取。请换一个文件夹，或加 --out-in-input`
          : `--out ${out} is inside the input folder ${inside}; choose another folder, or add --out-in-input`,
      );
    }
    targets = sheetTargets(paths, found.files, out, o.format);
    summaryFile = join(out, `summary${EXT[o.format]}`);
    // Two inputs must never end up in one output file, nor a sheet in the summary's place.
    const byTarget = new Map<string, string>([[resolve(summaryFile), zh ? '汇总' : 'the summary']]);
    for (const [file, target] of targets) {
      const other = byTarget.get(resolve(target));
      if (other)
        throw new UsageError(
          zh
            ? `${file} 与 ${other} 的评分表都会写到 ${target}。请改名其中一个文件，或分开评分`
            : `the sheets of ${file} and ${other} would both be written to ${target}; rename one, or score them apart`,
        );
      byTarget.set(resolve(target), file);
    }
    const clashes = [...targets.values(), summaryFile].filter((t) => existsSync(t));
    if (clashes.length > 0 && !o.force) {
      const shown = clashes.slice(0, 3).join(zh ? '、' : ', ');
      throw new UsageError(
        zh
          ? `${clashes.length} 个输出文件已存在（${shown}${clashes.length > 3 ? ' 等' : ''}）。加 --force 覆盖`
          : `${clashes.length} output files exist already (${shown}${clashes.length > 3 ? '…' : ''}); add --force to overwrite`,
      );
    }
  }

  const task: Extract<Task, { kind: 'score' }> = {
    kind: 'score',
    format: o.format,
    lang: o.lang,
    ...(o.rubric ? { rubric: o.rubric } : {}),
  };
  const items: ScoreItem[] = found.files.map((file) => {
    const out = targets.get(file);
    return out ? { file, out } : { file };
  });

  const bar =
    o.stderrIsTTY && items.length >= 50
      ? new SingleBar({
          format: `${zh ? '评分' : 'scoring'} [{bar}] {value}/{total} {percentage}%`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(items.length, 0);

  const builder = new SummaryBuilder(shapeOf(rubric));
  let invalid = 0;
  const below: string[] = [];
  // The same school submitted twice (by 学校标识码, or by name and county) would be ranked twice.
  const seen = new Map<string, string>();
  let done = 0;
  let barStopped = false;
  const take = (_i: number, r: ScoreResult) => {
    // A message clears the bar; the next school brings it back (cli-progress ignores updates once stopped).
    const warn = (line: string) => {
      if (bar && !barStopped) {
        bar.stop();
        barStopped = true;
      }
      io.err(`${line}\n`);
    };
    for (const p of r.problems) warn(problemLine(p, o.lang));
    if (r.row) {
      const key = r.row.code ?? `${r.row.county}/${r.row.name}`;
      const first = seen.get(key);
      if (first)
        warn(
          problemLine(
            { severity: 'warning', code: 'batch.duplicate', params: { school: r.row.name, first }, file: r.file },
            o.lang,
          ),
        );
      else seen.set(key, r.file);
      builder.add(r.row);
      if (o.minScore !== undefined && isBelow(r.row.normalized / 100, o.minScore))
        below.push(`${r.row.name}（${(r.row.normalized / 100).toFixed(2)}）`);
    } else {
      builder.addInvalid();
      invalid++;
    }
    done++;
    if (bar && barStopped) {
      bar.start(items.length, done);
      barStopped = false;
    } else bar?.increment();
  };
  const threads = threadsFor(items.length);
  if (threads > 0)
    await runInWorkers<typeof task, ScoreItem, ScoreResult>({ task: forWorkers(task), items }, threads, take);
  else {
    const run = scoreRunner(task, rubric);
    items.forEach((item, i) => {
      take(i, run(item));
    });
  }
  bar?.stop();

  const summary = builder.finish();
  const paint = paintFor(io.outIsTTY, io.env, o.color);
  io.out(SUMMARY_FORMATS[o.format](summary, { lang: o.lang, paint }));
  if (summaryFile) {
    const problem = writeOut(
      summaryFile,
      SUMMARY_FORMATS[o.format](summary, { lang: o.lang, paint: paintFor(false, {}, false) }),
    );
    if (problem) {
      io.err(`${problemLine(problem, o.lang)}\n`);
      return 2;
    }
  }

  if (below.length > 0) {
    const list = below.join(zh ? '、' : ', ');
    io.err(
      zh
        ? `折算分低于 --min-score ${o.minScore} 的学校（${below.length} 所）：${list}\n`
        : `${below.length} schools below --min-score ${o.minScore}: ${list}\n`,
    );
  }
  if (invalid > 0 || found.missing.length + found.empty.length > 0) return 2;
  return below.length > 0 ? 1 : 0;
}
