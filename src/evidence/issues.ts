// zod issues → Problems with a message code, the field's label and a concrete suggestion.
import type * as z from 'zod';
import type { Problem } from '../base/problem.js';
import { pathText } from '../base/problem.js';
import { type Located, locate } from '../io/yaml.js';
import { keysAt, labelAt } from './labels.js';

const FULLWIDTH_DIGITS = /[０-９．－]/;
const toHalfWidth = (s: string) => s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const NUMBER_WITH_UNIT = /^\s*(-?\d+(?:\.\d+)?)\s*(元|人|名|个|次|户|分|所|班|项|%|％)\s*$/;
const YES = new Set(['是', '有', '对', '已', '已建立', '√', 'yes', 'y', 'Y', 'Yes', 'YES', 'on']);
const NO = new Set(['否', '无', '没有', '未', '×', 'no', 'n', 'N', 'No', 'NO', 'off']);

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(
        cur + 1,
        (row[j - 1] ?? 0) + 1,
        prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // The distance is at least the difference in length: most candidates need no table at all.
    if (Math.abs(c.length - word.length) > Math.min(limit, bestD)) continue;
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}

/** A date the clerk wrote another way (2023/9/1, 2023年9月1日, 2023.9.1) in the form the file wants. */
function dateSuggestion(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(toHalfWidth(input));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Only a real day is suggested: 2023/13/01 is no date in any form.
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
}

function classify(issue: z.core.$ZodIssue): { code: string; params: Problem['params'] } {
  const input = (issue as { input?: unknown }).input;
  // A schema that names its own message: { error: 'code:rubric.denies' }.
  if (issue.message.startsWith('code:')) return { code: issue.message.slice(5), params: { input: String(input) } };
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return { code: 'value.required', params: {} };
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof input === 'string') {
        const half = toHalfWidth(input);
        const unitless = NUMBER_WITH_UNIT.exec(half)?.[1] ?? half.trim();
        if (FULLWIDTH_DIGITS.test(input))
          return { code: 'value.fullWidthDigits', params: { input, suggestion: unitless } };
        if (/^\s*-?\d+(\.\d+)?\s*$/.test(input))
          return { code: 'value.quotedNumber', params: { input, suggestion: input.trim() } };
        if (/^\s*[-+]?[0-9][0-9_]*(\.[0-9_]*)?\s*$/.test(input) && input.includes('_'))
          return { code: 'value.underscore', params: { input, suggestion: input.trim().replace(/_/g, '') } };
        const unit = NUMBER_WITH_UNIT.exec(input);
        if (unit?.[2] === '%' || unit?.[2] === '％') return { code: 'value.percent', params: { input } };
        if (unit) return { code: 'value.unit', params: { input, suggestion: unit[1] ?? '' } };
        return { code: 'value.notNumber', params: { input } };
      }
      if (issue.expected === 'boolean' && (typeof input === 'string' || typeof input === 'number')) {
        const s = String(input).trim();
        if (s === 'true' || s === 'false') return { code: 'value.quotedBoolean', params: { input: s, suggestion: s } };
        if (YES.has(s) || NO.has(s) || s === '1' || s === '0')
          return {
            code: 'value.yesNo',
            params: { input: s, suggestion: YES.has(s) || s === '1' ? 'true' : 'false' },
          };
      }
      if (input === null) return { code: 'value.empty', params: {} };
      return {
        code: 'value.type',
        params: { expected: issue.expected, received: Array.isArray(input) ? 'array' : typeof input },
      };
    }
    case 'too_small':
      if (issue.origin === 'array') return { code: 'value.tooFew', params: { minimum: Number(issue.minimum) } };
      return {
        code: issue.inclusive ? 'value.min' : 'value.above',
        params: { minimum: Number(issue.minimum), input: String(input) },
      };
    case 'too_big':
      if (issue.origin === 'array') return { code: 'value.tooMany', params: { maximum: Number(issue.maximum) } };
      return { code: 'value.max', params: { maximum: Number(issue.maximum), input: String(input) } };
    case 'invalid_value': {
      if (input === undefined) return { code: 'value.required', params: {} };
      const options = issue.values.map(String);
      const suggestion = typeof input === 'string' ? nearest(input, options) : undefined;
      return suggestion
        ? { code: 'value.enumSuggest', params: { input: String(input), suggestion } }
        : { code: 'value.enum', params: { input: String(input), options: options.join(', ') } };
    }
    case 'not_multiple_of':
      return { code: 'value.integer', params: { input: String(input) } };
    case 'invalid_format': {
      if (issue.format !== 'date') return { code: 'value.format', params: { input: String(input) } };
      const suggestion = dateSuggestion(input);
      return suggestion && suggestion !== input
        ? { code: 'value.dateForm', params: { input: String(input), suggestion } }
        : { code: 'value.date', params: { input: String(input) } };
    }
    case 'custom': {
      const p = (issue.params ?? {}) as Record<string, unknown>;
      if (p.code === 'dateOrDates') return { code: 'ledger.dateOrDates', params: {} };
      if (p.code === 'controlChar')
        return { code: 'value.controlChar', params: { char: String(p.char), index: Number(p.index) } };
      return { code: 'value.invalid', params: { detail: issue.message } };
    }
    default:
      return { code: 'value.invalid', params: { detail: issue.message } };
  }
}

const SUGGESTION_BUDGET = 1000;

/** Turns zod issues into located problems. Integers are checked by zod as `int`: map that case too. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  source: Located,
  file: string | undefined,
  /** Where `schema` sits in the document, when it validates only a part of it. */
  prefix: readonly (string | number)[] = [],
): Problem[] {
  const problems: Problem[] = [];
  // "Did you mean" for the first unknown keys only: a file of 100,000 unknown keys lists 100 problems
  // (MAX_PROBLEMS_PER_FILE) and should not pay for a suggestion for each of the others.
  let suggestions = SUGGESTION_BUDGET;
  for (const issue of issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      const knownText = known.join(', ');
      for (const key of issue.keys) {
        const suggestion = suggestions-- > 0 ? nearest(key, known) : undefined;
        const full = [...path, key];
        problems.push({
          severity: 'error',
          code: suggestion ? 'key.unknownSuggest' : 'key.unknown',
          params: { key, suggestion: suggestion ?? '', known: knownText },
          path: pathText([...prefix, ...full]),
          ...labelOf(schema, path),
          ...locate(source, [...prefix, ...full], true),
          ...(file ? { file } : {}),
        });
      }
      continue;
    }
    let { code, params } = classify(issue);
    if (
      issue.code === 'invalid_type' &&
      issue.expected === 'int' &&
      typeof (issue as { input?: unknown }).input === 'number'
    ) {
      code = 'value.integer';
      params = { input: String((issue as { input?: unknown }).input) };
    }
    problems.push({
      severity: 'error',
      code,
      params,
      path: pathText([...prefix, ...path]),
      ...labelOf(schema, path),
      ...locate(source, [...prefix, ...path]),
      ...(file ? { file } : {}),
    });
  }
  return problems;
}

function labelOf(schema: z.ZodType, path: readonly (string | number)[]): Pick<Problem, 'label'> {
  const label = labelAt(schema, path);
  return label ? { label } : {};
}
