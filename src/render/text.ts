// Display-width helpers: CJK characters take two columns. Width comes from the Unicode East Asian Width
// property (get-east-asian-width, what string-width itself uses); string-width's emoji regex alone cost
// ~25 ms of start-up, and the sheet's text has no emoji or escape codes to strip.
import { eastAsianWidth } from 'get-east-asian-width';

const charWidths = new Map<string, number>();

/** Display width of one character: 2 for wide and full-width ones, 0 for controls and combining marks. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  let w = charWidths.get(ch);
  if (w === undefined) {
    w = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp < 0x370) || cp === 0x200b ? 0 : eastAsianWidth(cp);
    charWidths.set(ch, w);
  }
  return w;
}

/** Printable ASCII only: a column a character. */
const ASCII = /^[\x20-\x7e]*$/;
/**
 * What is two columns wide in most Chinese text: CJK ideographs, CJK punctuation (U+3000–U+303E) and
 * full-width forms (U+FF01–U+FF60); test/text.test.ts holds every one of them to get-east-asian-width.
 */
const WIDE = /[\u3000-\u303e\u4e00-\u9fff\uff01-\uff60]/g;
/** Printable ASCII and WIDE only. */
const ASCII_OR_WIDE = /^[\x20-\x7e\u3000-\u303e\u4e00-\u9fff\uff01-\uff60]*$/;

/** Display width of plain text (no colour codes). */
export function width(s: string): number {
  // Regular expressions first, which run as fast the first time as the thousandth: a one-sheet run calls
  // this for every cell and line, mostly before V8 compiles the loop below.
  if (ASCII.test(s)) return s.length;
  if (ASCII_OR_WIDE.test(s)) return 2 * s.length - s.replace(WIDE, '').length;
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Punctuation that must not start a line (禁则: closing marks, pauses, stops). */
const NO_LINE_START = /^[。，、；：？！）》」』】〕〉…％%’”,.;:)!?]$/u;
/** …and marks that must not end one (opening brackets and quotes). */
const NO_LINE_END = /^[（《「『【〔〈‘“(]$/u;
/** ASCII words (numbers, dates, ids) stay whole; CJK text breaks between any two characters. */
const TOKENS = /[\x21-\x7e]+|\s+|./gu;

const isSpace = (token: string) => /^\s+$/.test(token);
const lineText = (tokens: string[]) => tokens.join('').trimEnd();

/**
 * Takes down from the end of `line` what must go to the next line with the token that follows: the
 * character before a closing mark, and any opening mark left at the line's end. Never the line's last token.
 */
function carriedDown(line: string[], next: string): string[] {
  const carried: string[] = [];
  // Spaces at a line's end are dropped anyway: what they follow is what ends the line.
  const dropSpaces = () => {
    while (line.length > 1 && isSpace(line[line.length - 1] ?? '')) line.pop();
  };
  dropSpaces();
  // A run of closing marks (。」) goes down with the character before the run.
  while (NO_LINE_START.test(carried[0] ?? next) && line.length > 1) {
    carried.unshift(line.pop() ?? '');
    dropSpaces();
  }
  while (line.length > 1 && NO_LINE_END.test(line[line.length - 1] ?? '')) {
    carried.unshift(line.pop() ?? '');
    dropSpaces();
  }
  return carried;
}

/** Wraps one paragraph into lines of tokens: the first `first` columns wide, the others `rest`. */
function wrapParagraph(para: string, first: number, rest: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let w = 0;
  let limit = first;
  const flush = () => {
    lines.push(line);
    line = [];
    w = 0;
    limit = rest;
  };
  const place = (token: string) => {
    const tw = width(token);
    if (w + tw > limit && line.length > 0) flush();
    if (tw <= limit) {
      line.push(token);
      w += tw;
      return;
    }
    // A word wider than the column: broken, character by character.
    for (const ch of token) {
      const cw = charWidth(ch);
      if (w + cw > limit && line.length > 0) flush();
      line.push(ch);
      w += cw;
    }
  };
  // A space that does not fit ends the line: the next word starts the next one (with what it carries down).
  let spaceBroke = false;
  for (const token of para.match(TOKENS) ?? []) {
    const tw = width(token);
    if (!spaceBroke && w + tw <= limit) {
      line.push(token);
      w += tw;
    } else if (isSpace(token)) {
      spaceBroke = true;
    } else {
      spaceBroke = false;
      const carried = carriedDown(line, token);
      if (line.length > 0) flush();
      for (const t of [...carried, token]) place(t);
    }
  }
  lines.push(line);
  // No single character left alone on the last line: the one before gives it company.
  const last = lines[lines.length - 1] ?? [];
  const prev = lines[lines.length - 2];
  if (prev && [...lineText(last)].length === 1) {
    while (prev.length > 0 && isSpace(prev[prev.length - 1] ?? '')) prev.pop();
    if (prev.length > 2) {
      const token = prev.pop() ?? '';
      const down = [...carriedDown(prev, token), token];
      const fits = width(down.join('')) + width(lineText(last)) <= rest;
      // Only where the line taken from still has a character and the last line starts as it may.
      if (fits && prev.length > 0 && !NO_LINE_START.test(down[0] ?? '')) last.unshift(...down);
      else prev.push(...down);
    }
  }
  return lines;
}

/**
 * Wraps text to a display width, keeping ASCII words whole and Chinese line-breaking rules: no line starts
 * with a closing mark or ends with an opening one, and no last line holds a single character. Lines after
 * a paragraph's first are indented by `hang` columns.
 */
export function wrap(text: string, max: number, hang = 0): string {
  const indent = ' '.repeat(Math.min(hang, Math.max(0, max - 1)));
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // A paragraph that fits is its own line, as wrapParagraph would give it token by token.
    if (width(para) <= max) {
      out.push(para.trimEnd());
      continue;
    }
    wrapParagraph(para, max, max - indent.length).forEach((tokens, k) => {
      out.push(k === 0 ? lineText(tokens) : `${indent}${lineText(tokens)}`);
    });
  }
  return out.join('\n');
}

/** Words wider than this may still be broken: a column this wide is already a fifth of a narrow table. */
export const LONGEST_WORD = 20;

/**
 * The widest ASCII word (a run that wrap keeps whole) of some texts, up to LONGEST_WORD: the narrowest a
 * column can be without breaking a word in the middle (`cooperatio/n`).
 */
export function widestWord(texts: readonly string[]): number {
  let widest = 0;
  for (const t of texts) for (const word of t.match(/[\x21-\x7e]+/g) ?? []) widest = Math.max(widest, word.length);
  return Math.min(LONGEST_WORD, widest);
}

export const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
