// Display-width helpers: CJK characters take two columns; cli-table3's own wrapping drops them.
import stringWidth from 'string-width';

export const width = (s: string): number => stringWidth(s);

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
      const tw = stringWidth(token);
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
          const cw = stringWidth(ch);
          if (w + cw > max) flush();
          line.push(ch);
          w += cw;
        }
        continue;
      }
      line.push(carried, token);
      w = stringWidth(carried) + tw;
    }
    flush();
  }
  return out.join('\n');
}
