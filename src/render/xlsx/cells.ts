// What every sheet of the workbook shares: the one way a data string enters a cell, styles, column widths
// from the text's display width, and row heights from the lines a wrapped cell will take.
import type { Alignment, Borders, Cell, Fill, Font, Worksheet } from 'exceljs';
import { escapeXlsx, escapeXlsxPart } from '../../base/escape.js';
import type { Text } from '../../engine/types.js';
import type { Lang } from '../../i18n/messages.js';
import { width } from '../text.js';
import { inLang } from '../types.js';

/**
 * Every string from a submission or a rubric file enters the workbook through here (src/base/escape.ts,
 * XLSX): controls shown escaped, CI commands broken, = + - @ at its start neutralised with '.
 */
export const text = (s: string): string => escapeXlsx(s);

/** A string after words of our own in the same cell (学校：name): as `text`, without the leading '. */
export const part = (s: string): string => escapeXlsxPart(s);

/** A rubric's {zh, en} text after words of our own in the same cell, through `part`. */
export const partIn = (t: Text, lang: Lang): string => part(inLang(t, lang));

/** A rubric's {zh, en} text in the chosen language, through `text`. */
export const textIn = (t: Text, lang: Lang): string => text(inLang(t, lang));

/**
 * Number formats. Points are shown as General: at most two decimals exist, so 54.25 shows 54.25 and 3
 * shows 3 (Excel's `0.##` would show "3."). Scores compared down a column (ranking, statistics) show two
 * decimals, as the text summary does; rates are percentages.
 */
export const FMT = {
  points: 'General',
  cents: '0.00',
  signedCents: '+0.00;-0.00;0.00',
  percent: '0.00%',
} as const;

/** Hundredths (RankedSchool, Stats) as the number they stand for: 5425 → 54.25, exactly that double. */
export const fromCents = (cents: number): number => cents / 100;

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEAD_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
export const WARN_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const RED: Partial<Font> = { color: { argb: 'FFC00000' } };
export const BOLD: Partial<Font> = { bold: true };

export const CENTER: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
export const LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
export const TOP_LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'top', wrapText: true };
export const RIGHT: Partial<Alignment> = { horizontal: 'right', vertical: 'middle', wrapText: true };

export type Value = string | number | null;

export interface Put {
  align?: Partial<Alignment>;
  font?: Partial<Font>;
  fill?: Fill;
  numFmt?: string;
  border?: boolean;
}

/**
 * Writes one cell: a string stays a string cell (exceljs makes a formula only of { formula }), a number a
 * number cell, null an empty cell with its style. Strings passed here are already through `text` or ours.
 */
export function put(ws: Worksheet, row: number, col: number, value: Value, style: Put = {}): Cell {
  const cell = ws.getCell(row, col);
  if (value !== null) cell.value = typeof value === 'string' ? fitCell(value) : value;
  if (typeof value === 'number') cell.numFmt = style.numFmt ?? FMT.points;
  cell.alignment = style.align ?? (typeof value === 'number' ? CENTER : LEFT);
  if (style.font) cell.font = style.font;
  if (style.fill) cell.fill = style.fill;
  if (style.border !== false) cell.border = BORDER;
  return cell;
}

/** Merges a block (1-based, inclusive) unless it is a single cell, and borders every cell of it. */
export function merge(ws: Worksheet, top: number, left: number, bottom: number, right: number): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) ws.getCell(r, c).border = BORDER;
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

/** The widest line of a cell's text, in display columns (a CJK character counts 2). */
export const textWidth = (s: string): number => Math.max(0, ...s.split('\n').map(width));

/** A column's width from the texts it shows (and a little padding), held between `min` and `max`. */
export const fitWidth = (texts: readonly string[], min: number, max: number): number =>
  Math.min(max, Math.max(min, ...texts.map((t) => textWidth(t) + 2)));

/** Lines a text takes in a column of `columnWidth`, wrapping each of its lines. */
export const linesIn = (s: string, columnWidth: number): number => {
  const room = Math.max(1, columnWidth - 1);
  return s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(width(line) / room)), 0);
};

/** Points of height per line of 11-point text; Excel does not fit row heights to wrapped text by itself. */
export const LINE_HEIGHT = 15;

/** Excel's tallest row, in points: a taller one makes it repair the file. */
export const MAX_ROW_HEIGHT = 409;

export const heightFor = (lines: number): number => Math.min(MAX_ROW_HEIGHT, Math.max(1, lines) * LINE_HEIGHT + 3);

/** Excel's longest cell text; a longer one makes it repair the file. */
export const MAX_CELL_CHARS = 32_767;

/** A text held to what a cell can take (no surrogate pair split), marked … where cut. */
function fitCell(s: string): string {
  if (s.length <= MAX_CELL_CHARS) return s;
  const end = MAX_CELL_CHARS - 1;
  const code = s.charCodeAt(end - 1);
  return `${s.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end)}…`;
}

/** A4 (paperSize 9), fitted to one page wide and as many tall as needed; header rows repeated. */
export function printA4(ws: Worksheet, orientation: 'portrait' | 'landscape', titleRows: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: titleRows,
  };
}

/** Page numbers at the foot of each printed page (our own words: no data string, no & to escape). */
export const pageFooter = (lang: Lang): string => (lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N');
