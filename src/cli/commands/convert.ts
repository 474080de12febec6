// `jiaxiao convert IN -o OUT`: an evidence workbook to a YAML evidence file, or back. What is written reads
// back as the same evidence (test/workbook-roundtrip.test.ts), so a county may keep either form. The input
// is read and checked as `score` reads it (its problems listed, nothing written when it has errors); the
// output is never written over an existing file unless --force, and is written whole or not at all.
import { dirname } from 'node:path';
import { escapeText, textLine } from '../../base/escape.js';
import { capProblems, hasErrors, sortProblems } from '../../base/problem.js';
import { parseEvidenceBytes } from '../../evidence/parse.js';
import { problemLine } from '../../i18n/messages.js';
import { ensureDir, writeFileAtomic, writeFileExclusive } from '../../io/write.js';
import { evidenceYaml } from '../../render/evidence-yaml.js';
import { CellTooLong, evidenceWorkbook } from '../../render/workbook/evidence.js';
import { langOf, readInput, type Streams, UsageError } from '../env.js';
import { EXIT } from '../exit.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';

export interface ConvertOptions {
  output?: string;
  rubric?: string;
  lang?: string;
  force?: boolean;
}

type Form = 'xlsx' | 'yaml';
const formOf = (file: string): Form | undefined =>
  /\.xlsx$/i.test(file) ? 'xlsx' : /\.ya?ml$/i.test(file) ? 'yaml' : undefined;

export async function runConvert(input: string, options: ConvertOptions, io: Streams): Promise<number> {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  const output = options.output;
  if (output === undefined)
    throw new UsageError(
      zh ? 'convert 需要 -o 输出文件（.xlsx 或 .yaml）' : 'convert needs -o OUTPUT (.xlsx or .yaml)',
    );
  const from = formOf(input) ?? (/\.xls$/i.test(input) ? 'xlsx' : undefined);
  const to = formOf(output);
  if (!from || !to || from === to)
    throw new UsageError(
      zh
        ? `convert 在工作簿（.xlsx）与 YAML 证据文件（.yaml/.yml）之间转换：${input} → ${output} 不是其中一种`
        : `convert turns a workbook (.xlsx) into a YAML evidence file (.yaml/.yml) or back; ${input} → ${output} is neither`,
    );
  const rubric = loadRubricOption(rubricFileOption(options.rubric, lang, io), lang, io);
  if (!rubric) return EXIT.failed;

  const read = readInput(input);
  if (read.problem) {
    io.err(`${problemLine(read.problem, lang)}\n`);
    return EXIT.failed;
  }
  const parsed = parseEvidenceBytes(read.bytes ?? new Uint8Array(), input);
  for (const p of capProblems(sortProblems(parsed.problems), input)) io.err(`${problemLine(p, lang)}\n`);
  if (!parsed.evidence || hasErrors(parsed.problems)) {
    io.err(
      `${textLine(zh ? `${escapeText(input)} 有错误，未转换` : `${escapeText(input)} has errors; nothing written`)}\n`,
    );
    return EXIT.failed;
  }
  const data = parsed.evidence.data;

  let bytes: string | Uint8Array;
  try {
    if (to === 'yaml') {
      bytes = evidenceYaml(
        data,
        zh
          ? ['家校共育证据文件：由 jiaxiao convert 从工作簿转换而来。字段说明见 docs/evidence-fields.md']
          : ['Evidence file converted from a workbook by jiaxiao convert; fields: docs/evidence-fields.md'],
      );
    } else {
      bytes = await evidenceWorkbook(data, { rubric, lang });
    }
  } catch (e) {
    if (!(e instanceof CellTooLong)) throw e;
    io.err(
      zh
        ? `无法写成工作簿：${escapeText(e.where)} 的文字超过 Excel 一格的上限 32767 个字符。请缩短后再转换\n`
        : `cannot write the workbook: the text for ${escapeText(e.where)} is longer than Excel's 32,767 characters a cell; shorten it\n`,
    );
    return EXIT.failed;
  }
  try {
    ensureDir(dirname(output));
    if (options.force) writeFileAtomic(output, bytes);
    else writeFileExclusive(output, bytes);
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.err(
      `${problemLine(
        exists
          ? { severity: 'error', code: 'cli.existsForce', params: { file: output }, file: output }
          : {
              severity: 'error',
              code: 'cli.unwritable',
              params: { file: output, detail: (e as Error).message },
              file: output,
            },
        lang,
      )}\n`,
    );
    return EXIT.failed;
  }
  io.err(`${textLine(zh ? `已写入 ${escapeText(output)}` : `wrote ${escapeText(output)}`)}\n`);
  return EXIT.ok;
}
