// The workbook and its bytes. exceljs (~1 MB) is loaded here, when an XLSX is asked for, never at start-up:
// the CLI bundle leaves it out (scripts/build.mjs, external). Same input, same bytes: the document's dates
// are fixed and the zip entries' times, which exceljs's zip library takes from the clock, are set to the same
// fixed moment.
import type { Workbook } from 'exceljs';

/**
 * 2000-01-01T00:00:00Z: the workbook's created/modified dates and every zip entry's time. A fixed moment
 * rather than one derived from the academic year: a batch spans schools and years, and a file's date says
 * nothing about its content; what matters is that rendering again gives the same bytes.
 */
export const FIXED_TIME_MS = Date.UTC(2000, 0, 1);
/** The same moment as an MS-DOS date and time (zip): years since 1980 << 9 | month << 5 | day; 00:00:00. */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** A fixed Date from a constant: not the clock, which only the argument-less constructor reads. */
const fixedDate = (ms: number): Date => new Date(ms);

export async function newWorkbook(): Promise<Workbook> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jiaxiao';
  wb.lastModifiedBy = 'jiaxiao';
  wb.created = fixedDate(FIXED_TIME_MS);
  wb.modified = fixedDate(FIXED_TIME_MS);
  return wb;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
function set16(b: Uint8Array, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = value >>> 8;
}

/**
 * Sets the modification time of every entry of a zip (local header and central directory) to the fixed
 * moment. The compressed data and CRCs do not depend on it. Throws on a zip it cannot read whole.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const b = Uint8Array.from(zip);
  // End of central directory: its signature in the last 22 + 65535 bytes (a comment may follow it).
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('xlsx: no end of central directory');
  const entries = u16(b, eocd + 10);
  let at = u32(b, eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (u32(b, at) !== 0x02014b50) throw new Error('xlsx: bad central directory entry');
    set16(b, at + 12, DOS_TIME);
    set16(b, at + 14, DOS_DATE);
    const local = u32(b, at + 42);
    if (u32(b, local) !== 0x04034b50) throw new Error('xlsx: bad local file header');
    set16(b, local + 10, DOS_TIME);
    set16(b, local + 12, DOS_DATE);
    at += 46 + u16(b, at + 28) + u16(b, at + 30) + u16(b, at + 32);
  }
  return b;
}

/** The workbook as the bytes of an .xlsx file, the same for the same workbook. */
export async function workbookBytes(wb: Workbook): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buffer as ArrayBuffer));
}
