// Rows of cells into the text of a CSV file, the one place every cell passes: strings through escapeCsvCell,
// numbers written as numbers.
//
// The file is what Excel and WPS on Chinese Windows open at a double click:
// - UTF-8 with a BOM (U+FEFF first): without it they read the bytes as GBK and show mojibake.
// - Records end with CRLF, as RFC 4180 says and as Excel writes them: every spreadsheet reads it, and so does
//   the Notepad of older Windows, which shows a file of bare LFs as one line. The \r of each CRLF is the only
//   raw control character in the file; a value's own line breaks are shown escaped (\n), so that every
//   record is exactly one line.
// - Comma-separated, quoted only where a value holds a comma or a double quote (csv-stringify's quoting).
// - Numbers unquoted, with at most two decimals (54.25, 100, -2), so that a spreadsheet reads them as numbers
//   and sums them; a string that looks like a formula is neutralised (escapeCsvCell), a number never.
import { stringify } from 'csv-stringify/sync';
import { escapeCsvCell } from '../../base/escape.js';
import { pointsText } from '../types.js';

/** A cell: text, a number (points, exactly as the model holds them), or empty. */
export type CsvCell = string | number | null;

const CSV_OPTIONS = { record_delimiter: '\r\n', eof: true } as const;

/** The CSV text of rows: a BOM, one CRLF-terminated line per row. Pure. */
export const csvText = (rows: readonly (readonly CsvCell[])[]): string => csvOf(rows, true);

/**
 * csvText of rows made one after another as they are written, a few hundred at a time: a summary of ten
 * thousand schools is never one string. Joined, the pieces are csvText's.
 */
export function* csvPieces(rows: Iterable<readonly CsvCell[]>): Generator<string> {
  let batch: (readonly CsvCell[])[] = [];
  let first = true;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_A_PIECE) {
      yield csvOf(batch, first);
      first = false;
      batch = [];
    }
  }
  if (batch.length > 0 || first) yield csvOf(batch, first);
}

const ROWS_A_PIECE = 256;

/** Rows as CSV lines, each ending CRLF; with the BOM that starts the file, or without (a later piece). */
function csvOf(rows: readonly (readonly CsvCell[])[], bom: boolean): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? escapeCsvCell(cell) : cell)));
  return stringify(safe, {
    ...CSV_OPTIONS,
    bom,
    // The model's numbers have at most two decimals; written through pointsText they show no float noise
    // (54.25, never 54.250000000000001) and drop trailing zeros (100, not 100.00).
    cast: { number: (x) => pointsText(x) },
  });
}
