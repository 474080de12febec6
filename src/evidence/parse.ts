// Bytes or text → Evidence, or located problems. Never throws on bad input.

import * as z from 'zod';
import { hasErrors, type Problem } from '../base/problem.js';
import { PARSE } from '../base/zod-parse.js';
import { decodeBytes, plainLines } from '../io/decode.js';
import { readFast } from '../io/fast-yaml.js';
import { containerOf } from '../io/xlsx.js';
import { type Located, lazySource, parseYaml } from '../io/yaml.js';
import { consistencyProblems } from './consistency.js';
import { withoutBlanks } from './empty.js';
import { evidenceFields } from './field-list.js';
import { issuesToProblems } from './issues.js';
import { type Evidence, toEvidence } from './model.js';
import { plainEvidence } from './plain-evidence.js';
import { evidenceSchema } from './schema.js';
import { forWorkbook, readWorkbookValue } from './workbook/read.js';

export interface ParsedEvidence {
  evidence?: Evidence;
  /** The document with positions, beside the evidence, for checks that report places in the file. */
  source?: Located;
  problems: Problem[];
}

/**
 * zod's compiled parser of the evidence schema, for a batch (`compileEvidenceParser`). Most files never reach
 * zod (plain-evidence.ts); for the rest it checks a file in about a quarter of the time, falls back to zod's
 * own parse for a file with errors (the same issues), and gives the same output. Building and compiling the
 * schema costs ~25 ms: it is done when the first file needs it, never for a batch of plain files.
 */
let compiledParser: ReturnType<typeof evidenceSchema> | undefined;
let compileWhenNeeded = false;

/** From now on, check files that need zod with its compiled parser (a batch's workers each call it). */
export function compileEvidenceParser(): void {
  compileWhenNeeded = true;
}

/** The schema's parser: compiled where a batch asked for it, the schema itself otherwise. */
function evidenceParser(): ReturnType<typeof evidenceSchema> {
  if (!compileWhenNeeded) return evidenceSchema();
  compiledParser ??= z.compile(evidenceSchema());
  return compiledParser;
}

const withFile = (problems: Problem[], file?: string): Problem[] =>
  file ? problems.map((p) => ({ ...p, file })) : problems;

/** A workbook by its name, or by its bytes (a zip, or an OLE file: an .xls or an encrypted .xlsx). */
export const isWorkbook = (bytes: Uint8Array, file?: string): boolean =>
  /\.xls[xm]?$/i.test(file ?? '') || containerOf(bytes) !== 'other';

/**
 * Parses evidence on its own terms; what it says of a rubric is checked in validation/school.ts. A workbook
 * (evidence/workbook/) is read into the same plain data as YAML and checked by the same schema.
 */
export function parseEvidenceBytes(bytes: Uint8Array, file?: string): ParsedEvidence {
  if (isWorkbook(bytes, file)) return parseEvidenceWorkbook(bytes, file);
  const decoded = decodeBytes(bytes);
  if (decoded.text === undefined || hasErrors(decoded.problems)) return { problems: withFile(decoded.problems, file) };
  const parsed = parseEvidenceText(decoded.text, file);
  // Most files decode with nothing to say (UTF-8, not GB18030 or UTF-16): their reading is the answer as it is.
  if (decoded.problems.length === 0) return parsed;
  return { ...parsed, problems: [...withFile(decoded.problems, file), ...parsed.problems] };
}

type FieldLabel = { zh: string; en: string; hint?: string };

/** Evidence fields by path (a list and its items, terms and terms[], as one), and by last key where only one field has it. */
let FIELD_LABELS: { byPath: Map<string, FieldLabel>; byKey: Map<string, FieldLabel | null> } | undefined;

function fieldLabels(): NonNullable<typeof FIELD_LABELS> {
  if (FIELD_LABELS) return FIELD_LABELS;
  const byPath = new Map<string, FieldLabel>();
  const byKey = new Map<string, FieldLabel | null>();
  const pathOfKey = new Map<string, string>();
  for (const row of evidenceFields()) {
    const path = row.path.replace(/\[\]/g, '');
    const label = { zh: row.zh, en: row.en, ...(row.hint ? { hint: row.hint } : {}) };
    if (!byPath.has(path)) byPath.set(path, label);
    const name = path.split('.').at(-1) ?? '';
    const held = pathOfKey.get(name);
    if (held === undefined) {
      pathOfKey.set(name, path);
      byKey.set(name, label);
    } else if (held !== path) byKey.set(name, null);
  }
  FIELD_LABELS = { byPath, byKey };
  return FIELD_LABELS;
}

/** Columns as the clerk saw them: a tab or a full-width space two wide, a non-breaking space one. */
const columnsOf = (lead: string): number => lead.replace(/[\t\u3000]/g, '  ').length;
const KEY_LINE = /^([\t\u3000\u00a0 ]*)((?:-[\t\u3000\u00a0 ]+)*)([A-Za-z_]\w*)[\t\u3000\u00a0 ]*[:：]/;

/**
 * The path of `key` on line `index` (0-based) from the keys above it with less indentation: students under
 * surveys is surveys.students. Undefined where the line does not start with the key (it is inside a flow
 * collection, or not a key at all).
 */
function pathOfKey(lines: readonly string[], index: number, key: string): string | undefined {
  const own = KEY_LINE.exec(lines[index] ?? '');
  if (!own || own[3] !== key) return undefined;
  const keys = [key];
  let level = columnsOf(own[1] ?? '');
  for (let i = index - 1; i >= 0 && level > 0; i--) {
    const m = KEY_LINE.exec(lines[i] ?? '');
    if (!m) continue;
    const lead = columnsOf(m[1] ?? '');
    // The key's own column: after any "- " of a list item.
    const keyColumn = lead + columnsOf(m[2] ?? '');
    if (keyColumn >= level) continue;
    keys.unshift(m[3] ?? '');
    level = lead;
  }
  return keys.join('.');
}

/**
 * A line-level YAML problem names a key but no path: label it by the evidence field at that place (the keys
 * above it), else by the only field of that name. Where neither tells, the message names the key alone,
 * rather than a field the line may not be.
 */
function labelByKey(p: Problem, lines: readonly string[]): Problem {
  const key = p.params.key;
  if (typeof key !== 'string' || key === '' || p.label) return p;
  const { byPath, byKey } = fieldLabels();
  const path = p.line === undefined ? undefined : pathOfKey(lines, p.line - 1, key);
  const label = (path === undefined ? undefined : byPath.get(path)) ?? byKey.get(key);
  return label ? { ...p, label } : p;
}

export function parseEvidenceWorkbook(bytes: Uint8Array, file?: string): ParsedEvidence {
  const read = readWorkbookValue(bytes);
  const early = withFile(read.problems, file);
  if (read.value === undefined || !read.source) return { problems: early };
  const parsed = fromValue(read.value, read.source, file);
  const problems = [...early, ...parsed.problems.map(forWorkbook)];
  return hasErrors(early) ? { problems } : { ...parsed, problems };
}

export function parseEvidenceText(text: string, file?: string): ParsedEvidence {
  const clean = plainLines(text);
  // The fast readings give the careful reading's value or none (test/one-meaning.test.ts, test/simple-yaml.test.ts).
  const fast = readFast(clean);
  if (fast) {
    const result = fromValue(fast.value, lazySource(clean, fast.value), file, true);
    // A file with errors is read again the careful way, whose messages for line-level mistakes are better.
    if (!hasErrors(result.problems)) return result;
  }
  // The positioned path: line-level mistakes are reported and mended, and checking goes on, so that one
  // full-width colon does not hide the other mistakes of the file.
  const yaml = parseYaml(clean);
  const lines = clean.split('\n');
  const early = withFile(
    yaml.problems.map((p) => quoteTheCode(labelByKey(p, lines))),
    file,
  );
  if (!yaml.source) return { problems: early };
  const rest = fromValue(yaml.value, yaml.source, file);
  if (early.length === 0) return rest;
  // One problem a place: a value already reported as written (0o14, .inf, a tag) is not reported again as read.
  const place = (p: Problem) => (p.line === undefined ? undefined : `${p.line}:${p.col}`);
  const seen = new Set(early.flatMap((p) => [p.path, place(p)]).filter((k) => k !== undefined));
  const fresh = (p: Problem) => !seen.has(p.path ?? '') && !seen.has(place(p) ?? '');
  return { problems: [...early, ...rest.problems.filter(fresh)] };
}

/** The school code is a string of digits: any number written for it (0164020001 loses its 0) wants quotes. */
function quoteTheCode(p: Problem): Problem {
  if (p.path !== 'school.code' || !p.code.startsWith('number.')) return p;
  return { ...p, code: 'code.quote', params: { input: String(p.params.input) } };
}

/** A YAML value → evidence, or problems placed through `source` (made only when a problem needs it). */
function fromValue(value: unknown, source: Located, file?: string, quick = false): ParsedEvidence {
  const looksLikeEvidence =
    value !== null && typeof value === 'object' && !Array.isArray(value) && ('school' in value || 'year' in value);
  if (!looksLikeEvidence) {
    return {
      problems: withFile([{ severity: 'error', code: 'file.notEvidence', params: {}, line: 1, col: 1 }], file),
    };
  }
  // The quick reading wants only a yes or no: a file with errors is read again, carefully, for its messages.
  // Most files are valid and already as the schema would give them back: taken as they are (plain-evidence.ts).
  // That takes no null anywhere, so such a file has no blank to remove; a blank where a field may be left out
  // is a field not yet filled in (empty.ts).
  let data = plainEvidence(value);
  const cleaned = data ? value : withoutBlanks(value, evidenceSchema);
  data ??= plainEvidence(cleaned);
  if (!data) {
    const result = evidenceParser().safeParse(cleaned, { ...PARSE, reportInput: !quick });
    if (!result.success && quick)
      return { problems: [{ severity: 'error', code: 'value.invalid', params: { detail: '' } }] };
    if (!result.success) return { problems: issuesToProblems(result.error.issues, evidenceSchema(), source, file) };
    data = result.data;
  }
  const problems = consistencyProblems(data, source, file);
  if (hasErrors(problems)) return { problems };
  return { evidence: toEvidence(data), source, problems };
}
