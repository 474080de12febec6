// `jiaxiao diff OLD NEW`: one school's two years (two files), or a county's (two folders).
import { escapeText } from '../../base/escape.js';
import { capProblems, hasErrors, type Problem, sortProblems } from '../../base/problem.js';
import type { Rubric } from '../../engine/model.js';
import { scoreEvidence } from '../../engine/score.js';
import { problemLine } from '../../i18n/messages.js';
import { findEvidenceFiles } from '../../io/files.js';
import { isDirectory } from '../../io/paths.js';
import {
  renderBatchDiffJson,
  renderBatchDiffTable,
  renderSheetDiffJson,
  renderSheetDiffTable,
} from '../../render/diff.js';
import { diffBatches, diffSheets } from '../../report/diff.js';
import { FirstFiles } from '../../report/same-school.js';
import { buildSheet, type Sheet } from '../../report/sheet.js';
import { type InvalidFile, invalidFile } from '../../report/summary.js';
import { parseSchoolBytes } from '../../validation/school.js';
import { langOf, paintFor, readInput, type Streams, UsageError, widthFor } from '../env.js';
import { EXIT } from '../exit.js';
import { emit } from '../output.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';
import { reportUnusablePaths } from './validate.js';

export interface DiffOptions {
  rubric?: string;
  format: string;
  lang?: string;
  color?: boolean;
  width?: string;
  output?: string;
}

export async function runDiff(older: string, newer: string, options: DiffOptions, io: Streams): Promise<number> {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  if (options.format !== 'table' && options.format !== 'json')
    throw new UsageError(
      zh ? `未知格式 ${options.format}，可用：table, json` : `unknown format ${options.format}; use table or json`,
    );
  const folders = [older, newer].map(isDirectory);
  if (folders[0] !== folders[1])
    throw new UsageError(
      zh
        ? `diff 比较两个文件（一所学校的两个学年）或两个文件夹（一个区县的两个学年），不能一个文件一个文件夹：${older}、${newer}`
        : `diff compares two files (a school's two years) or two folders (a county's), not a file and a folder: ${older}, ${newer}`,
    );
  const width = widthFor(options.width, options.output !== undefined, io, lang);
  const rubric = loadRubricOption(rubricFileOption(options.rubric, lang, io), lang, io);
  if (!rubric) return EXIT.failed;
  const toTerminal = io.outIsTTY && options.output === undefined;
  const paint = paintFor(toTerminal, io.env, toTerminal ? options.color : false);
  const render = { lang, paint, width };

  if (!folders[0]) {
    const a = sheetOf(older, rubric, io, lang).sheet;
    const b = sheetOf(newer, rubric, io, lang).sheet;
    if (!a || !b) return EXIT.failed;
    const misordered = yearsOutOfOrder([older, a.school.year], [newer, b.school.year], zh);
    if (misordered) {
      io.err(misordered);
      return EXIT.failed;
    }
    const d = diffSheets(a, b);
    const text = options.format === 'json' ? renderSheetDiffJson(d, render) : renderSheetDiffTable(d, render);
    return emit(text, options.output, io, lang) ? EXIT.ok : EXIT.failed;
  }

  let bad = false;
  const notCompared: InvalidFile[] = [];
  // A folder is one academic year of a county, each school once: the first of its files in file order is
  // compared, a later one is reported (as `score` counts a school once) and the run fails.
  const scoreAll = (dir: string) => {
    const found = findEvidenceFiles([dir]);
    reportUnusablePaths(found, lang, io);
    if (found.files.length === 0) bad = true;
    const seen = new FirstFiles();
    return found.files.flatMap((file) => {
      const { sheet, problems } = sheetOf(file, rubric, io, lang);
      if (!sheet) {
        bad = true;
        notCompared.push(invalidFile(file, problems));
        return [];
      }
      const earlier = seen.earlier(sheet.school, file);
      if (earlier === undefined) return [{ file, sheet }];
      const params = { school: sheet.school.name, first: earlier.first, code: earlier.code ?? '' };
      const duplicate: Problem = { severity: 'error', code: 'diff.duplicate', params, file };
      io.err(`${problemLine(duplicate, lang)}\n`);
      bad = true;
      notCompared.push(invalidFile(file, [duplicate, ...problems]));
      return [];
    });
  };
  const [a, b] = [scoreAll(older), scoreAll(newer)];
  // Two years of a county: each folder holds one. Several years in a folder would pair a school with
  // whichever of its years came last.
  for (const [dir, batch] of [
    [older, a],
    [newer, b],
  ] as const) {
    const years = [...new Set(batch.map((x) => x.sheet.school.year))].sort();
    if (years.length > 1) {
      const list = years.join(zh ? '、' : ', ');
      io.err(
        zh
          ? `文件夹 ${escapeText(dir)} 中有 ${years.length} 个学年（${list}）的证据文件。diff 比较一个区县的两个学年：请每个文件夹只放一个学年的文件\n`
          : `folder ${escapeText(dir)} holds evidence of ${years.length} academic years (${list}); diff compares two years of a county: put one year's files in each folder\n`,
      );
      return EXIT.failed;
    }
  }
  const d = diffBatches(a, b, notCompared);
  const misordered =
    d.years.old !== null && d.years.new !== null
      ? yearsOutOfOrder([older, d.years.old], [newer, d.years.new], zh)
      : undefined;
  if (misordered) {
    io.err(misordered);
    return EXIT.failed;
  }
  const text = options.format === 'json' ? renderBatchDiffJson(d, render) : renderBatchDiffTable(d, render);
  if (!emit(text, options.output, io, lang)) return EXIT.failed;
  return bad ? EXIT.failed : EXIT.ok;
}

/** A school's sheet (none when it has errors), and its problems, reported on stderr. */
function sheetOf(file: string, rubric: Rubric, io: Streams, lang: 'zh' | 'en'): { sheet?: Sheet; problems: Problem[] } {
  const input = readInput(file);
  if (input.problem) {
    io.err(`${problemLine(input.problem, lang)}\n`);
    return { problems: [input.problem] };
  }
  const parsed = parseSchoolBytes(input.bytes ?? new Uint8Array(), rubric, file);
  const problems = capProblems(sortProblems(parsed.problems), file);
  for (const p of problems) io.err(`${problemLine(p, lang)}\n`);
  if (!parsed.evidence || hasErrors(parsed.problems)) return { problems };
  return { sheet: buildSheet(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence)), problems };
}

/**
 * The earlier academic year first, as the output reads (上次 → 本次): swapped, a decline would show as a rise.
 * A line for stderr, or undefined when the order is right.
 */
function yearsOutOfOrder(
  [older, oldYear]: [string, string],
  [newer, newYear]: [string, string],
  zh: boolean,
): string | undefined {
  if (oldYear < newYear) return undefined;
  const [a, b] = [escapeText(older), escapeText(newer)];
  return zh
    ? `diff 比较上一学年与本学年，较早的写在前面：${a} 是 ${oldYear} 学年，${b} 是 ${newYear} 学年\n`
    : `diff compares last year with this year, the earlier first: ${a} is academic year ${oldYear}, ${b} is ${newYear}\n`;
}
