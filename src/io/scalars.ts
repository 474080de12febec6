// What a plain scalar means: the YAML 1.2 core schema, written once for every reader (the simple reading and
// js-yaml, fast, and `yaml`, with positions), so that a file has one meaning whichever of them reads it. The
// patterns are those of the `yaml` package's core schema; tests compare the readers over generated documents.
import type { Problem } from '../base/problem.js';

export const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
export const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
export const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
export const CORE_FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/**
 * A plain scalar YAML reads as a null, a boolean or a number (`1:`, `true:`, `~:`), not as its text. Only those
 * characters can start one: most keys and words are answered by their first character alone.
 */
export function notAString(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return CORE_INT.test(s) || CORE_FLOAT.test(s);
  if (c === 116 || c === 84 || c === 102 || c === 70) return CORE_BOOL.test(s);
  return (s.length === 0 || c === 126 || c === 110 || c === 78) && CORE_NULL.test(s);
}

export function coreInt(s: string): number {
  if (s.startsWith('0o')) return Number.parseInt(s.slice(2), 8);
  if (s.startsWith('0x')) return Number.parseInt(s.slice(2), 16);
  return Number.parseInt(s, 10);
}

export function coreFloat(s: string): number {
  const lower = s.toLowerCase();
  if (lower.endsWith('.nan')) return Number.NaN;
  if (lower.endsWith('.inf')) return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number.parseFloat(s);
}

// Made once: a regular expression written in a function is a new object each time it runs, and this runs for
// every number of every file in a batch.
const RADIX_PREFIX = /^0[ox]/;
const LEADING_ZERO = /^[-+]?0[0-9]/;

/**
 * A number the file states in a form a person would not mean, or that cannot be held exactly: octal and hex,
 * a leading zero (octal to YAML 1.1 readers, decimal to YAML 1.2), .inf/.nan and overflow, integers past 2^53.
 * Every reader refuses these (the fast ones by handing the file to the careful one, which says why).
 */
export function numberProblem(source: string, value: number): { code: string; params: Problem['params'] } | undefined {
  if (!Number.isFinite(value)) return { code: 'number.notFinite', params: { input: source } };
  if (RADIX_PREFIX.test(source)) {
    return {
      code: source[1] === 'o' ? 'number.octal' : 'number.hex',
      params: { input: source, value: String(value) },
    };
  }
  if (LEADING_ZERO.test(source)) {
    const digits = source.replace(/^[-+]?0+(?=[0-9])/, '');
    const sign = source.startsWith('-') ? '-' : '';
    const octal = /^[-+]?[0-7]+$/.test(source) ? Number.parseInt(source, 8) : undefined;
    return {
      code: 'number.leadingZero',
      params: { input: source, suggestion: `${sign}${digits}`, ...(octal !== undefined ? { octal } : {}) },
    };
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    return { code: 'number.tooLarge', params: { input: source, max: Number.MAX_SAFE_INTEGER } };
  return undefined;
}
