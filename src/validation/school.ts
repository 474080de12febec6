// A school's evidence read for a rubric: the file on its own terms (evidence/parse.ts), then what it says of
// that rubric — self-scores above an indicator's points are errors, and such a file is not scored.
import { hasErrors } from '../base/problem.js';
import type { Rubric } from '../engine/model.js';
import { type ParsedEvidence, parseEvidenceBytes, parseEvidenceText } from '../evidence/parse.js';
import { selfScoreProblems } from './against-rubric.js';

function againstRubric(parsed: ParsedEvidence, rubric: Rubric, file?: string): ParsedEvidence {
  if (!parsed.evidence || !parsed.source) return parsed;
  const found = selfScoreProblems(parsed.evidence.data, rubric, parsed.source, file);
  if (found.length === 0) return parsed;
  const problems = [...parsed.problems, ...found];
  return hasErrors(found) ? { problems } : { ...parsed, problems };
}

export const parseSchoolBytes = (bytes: Uint8Array, rubric: Rubric, file?: string): ParsedEvidence =>
  againstRubric(parseEvidenceBytes(bytes, file), rubric, file);

export const parseSchoolText = (text: string, rubric: Rubric, file?: string): ParsedEvidence =>
  againstRubric(parseEvidenceText(text, file), rubric, file);
