// The embedded Wuzhong rubric: bundled as text, so `jiaxiao score school.yaml` needs no flag and no file.
import wuzhong from '../../rubric/wuzhong-2019.yaml?raw';
import { loadRubricText } from './load.js';
import type { Rubric } from './model.js';

export const DEFAULT_RUBRIC_ID = 'wuzhong-2019';
export const DEFAULT_RUBRIC_TEXT: string = wuzhong;

let cached: Rubric | undefined;

/** The default rubric, loaded once. It is tested to load without problems; a failure here is a build bug. */
export function defaultRubric(): Rubric {
  if (cached) return cached;
  const loaded = loadRubricText(wuzhong, 'rubric/wuzhong-2019.yaml');
  if (!loaded.rubric) throw new Error(`embedded rubric is invalid: ${JSON.stringify(loaded.problems[0])}`);
  cached = loaded.rubric;
  return cached;
}
