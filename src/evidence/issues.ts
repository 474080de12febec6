// zod issues → Problems with a message code, the field's label and a concrete suggestion.
import type * as z from 'zod';
import type { Problem } from '../base/problem.js';
import { pathText } from '../base/problem.js';
import { type Located, locate } from '../io/yaml.js';
import { keysAt, type Label, labelAt, labelledKeysAt } from './labels.js';

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

/** A name and its labels: an object's key, or one of the values a field takes. */
export interface Named {
  key: string;
  zh: string;
  en: string;
}

/** Words that say the same thing in a clerk's shorthand and in the labels. */
const SHORTHAND: [RegExp, string][] = [[/家委会/g, '家长委员会']];
const normalized = (s: string) =>
  SHORTHAND.reduce((t, [re, long]) => t.replace(re, long), s)
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/[\s_]+/g, '');

/** Whether the characters of `short` appear in `long` in order (专题讲座 in 专题培训讲座). */
function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/** Share of the two texts' character pairs in common (Dice), for names that differ in more than order. */
function pairSimilarity(a: string, b: string): number {
  const pairs = (s: string) => {
    const chars = [...s];
    return chars.slice(1).map((c, i) => `${chars[i]}${c}`);
  };
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.length === 0 || pb.length === 0) return 0;
  const left = [...pb];
  let common = 0;
  for (const p of pa) {
    const at = left.indexOf(p);
    if (at >= 0) {
      common++;
      left.splice(at, 1);
    }
  }
  return (2 * common) / (pa.length + pb.length);
}

/**
 * The names whose Chinese label is what a clerk wrote in place of the name (指导师人数 for instructors, 讲座 for
 * lecture): the label itself first, else labels that contain what was written, else those holding its
 * characters in order, else those sharing most of its character pairs. Equally good matches are all returned
 * (读书活动: reading and onlineReading), at most three; none when nothing is close.
 */
export function byChineseName(written: string, candidates: readonly Named[]): Named[] {
  const w = normalized(written);
  if (!/\p{Script=Han}/u.test(w) || [...w].length < 2) return [];
  const scored = candidates.map((c) => {
    const zh = normalized(c.zh);
    const share = Math.min(w.length, zh.length) / Math.max(w.length, zh.length);
    const score =
      zh === w
        ? 4
        : zh.includes(w) || w.includes(zh)
          ? 3 + share
          : inOrder(w, zh)
            ? 2 + share
            : pairSimilarity(w, zh) >= 0.5
              ? 1 + pairSimilarity(w, zh)
              : 0;
    return { c, score };
  });
  const best = Math.max(0, ...scored.map((x) => x.score));
  if (best === 0) return [];
  const top = scored.filter((x) => x.score === best).map((x) => x.c);
  return top.length <= 3 ? top : [];
}

/** The params of a message that names the keys or values meant, with their labels: joined by "|". */
export const namedParams = (found: readonly Named[]) => ({
  suggestion: found.map((f) => f.key).join('|'),
  suggestionZh: found.map((f) => f.zh).join('|'),
  suggestionEn: found.map((f) => f.en).join('|'),
});

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
        const full = [...path, key];
        const where = {
          path: pathText([...prefix, ...full]),
          ...labelOf(schema, path),
          ...locate(source, [...prefix, ...full], true),
          ...(file ? { file } : {}),
        };
        // A key written by its Chinese label (指导师人数): the English key it stands for, not the whole list.
        const meant = suggestions > 0 ? byChineseName(key, labelledKeysAt(schema, path)) : [];
        if (meant.length > 0) {
          suggestions--;
          problems.push({ severity: 'error', code: 'key.chinese', params: { key, ...namedParams(meant) }, ...where });
          continue;
        }
        const suggestion = suggestions-- > 0 ? nearest(key, known) : undefined;
        problems.push({
          severity: 'error',
          code: suggestion ? 'key.unknownSuggest' : 'key.unknown',
          params: { key, suggestion: suggestion ?? '', known: knownText },
          ...where,
        });
      }
      continue;
    }
    // A value written by its Chinese name (type: 讲座): the English value it stands for.
    const input = (issue as { input?: unknown }).input;
    const values = issue.code === 'invalid_value' ? labelAt(schema, path)?.values : undefined;
    const meant =
      values && typeof input === 'string'
        ? byChineseName(
            input,
            Object.entries(values).map(([key, v]) => ({ key, ...v })),
          )
        : [];
    if (meant.length > 0) {
      problems.push({
        severity: 'error',
        code: 'value.chinese',
        params: { input: String(input), ...namedParams(meant) },
        path: pathText([...prefix, ...path]),
        ...labelOf(schema, path),
        ...locate(source, [...prefix, ...path]),
        ...(file ? { file } : {}),
      });
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
  const label: Label | undefined = labelAt(schema, path);
  // A problem carries the field's names and hint, not the names of every value it may take.
  return label ? { label: { zh: label.zh, en: label.en, ...(label.hint ? { hint: label.hint } : {}) } } : {};
}
