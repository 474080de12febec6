import { statSync } from 'node:fs';
import { capProblems, hasErrors, sortProblems } from '../../base/problem.js';
import { scoreEvidence } from '../../engine/score.js';
import { problemLine } from '../../i18n/messages.js';
import { SHEET_FORMATS, type SheetFormat } from '../../render/index.js';
import { buildSheet, isBelow } from '../../report/sheet.js';
// `jiaxiao score FILE`: one school's sheet.
import { parseSchoolBytes } from '../../validation/school.js';
import { langOf, paintFor, readInput, type Streams, UsageError } from '../env.js';
import { EXIT } from '../exit.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';

const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

export interface ScoreOptions {
  rubric?: string;
  format: string;
  details?: boolean;
  minScore?: string;
  lang?: string;
  color?: boolean;
  out?: string;
  force?: boolean;
  outInInput?: boolean;
}

/** One file: its sheet. Several files, a folder, or --out: the batch and its summary. */
export async function runScore(paths: string[], o: ScoreOptions, io: Streams): Promise<number> {
  const lang = langOf(o.lang, io.env);
  if (!(o.format in SHEET_FORMATS))
    throw new UsageError(
      lang === 'zh'
        ? `未知格式 ${o.format}，可用：${Object.keys(SHEET_FORMATS).join(', ')}`
        : `unknown format ${o.format}; use one of ${Object.keys(SHEET_FORMATS).join(', ')}`,
    );
  const minScore = o.minScore === undefined ? undefined : Number(o.minScore);
  if (minScore !== undefined && !Number.isFinite(minScore))
    throw new UsageError(
      lang === 'zh' ? `--min-score 需要数字，收到 ${o.minScore}` : `--min-score takes a number, got ${o.minScore}`,
    );

  const rubricFile = rubricFileOption(o.rubric, lang, io);
  const [first] = paths;
  const single = paths.length === 1 && first !== undefined && !isDirectory(first) && o.out === undefined;
  if (!single || first === undefined) {
    const { runScoreBatch } = await import('./score-batch.js');
    return runScoreBatch(
      paths,
      {
        format: o.format as SheetFormat,
        lang,
        stderrIsTTY: io.errIsTTY,
        ...(rubricFile !== undefined ? { rubric: rubricFile } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(o.color !== undefined ? { color: o.color } : {}),
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.force ? { force: true } : {}),
        ...(o.outInInput ? { outInInput: true } : {}),
      },
      io,
    );
  }
  const file = first;
  const rubric = loadRubricOption(rubricFile, lang, io);
  if (!rubric) return EXIT.failed;

  const input = readInput(file);
  if (input.problem) {
    io.err(`${problemLine(input.problem, lang)}\n`);
    return EXIT.failed;
  }
  const parsed = parseSchoolBytes(input.bytes ?? new Uint8Array(), rubric, file);
  for (const p of capProblems(sortProblems(parsed.problems), file)) io.err(`${problemLine(p, lang)}\n`);
  if (!parsed.evidence || hasErrors(parsed.problems)) return EXIT.failed;

  const sheet = buildSheet(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence));
  const paint = paintFor(io.outIsTTY, io.env, o.color);
  io.out(SHEET_FORMATS[o.format as SheetFormat](sheet, { lang, paint, details: o.details === true }));
  // As in a batch: the 折算分 the sheet shows (hundredths) against the threshold in hundredths.
  const below = minScore !== undefined && isBelow(sheet.normalized, minScore);
  if (below)
    io.err(
      lang === 'zh'
        ? `折算分 ${sheet.normalized.toFixed(2)} 低于 --min-score ${minScore}\n`
        : `normalized score ${sheet.normalized.toFixed(2)} is below --min-score ${minScore}\n`,
    );
  return below ? EXIT.findings : EXIT.ok;
}
