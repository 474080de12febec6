// What the evidence says about the rubric itself: self-scores (自评) per 二级指标, within its points.
import { cmp, exact, toNumber } from '../base/exact.js';
import { type Problem, pathText } from '../base/problem.js';
import { indicatorsOf, type Rubric, type RubricIndicator } from '../engine/model.js';
import { evidenceLabel } from '../evidence/field-labels.js';
import { nearest } from '../evidence/issues.js';
import type { EvidenceData } from '../evidence/schema.js';
import { type Located, locate } from '../io/yaml.js';

const BY_ID = new WeakMap<Rubric, Map<string, RubricIndicator>>();

export function selfScoreProblems(data: EvidenceData, rubric: Rubric, source: Located, file?: string): Problem[] {
  let indicators = BY_ID.get(rubric);
  if (!indicators) {
    indicators = new Map(indicatorsOf(rubric).map((b) => [b.id, b]));
    BY_ID.set(rubric, indicators);
  }
  const problems: Problem[] = [];
  const scores = data.selfScores ?? {};
  // Made only for a problem: most files of a batch have none.
  for (const id in scores) {
    const value = scores[id] as number;
    const b = indicators.get(id);
    if (b && value >= 0 && cmp(exact(value), b.points) <= 0) continue;
    const path = ['selfScores', id];
    const label = evidenceLabel(['selfScores']);
    const at = { path: pathText(path), ...(label ? { label } : {}), ...(file ? { file } : {}) };
    if (!b) {
      const suggestion = nearest(id, [...indicators.keys()]) ?? '';
      problems.push({
        severity: 'error',
        code: 'self.unknownIndicator',
        params: { id, suggestion, known: [...indicators.keys()].join(', ') },
        ...at,
        ...locate(source, path, true),
      });
    } else {
      problems.push({
        severity: 'error',
        code: 'self.range',
        params: { id, value, points: toNumber(b.points) },
        ...at,
        ...locate(source, path),
      });
    }
  }
  return problems;
}
