// `jiaxiao init`: a complete evidence template for a stage and an academic year, to stdout or a new file
// (never over an existing one), with the evidence JSON Schema beside it for editors.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { escapeText } from '../../base/escape.js';
import { firstUnsafeChar } from '../../base/unsafe-chars.js';
import { evidenceJsonSchemaText } from '../../evidence/json-schema.js';
import { STAGE_LABELS, STAGES, type Stage } from '../../evidence/schema.js';
import { problemLine } from '../../i18n/messages.js';
import { writeFileExclusive } from '../../io/write.js';
import { evidenceTemplate } from '../../render/template.js';
import { templateWorkbook } from '../../render/workbook/evidence.js';
import { langOf, type Streams, UsageError } from '../env.js';
import { EXIT } from '../exit.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';

export interface InitOptions {
  stage?: string;
  name?: string;
  year?: string;
  output?: string;
  /** yaml (default) or xlsx: the workbook template. */
  format?: string;
  rubric?: string;
  lang?: string;
}

/** The file the template's first line names; `init -o` writes it beside the template when absent. */
export const SCHEMA_SIDECAR = 'evidence.schema.json';

/** A stage by its id, its Chinese name (with or without 学校) or its English name. */
export function stageNamed(name: string): Stage | undefined {
  const n = name.trim();
  for (const s of STAGES) {
    const { zh, en } = STAGE_LABELS[s];
    if (n === s || n === zh || n === zh.replace(/学校$/, '') || n.toLowerCase() === en) return s;
  }
  return undefined;
}

/**
 * The academic year (1 September to 31 August) a day falls in. The day is today, or JIAXIAO_TODAY
 * (YYYY-MM-DD) where set: tests and reproducible builds fix it so.
 */
export function academicYearOf(today: string): string {
  const [y = 0, m = 0] = today.split('-').map(Number);
  return m >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

function todayOf(env: NodeJS.ProcessEnv, zh: boolean): string {
  const fixed = env.JIAXIAO_TODAY;
  if (fixed !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed))
      throw new UsageError(
        zh ? `JIAXIAO_TODAY 应写成 YYYY-MM-DD，收到 ${fixed}` : `JIAXIAO_TODAY takes YYYY-MM-DD, got ${fixed}`,
      );
    return fixed;
  }
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function runInit(options: InitOptions, io: Streams): Promise<number> {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  const stage = options.stage === undefined ? 'primary' : stageNamed(options.stage);
  if (!stage) {
    const known = STAGES.map((s) => `${STAGE_LABELS[s].zh.replace(/学校$/, '')}（${s}）`).join('、');
    throw new UsageError(
      zh
        ? `未知学段 ${options.stage}，可用：${known}`
        : `unknown stage ${options.stage}; use one of ${STAGES.join(', ')} (or ${known})`,
    );
  }
  if (options.year !== undefined) {
    const m = /^(\d{4})-(\d{4})$/.exec(options.year);
    if (!m || Number(m[2]) !== Number(m[1]) + 1)
      throw new UsageError(
        zh
          ? `--year 应写成相邻两年，如 2023-2024，收到 ${options.year}`
          : `--year takes two consecutive years, e.g. 2023-2024, got ${options.year}`,
      );
  }
  if (options.name !== undefined) {
    const bad = firstUnsafeChar(options.name.trim());
    if (options.name.trim() === '' || bad)
      throw new UsageError(
        zh
          ? '--name 应是学校名称，不能为空或含控制字符'
          : '--name takes the school name: not empty, no control characters',
      );
  }
  const rubric = loadRubricOption(rubricFileOption(options.rubric, lang, io), lang, io);
  if (!rubric) return EXIT.failed;

  // The workbook template (issue 12): asked for by --format xlsx or an -o ending in .xlsx.
  const workbook = options.format === 'xlsx' || (options.format === undefined && /\.xlsx$/i.test(options.output ?? ''));
  if (options.format !== undefined && options.format !== 'yaml' && options.format !== 'xlsx')
    throw new UsageError(
      zh ? `未知格式 ${options.format}，可用：yaml, xlsx` : `unknown format ${options.format}; use yaml or xlsx`,
    );
  if (workbook && options.output === undefined && io.outIsTTY)
    throw new UsageError(
      zh
        ? 'xlsx 是二进制文件，不能显示在终端上。请用 -o 文件名.xlsx 写入文件'
        : 'xlsx is a binary file and cannot be shown on a terminal; write it with -o name.xlsx',
    );
  const text = workbook
    ? await templateWorkbook(stage, lang, rubric)
    : evidenceTemplate({
        rubric,
        stage,
        stageGiven: options.stage !== undefined,
        year: options.year ?? academicYearOf(todayOf(io.env, zh)),
        yearGiven: options.year !== undefined,
        ...(options.name !== undefined ? { name: options.name.trim() } : {}),
        lang,
        schemaFile: SCHEMA_SIDECAR,
      });
  if (options.output === undefined) {
    io.out(text);
    return EXIT.ok;
  }
  const file = options.output;
  try {
    writeFileExclusive(file, text);
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.err(
      `${problemLine(
        exists
          ? { severity: 'error', code: 'cli.exists', params: { file }, file }
          : { severity: 'error', code: 'cli.unwritable', params: { file, detail: (e as Error).message }, file },
        lang,
      )}\n`,
    );
    return EXIT.failed;
  }
  const schema = join(dirname(file), SCHEMA_SIDECAR);
  let schemaNote = '';
  // A workbook needs no schema beside it: only a YAML file names one for its editor.
  if (!workbook && !existsSync(schema)) {
    try {
      writeFileExclusive(schema, evidenceJsonSchemaText());
      schemaNote = zh
        ? `；编辑器用的 ${escapeText(schema)} 也已写入`
        : `; and ${escapeText(schema)} beside it, for editors`;
    } catch {
      // Another run wrote it meanwhile, or the folder refuses it: the template is written all the same.
    }
  }
  io.err(
    zh
      ? `已写入 ${escapeText(file)}${schemaNote}。填好后运行：jiaxiao validate ${escapeText(file)}\n`
      : `wrote ${escapeText(file)}${schemaNote}. When it is filled in, run: jiaxiao validate ${escapeText(file)}\n`,
  );
  return EXIT.ok;
}
