// The embedded Wuzhong rubric, so `jiaxiao score school.yaml` needs no flag and no file. The bundle carries
// it validated, with defaults filled in (scripts/build.mjs); run from source, it is loaded from the YAML.
import wuzhong from '../../rubric/wuzhong-2019.yaml?raw';
import type { Rubric } from '../engine/model.js';
import { compileValidatedRubric, loadRubricText } from './load.js';
import type { RubricData } from './schema.js';

declare const JIAXIAO_DEFAULT_RUBRIC: RubricData | undefined;

export const DEFAULT_RUBRIC_FILE = 'rubric/wuzhong-2019.yaml';
export const DEFAULT_RUBRIC_TEXT: string = wuzhong;

let cached: Rubric | undefined;

/** The default rubric, loaded once. Tests load it without problems; a failure here is a build bug. */
export function defaultRubric(): Rubric {
  if (cached) return cached;
  if (typeof JIAXIAO_DEFAULT_RUBRIC !== 'undefined') {
    cached = compileValidatedRubric(structuredClone(JIAXIAO_DEFAULT_RUBRIC));
    return cached;
  }
  const loaded = loadRubricText(wuzhong, DEFAULT_RUBRIC_FILE);
  if (!loaded.rubric) throw new Error(`embedded rubric is invalid: ${JSON.stringify(loaded.problems[0])}`);
  cached = loaded.rubric;
  return cached;
}
