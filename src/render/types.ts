import { escapeText } from '../base/escape.js';
import type { Text } from '../engine/types.js';
import type { Lang } from '../i18n/messages.js';
import type { Content } from '../io/write.js';
import type { Sheet } from '../report/sheet.js';
import type { Summary } from '../report/summary.js';

export type Paint = Record<'red' | 'yellow' | 'green' | 'dim' | 'bold', (text: string) => string>;

/**
 * What a renderer makes: text (UTF-8 when written), the bytes of a binary file (XLSX), or text in pieces
 * made as they are written (a summary's ranking, one school after another: never one string in memory).
 */
export type Output = Content;

export interface SummaryRenderOptions {
  lang: Lang;
  /** Colours for a terminal; identity functions otherwise. */
  paint: Paint;
  /** Columns a text table may take (the terminal's width, or --width, or TEXT_WIDTH). */
  width: number;
}

export interface RenderOptions extends SummaryRenderOptions {
  /** Show passed checks' reasons too. */
  details: boolean;
}

/** Renderers are pure: no I/O, the same output for the same input. XLSX's is async (its library is). */
export type SheetRenderer = (sheet: Sheet, options: RenderOptions) => Output | Promise<Output>;
export type SummaryRenderer = (summary: Summary, options: SummaryRenderOptions) => Output | Promise<Output>;

/** An output format: one file under render/formats/ and one line in render/formats.ts. */
export interface Format {
  name: string;
  /** The extension of the files it writes, with its dot. */
  ext: string;
  /** One line for `--help`. */
  help: Text;
  /** Bytes, not text: never written to a terminal. */
  binary: boolean;
  /**
   * Its batch output holds every school's sheet as well as the summary (HTML's printable sheets, XLSX's
   * sheet per school): the batch keeps the sheets for it, in ranking order, in `Summary.sheets`.
   */
  withSheets: boolean;
  /** Summaries of several academic years may follow one another in one output (a table, Markdown). */
  stackable: boolean;
  sheet: SheetRenderer;
  summary: SummaryRenderer;
}

/** Columns of a text table when stdout is not a terminal and no --width is given (README). */
export const TEXT_WIDTH = 100;

/** A text in the chosen language. */
export const inLang = (t: Text, lang: Lang): string => (lang === 'zh' ? t.zh : t.en);

/** A text in one language, escaped for a terminal or a text file (rubric and evidence strings alike). */
export const textOf = (t: Text, lang: Lang): string => escapeText(inLang(t, lang));

/** Points as people write them: 11, 0.75, 2.5. */
export const pointsText = (x: number): string => String(Math.round(x * 100) / 100);
