// `jiaxiao score FILE`: one school's sheet (several files or a folder: score-batch.ts).
import { referenceYearOf } from '../../base/dates.js';
import { capProblems, hasErrors, sortProblems } from '../../base/problem.js';
import { problemLine } from '../../i18n/messages.js';
import { isDirectory } from '../../io/paths.js';
import { FORMAT_NAMES, formatNamed } from '../../render/formats.js';
import { isBelow } from '../../report/sheet.js';
import { parseSchoolBytes } from '../../validation/school.js';
import { langOf, paintFor, readInput, type Streams, UsageError, widthFor } from '../env.js';
import { EXIT } from '../exit.js';
import { checkBinaryTarget, emit, formatOfFile } from '../output.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';
import { sheetOf } from '../tasks.js';

export interface ScoreOptions {
  rubric?: string;
  format: string;
  /** --format was given; else the format is that of the -o file's extension, if it names one. */
  formatGiven?: boolean;
  details?: boolean;
  minScore?: string;
  lang?: string;
  color?: boolean;
  out?: string;
  /** The sheet (or the batch summary) into this file instead of stdout. */
  output?: string;
  width?: string;
  year?: string;
  force?: boolean;
  outInInput?: boolean;
  /** 复评: a review file for the one school scored. */
  review?: string;
}

/** One file: its sheet. Several files, a folder, or --out: the batch and its summary. */
export async function runScore(paths: string[], options: ScoreOptions, io: Streams): Promise<number> {
  const lang = langOf(options.lang, io.env);
  const format =
    (options.formatGiven === false && options.output !== undefined ? formatOfFile(options.output) : undefined) ??
    formatNamed(options.format);
  if (!format)
    throw new UsageError(
      lang === 'zh'
        ? `未知格式 ${options.format}，可用：${FORMAT_NAMES.join(', ')}`
        : `unknown format ${options.format}; use one of ${FORMAT_NAMES.join(', ')}`,
    );
  checkBinaryTarget(format, options.output, options.out, io, lang);
  const width = widthFor(options.width, options.output !== undefined, io, lang);
  if (options.year !== undefined && referenceYearOf(options.year) === undefined)
    throw new UsageError(
      lang === 'zh'
        ? `--year 需要学年，写成相邻两年，如 2023-2024，收到 ${options.year}`
        : `--year takes an academic year, two consecutive years such as 2023-2024, got ${options.year}`,
    );
  const minScore = options.minScore === undefined ? undefined : Number(options.minScore);
  if (options.minScore !== undefined && !/^\s*\d+(\.\d+)?\s*$/.test(options.minScore))
    throw new UsageError(
      lang === 'zh'
        ? `--min-score 需要数字，收到 ${options.minScore}`
        : `--min-score takes a number, got ${options.minScore}`,
    );

  const rubricFile = rubricFileOption(options.rubric, lang, io);
  const [first] = paths;
  const single = paths.length === 1 && first !== undefined && !isDirectory(first) && options.out === undefined;
  if (options.review !== undefined && (!single || first === undefined))
    throw new UsageError(
      lang === 'zh'
        ? '--review 只用于一所学校（一个证据文件）；批量评分时，复评文件放在各自的证据文件旁，命名为“证据文件名.review.yaml”'
        : '--review is for one school (one evidence file); in a batch, put each review beside its evidence file as "<stem>.review.yaml"',
    );
  if (!single || first === undefined) {
    const { runScoreBatch } = await import('./score-batch.js');
    return runScoreBatch(
      paths,
      {
        format,
        lang,
        width,
        stderrIsTTY: io.errIsTTY,
        ...(rubricFile !== undefined ? { rubric: rubricFile } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(options.color !== undefined ? { color: options.color } : {}),
        ...(options.out !== undefined ? { out: options.out } : {}),
        ...(options.output !== undefined ? { output: options.output } : {}),
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(options.force ? { force: true } : {}),
        ...(options.outInInput ? { outInInput: true } : {}),
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

  const reviewed = sheetOf(rubric, parsed.evidence, file, options.review, {
    file,
    ...(parsed.source ? { source: parsed.source } : {}),
  });
  for (const p of reviewed.problems)
    io.err(`${problemLine(p, lang)}
`);
  const sheet = reviewed.sheet;
  if (!sheet) return EXIT.failed;
  const toTerminal = io.outIsTTY && options.output === undefined;
  const paint = paintFor(toTerminal, io.env, options.output === undefined ? options.color : false);
  const output = await format.sheet(sheet, { lang, paint, width, details: options.details === true });
  if (!emit(output, options.output, io, lang)) return EXIT.failed;
  // As in a batch: the 折算分 the sheet shows, compared exactly with the threshold.
  const below = minScore !== undefined && isBelow(sheet.normalized, minScore);
  if (below)
    io.err(
      lang === 'zh'
        ? `折算分 ${sheet.normalized.toFixed(2)} 低于 --min-score ${minScore}\n`
        : `normalized score ${sheet.normalized.toFixed(2)} is below --min-score ${minScore}\n`,
    );
  return below ? EXIT.findings : EXIT.ok;
}
