// jiaxiao's typed API: load a rubric, parse a school's evidence, score it into a sheet. No I/O here
// beyond what the caller hands in as bytes or text.

import type { Rubric } from './engine/model.js';
import { scoreEvidence } from './engine/score.js';
import type { Evidence } from './evidence/model.js';
import { evidenceSchema as buildEvidenceSchema } from './evidence/schema.js';
import type { EvidenceSource } from './report/citations.js';
import { buildSheet, type Sheet } from './report/sheet.js';

export type { Problem, Severity } from './base/problem.js';
export { buildCalendar, type SchoolCalendar } from './engine/calendar.js';
export type { Rubric } from './engine/model.js';
export { RULE_KINDS } from './engine/rules/index.js';
export { plainText } from './engine/text.js';
export type { Finding, RuleKind, Text } from './engine/types.js';
export { evidenceFields, evidenceFieldsMarkdown, type FieldRow } from './evidence/field-list.js';
export type { Evidence, LedgerRecord } from './evidence/model.js';
export { type ParsedEvidence, parseEvidenceBytes, parseEvidenceText } from './evidence/parse.js';
export type { EvidenceInput } from './evidence/schema.js';
/** The evidence file's zod schema (the CLI builds it only when it needs it). */
export const evidenceSchema = buildEvidenceSchema();
export { type Lang, message, problemLine } from './i18n/messages.js';
export { evidenceYaml } from './render/evidence-yaml.js';
export { type EvidenceWorkbookOptions, evidenceWorkbook, templateWorkbook } from './render/workbook/evidence.js';
export type { Citation, EvidenceSource } from './report/citations.js';
export { type Explanation, explain, fieldFeeds } from './report/explain.js';
export type { Sheet, SheetCheck, SheetGain, SheetIndicator, SheetItem, SheetNextLevel } from './report/sheet.js';
export { DEFAULT_RUBRIC_TEXT, defaultRubric } from './rubric/default.js';
export { rubricLanguageMarkdown } from './rubric/language-doc.js';
export { type LoadedRubric, loadRubricBytes, loadRubricText } from './rubric/load.js';
export { parseSchoolBytes, parseSchoolText } from './validation/school.js';

/**
 * (rubric, evidence) → sheet. Pure: the same input gives the same sheet. `where` (the file's name and the
 * `source` that parseSchoolText returns beside the evidence) lets failed checks cite their lines.
 */
export function scoreSchool(rubric: Rubric, evidence: Evidence, where: EvidenceSource = {}): Sheet {
  return buildSheet(rubric, evidence, scoreEvidence(rubric, evidence), where);
}
