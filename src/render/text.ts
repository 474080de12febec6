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

/** Display width of plain text (no colour codes). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Punctuation that must not start a line (禁则). */
const NO_LINE_START = /^[。，、；：？！）》」』】%’”,.;:)!?]$/u;
/** ASCII words (numbers, dates, ids) stay whole; CJK text breaks between any two characters. */
const TOKENS = /[\x21-\x7e]+|\s+|./gu;

/** Wraps text to a display width, keeping ASCII words whole and closing punctuation off a line's start. */
export function wrap(text: string, max: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line: string[] = [];
    let w = 0;
    const flush = () => {
      out.push(line.join('').trimEnd());
      line = [];
      w = 0;
    };
    for (const token of para.match(TOKENS) ?? []) {
      const tw = width(token);
      if (w + tw <= max) {
        line.push(token);
        w += tw;
        continue;
      }
      if (/^\s+$/.test(token)) {
        flush();
        continue;
      }
      // Carry the last character down with a closing mark, rather than start a line with it.
      const carried = NO_LINE_START.test(token) && line.length > 1 ? (line.pop() ?? '') : '';
      if (line.length > 0) flush();
      if (tw > max) {
        for (const ch of carried + token) {
          const cw = charWidth(ch);
          if (w + cw > max) flush();
          line.push(ch);
          w += cw;
        }
        continue;
      }
      line.push(carried, token);
      w = width(carried) + tw;
    }
    flush();
  }
  return out.join('\n');
}

export const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
