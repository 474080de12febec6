// `--rubric FILE`, or the embedded Wuzhong rubric.
import { type Lang, problemLine } from '../i18n/messages.js';
import { sortProblems } from '../problem.js';
import { defaultRubric } from '../rubric/default.js';
import { loadRubricBytes } from '../rubric/load.js';
import type { Rubric } from '../rubric/model.js';
import { readInput, type Streams } from './env.js';

export function loadRubricOption(file: string | undefined, lang: Lang, io: Streams): Rubric | undefined {
  if (file === undefined) return defaultRubric();
  const input = readInput(file);
  if (input.problem) {
    io.err(`${problemLine(input.problem, lang)}\n`);
    return undefined;
  }
  const loaded = loadRubricBytes(input.bytes ?? new Uint8Array(), file);
  for (const p of sortProblems(loaded.problems)) io.err(`${problemLine(p, lang)}\n`);
  return loaded.rubric;
}
