// `--rubric FILE`, or the embedded Wuzhong rubric.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '../base/hash.js';
import { sortProblems } from '../base/problem.js';
import type { Rubric } from '../engine/model.js';
import { type Lang, problemLine } from '../i18n/messages.js';
import { DEFAULT_RUBRIC_FILE, defaultRubric } from '../rubric/default.js';
import { loadRubricBytes } from '../rubric/load.js';
import type { RubricData } from '../rubric/schema.js';
import { readInput, type Streams } from './env.js';

declare const JIAXIAO_DEFAULT_RUBRIC_STAMP: { size: number; mtimeMs: number; fingerprint: string } | undefined;

/**
 * The shipped rubric file when it was edited after the build embedded it, so that an edit takes effect
 * without a rebuild; undefined when the embedded copy is current (one stat, and a fingerprint only if it moved).
 */
export function editedDefaultRubric(): string | undefined {
  if (typeof JIAXIAO_DEFAULT_RUBRIC_STAMP === 'undefined') return undefined;
  const file = fileURLToPath(new URL(`../${DEFAULT_RUBRIC_FILE}`, import.meta.url));
  try {
    const st = statSync(file);
    const stamp = JIAXIAO_DEFAULT_RUBRIC_STAMP;
    if (st.size === stamp.size && st.mtimeMs === stamp.mtimeMs) return undefined;
    return fingerprint(readFileSync(file)) === stamp.fingerprint ? undefined : file;
  } catch {
    return undefined;
  }
}

/** Rubric files this process has loaded, as checked data: what worker threads compile instead of reloading. */
const LOADED = new Map<string, RubricData>();

export function loadRubricOption(file: string | undefined, lang: Lang, io: Streams): Rubric | undefined {
  if (file === undefined) return defaultRubric();
  const input = readInput(file);
  if (input.problem) {
    io.err(`${problemLine(input.problem, lang)}\n`);
    return undefined;
  }
  const loaded = loadRubricBytes(input.bytes ?? new Uint8Array(), file);
  for (const p of sortProblems(loaded.problems)) io.err(`${problemLine(p, lang)}\n`);
  if (loaded.rubric && loaded.data) LOADED.set(file, loaded.data);
  return loaded.rubric;
}

/** The checked data of a rubric file loaded by loadRubricOption, with every default filled in. */
export function loadedRubricData(file: string): RubricData | undefined {
  return LOADED.get(file);
}

/** The rubric file a command reads: the one named, else the shipped one if it was edited since the build. */
export function rubricFileOption(file: string | undefined, lang: Lang, io: Streams): string | undefined {
  if (file !== undefined) return file;
  const edited = editedDefaultRubric();
  if (edited)
    io.err(
      lang === 'zh'
        ? `提示：${DEFAULT_RUBRIC_FILE} 在构建之后改过，按改后的文件评分（npm run build 可重新内置，启动更快）\n`
        : `note: ${DEFAULT_RUBRIC_FILE} changed after the build; scoring with the edited file (npm run build embeds it again, for a faster start)\n`,
    );
  return edited;
}
