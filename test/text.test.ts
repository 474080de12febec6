// Display width (src/render/text.ts): its quick answers by regular expression agree with the Unicode East
// Asian Width table, character by character, and a paragraph that fits is one line as it is.
import fc from 'fast-check';
import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { width, wrap } from '../src/render/text.js';

const SEED = Number(process.env.FC_SEED ?? 20261208);

/** The width of one code point as the table gives it, with the zero-width cases text.ts names. */
function referenceWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp < 0x370) || cp === 0x200b) return 0;
  return eastAsianWidth(cp);
}
const reference = (s: string) => [...s].reduce((w, ch) => w + referenceWidth(ch.codePointAt(0) ?? 0), 0);

// Characters of every kind width() meets: ASCII, ideographs, CJK and full-width punctuation, the edges of
// those ranges, Hangul, kana, emoji, combining marks, controls, a zero-width space, a lone surrogate.
const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '~',
  '-',
  '家',
  '校',
  '共',
  '育',
  '\u4e00',
  '\u9fff',
  '\u9fa5',
  '，',
  '。',
  '（',
  '）',
  '、',
  '：',
  '\u3000',
  '\u303e',
  '\u303f',
  '\u302a',
  '\uff01',
  '\uff60',
  '\uff61',
  '\uffe5',
  '한',
  'ア',
  'ｱ',
  '😀',
  '\u0301',
  '\u0007',
  '\u007f',
  '\u200b',
  '\ud800',
  'é',
  '\u00a0',
  '\t',
];

describe('width', () => {
  it('every character the quick answer counts as two columns is two columns wide in the table', () => {
    for (const [from, to] of [
      [0x3000, 0x303e],
      [0x4e00, 0x9fff],
      [0xff01, 0xff60],
    ] as const)
      for (let cp = from; cp <= to; cp++) expect(referenceWidth(cp), cp.toString(16)).toBe(2);
  });
  it('gives the width the table gives, for any mix of characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(width(s)).toBe(reference(s));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('wrap', () => {
  it('a paragraph that fits is its own line, spaces at its end dropped; one that does not is broken to fit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('家校', '共育', '，', '。', 'B6.2', ' ', '2023-2024', '（', '）', '\u3000'), {
          maxLength: 30,
        }),
        fc.integer({ min: 10, max: 60 }),
        (words, max) => {
          const para = words.join('');
          const lines = wrap(para, max).split('\n');
          if (reference(para) <= max) expect(lines).toEqual([para.trimEnd()]);
          else for (const line of lines) expect(reference(line)).toBeLessThanOrEqual(max);
          // Nothing lost but the spaces at the lines' ends.
          expect(lines.join('').replace(/[\s\u3000]/g, '')).toBe(para.replace(/[\s\u3000]/g, ''));
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
