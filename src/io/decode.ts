// Bytes → text. Files come from Notepad, WPS and VS Code on Chinese Windows: a UTF-8 BOM, CRLF, GB18030/GBK
// instead of UTF-8, or UTF-16 (Notepad's "Unicode"). Decoding is pure so it serves the CLI and the library alike.
import type { Problem } from '../base/problem.js';

/**
 * The largest evidence or rubric file read: 128 KiB. A school's year of evidence is a few KB (the examples are 3–7 KB; a
 * daily ledger of every record type stays under 50 KB), and this bound keeps any hostile file's answer under a second.
 */
export const MAX_BYTES = 128 * 1024;

/** The largest workbook read: 4 MiB. A year's evidence with a daily ledger is under 200 KB. */
export const MAX_WORKBOOK_BYTES = 4 * 1024 * 1024;

export interface Decoded {
  text?: string;
  problems: Problem[];
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { problems: [{ severity: 'error', code: 'file.empty', params: {}, line: 1, col: 1 }] };
  if (bytes.length > MAX_BYTES) {
    return {
      problems: [
        {
          severity: 'error',
          code: 'file.tooLarge',
          params: { size: bytes.length, max: MAX_BYTES },
          line: 1,
          col: 1,
        },
      ],
    };
  }
  // UTF-16 without a byte-order mark has NULs: most files have none, and need no closer look.
  const hasNul = bytes.includes(0);
  const utf16 = utf16Of(bytes, hasNul);
  if (utf16) return decodeUtf16(bytes, utf16);
  if (hasNul) return { problems: [{ severity: 'error', code: 'file.binary', params: {}, line: 1, col: 1 }] };
  const problems: Problem[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      // Most often a UTF-8 file with a line pasted from a GBK document: the place to retype is where UTF-8 stops.
      return {
        problems: [{ severity: 'error', code: 'file.encoding', params: {}, ...placeOfByte(bytes, badUtf8At(bytes)) }],
      };
    }
    problems.push({ severity: 'info', code: 'file.gb18030', params: {}, line: 1, col: 1 });
  }
  return finish(text, problems);
}

/** Line ends as \n: CRLF (Windows) and lone CR (old Mac) alike. A file without a CR is given back as it is. */
export const unixLines = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** Text as every reader of a file wants it: without a byte-order mark, with \n line ends. */
export const plainLines = (text: string): string => unixLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function finish(decoded: string, problems: Problem[]): Decoded {
  const text = unixLines(decoded);
  if (text.trim() === '') problems.push({ severity: 'error', code: 'file.empty', params: {}, line: 1, col: 1 });
  return { text, problems };
}

type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * UTF-16, as Windows Notepad saves "Unicode" (little-endian) and "Unicode big endian": by its byte-order mark,
 * or, without one, by NUL bytes in every other position — the high bytes of ASCII characters, which keys,
 * numbers, dates and indentation are. A binary file's NULs fall anywhere.
 */
function utf16Of(bytes: Uint8Array, hasNul: boolean): Utf16 | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (!hasNul) return undefined;
  const pairs = Math.min(bytes.length >> 1, 4096);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  // Many characters ASCII, and NULs (almost) only on their side of each pair: a CJK character's low byte is
  // 00 once in 256 (一 is U+4E00).
  if (oddNul >= pairs / 4 && evenNul * 16 <= oddNul) return 'utf-16le';
  if (evenNul >= pairs / 4 && oddNul * 16 <= evenNul) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, encoding: Utf16): Decoded {
  const bom = bytes[0] === (encoding === 'utf-16le' ? 0xff : 0xfe);
  let text: string;
  try {
    // An odd byte count or a lone surrogate is an error, not a replacement character.
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      problems: [
        { severity: 'error', code: 'file.utf16Broken', params: { encoding: NAMES[encoding] }, line: 1, col: 1 },
      ],
    };
  }
  // A NUL in the text is no character a clerk typed: a binary file that happens to start like UTF-16.
  if (text.includes('\u0000'))
    return { problems: [{ severity: 'error', code: 'file.binary', params: {}, line: 1, col: 1 }] };
  const note: Problem = {
    severity: 'info',
    code: 'file.utf16',
    params: { encoding: NAMES[encoding], bom: bom ? 1 : 0 },
    line: 1,
    col: 1,
  };
  return finish(text, [note]);
}

const NAMES: Record<Utf16, string> = { 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

/**
 * Well-formed UTF-8's multi-byte sequences (Unicode's Table 3-7): lead bytes from–to, the sequence's length,
 * and the range its second byte must fall in (which rules out overlong forms, surrogates and past U+10FFFF).
 */
const UTF8_LEADS: readonly (readonly [number, number, number, number, number])[] = [
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
];

/** The offset of the first byte that does not continue valid UTF-8 (bytes.length when all of it is valid). */
export function badUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const lead = UTF8_LEADS.find(([from, to]) => b >= from && b <= to);
    if (!lead) return i;
    const [, , n, lo, hi] = lead;
    const second = bytes[i + 1] ?? -1;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < n; k++) {
      const c = bytes[i + k] ?? -1;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += n;
  }
  return i;
}

/** Line and column (UTF-16 code units, as every other position) of a byte in otherwise valid UTF-8. */
function placeOfByte(bytes: Uint8Array, at: number): { line: number; col: number } {
  // (lastIndexOf from -1 would search the whole array: a bad first byte is on line 1.)
  const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, at));
  const bom = line === 1 && before.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line, col: before.length - bom + 1 };
}
