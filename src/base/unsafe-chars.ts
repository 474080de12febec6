// Characters that must never reach a terminal, a CI log or a report as themselves: C0 controls (NUL, ESC,
// BEL, line breaks…), DEL, C1 controls (U+0080–U+009F), the bidi marks, embeddings, overrides and isolates
// that reorder what is shown (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), the Unicode line and
// paragraph separators, the non-characters U+FFFE/U+FFFF and lone surrogates (invalid in XML and UTF-8).
// The evidence schema refuses them in free text; every renderer escapes them (src/base/escape.ts).

// No `u` flag: lone surrogates are matched as code units.
const UNSAFE_SOURCE = String.raw`[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;

/** Matches every unsafe character (global: for replace). */
export const UNSAFE_CHARS = new RegExp(UNSAFE_SOURCE, 'g');
const ANY_UNSAFE = new RegExp(UNSAFE_SOURCE);
// A plain class (any surrogate, paired or not) is several times faster than the look-arounds above: it
// lets the common clean string through at once.
const MAYBE_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]/;

export const hasUnsafeChar = (s: string): boolean => MAYBE_UNSAFE.test(s) && ANY_UNSAFE.test(s);

/** "U+001B": how a message names a character. */
export const codePointName = (ch: string): string =>
  `U+${(ch.charCodeAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first unsafe character of a value and its position (1-based, in characters as a reader counts them),
 * skipping the ones a multi-line text may hold (`allow`, e.g. "\n\t" for a note).
 */
export function firstUnsafeChar(s: string, allow = ''): { char: string; index: number } | undefined {
  if (!hasUnsafeChar(s)) return undefined;
  let index = 0;
  for (const ch of s) {
    index++;
    if (!allow.includes(ch) && ANY_UNSAFE.test(ch)) return { char: codePointName(ch), index };
  }
  return undefined;
}
