// Bytes → text. Files come from Notepad, WPS and VS Code on Chinese Windows: a UTF-8 BOM, CRLF, or
// GB18030/GBK instead of UTF-8. Decoding is pure so it serves the CLI and the library alike.
import type { Problem } from '../base/problem.js';

/**
 * The largest evidence or rubric file read: 128 KiB. A school's year of evidence is a few KB (the examples are 3–7 KB; a
 * daily ledger of every record type stays under 50 KB), and this bound keeps any hostile file's answer under a second.
 */
export const MAX_BYTES = 128 * 1024;

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
  if (bytes.includes(0)) return { problems: [{ severity: 'error', code: 'file.binary', params: {}, line: 1, col: 1 }] };
  const problems: Problem[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return { problems: [{ severity: 'error', code: 'file.encoding', params: {}, line: 1, col: 1 }] };
    }
    problems.push({ severity: 'info', code: 'file.gb18030', params: {}, line: 1, col: 1 });
  }
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') problems.push({ severity: 'error', code: 'file.empty', params: {}, line: 1, col: 1 });
  return { text, problems };
}
