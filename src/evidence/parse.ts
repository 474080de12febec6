// Bytes or text → Evidence, or located problems. Never throws on bad input.

import * as z from 'zod';
import { hasErrors, type Problem } from '../base/problem.js';
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
  return { ...parsed, problems: [...withFile(decoded.problems, file), ...parsed.problems] };
}

const KEY_LABELS = new Map<string, { zh: string; en: string; hint?: string }>();

/** A line-level YAML problem names a key but no path: label it by the evidence field of that name. */
function labelByKey(p: Problem): Problem {
  const key = p.params.key;
  if (typeof key !== 'string' || key === '' || p.label) return p;
  if (KEY_LABELS.size === 0) {
    for (const row of evidenceFields()) {
      const name = row.path.replace(/\[\]/g, '').split('.').at(-1) ?? '';
      if (!KEY_LABELS.has(name))
        KEY_LABELS.set(name, { zh: row.zh, en: row.en, ...(row.hint ? { hint: row.hint } : {}) });
    }
  }
  const label = KEY_LABELS.get(key);
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
  const early = withFile(yaml.problems.map(labelByKey).map(quoteTheCode), file);
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
  // A blank where a field may be left out is a field not yet filled in (empty.ts).
  const cleaned = withoutBlanks(value, evidenceSchema);
  // Most files are valid and already as the schema would give them back: taken as they are (plain-evidence.ts).
  let data = plainEvidence(cleaned);
  if (!data) {
    const result = evidenceParser().safeParse(cleaned, { reportInput: !quick });
    if (!result.success && quick)
      return { problems: [{ severity: 'error', code: 'value.invalid', params: { detail: '' } }] };
    if (!result.success) return { problems: issuesToProblems(result.error.issues, evidenceSchema(), source, file) };
    data = result.data;
  }
  const problems = consistencyProblems(data, source, file);
  if (hasErrors(problems)) return { problems };
  return { evidence: toEvidence(data), source, problems };
}
