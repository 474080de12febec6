import { escapeText } from '../base/escape.js';
import type { Text } from '../engine/types.js';
import type { Lang } from '../i18n/messages.js';
import type { Sheet } from '../report/sheet.js';

export type Paint = Record<'red' | 'yellow' | 'green' | 'dim' | 'bold', (text: string) => string>;

export interface RenderOptions {
  lang: Lang;
  /** Colours for a terminal; identity functions otherwise. */
  paint: Paint;
  /** Show passed checks' reasons too. */
  details: boolean;
}

export type SheetRenderer = (sheet: Sheet, options: RenderOptions) => string;

/** A text in the chosen language. */
export const inLang = (t: Text, lang: Lang): string => (lang === 'zh' ? t.zh : t.en);

/** A text in one language, escaped for a terminal or a text file (rubric and evidence strings alike). */
export const textOf = (t: Text, lang: Lang): string => escapeText(inLang(t, lang));

/** Points as people write them: 11, 0.75, 2.5. */
export const pointsText = (x: number): string => String(Math.round(x * 100) / 100);
