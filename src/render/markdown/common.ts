// What the Markdown sheet and summary share: the one place a value from a file becomes Markdown, and
// GitHub-flavoured tables built from cells that are already Markdown.
import { escapeMarkdown } from '../../base/escape.js';
import type { Text } from '../../engine/types.js';
import type { Lang } from '../../i18n/messages.js';
import { inLang } from '../types.js';

/**
 * A value from a submission or a rubric file (names, texts, reasons, ids, file names) as Markdown: shown as
 * written, never markup, never a cell break or a line break. Every such value goes through here.
 */
export const md = (s: string): string => escapeMarkdown(s);

/** A rubric text in the chosen language, as Markdown. */
export const mdText = (t: Text, lang: Lang): string => md(inLang(t, lang));

export type Align = 'left' | 'right' | 'center';

const RULE: Record<Align, string> = { left: '---', right: '---:', center: ':---:' };

/** A GFM table: a header, its alignment row and one line per row; every row has the header's cells. */
export function table(
  head: readonly string[],
  align: readonly Align[],
  rows: readonly (readonly string[])[],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  for (const r of rows)
    if (r.length !== head.length) throw new Error(`a row of ${r.length} cells under ${head.length} headings`);
  return [line(head), `|${head.map((_, k) => RULE[align[k] ?? 'left']).join('|')}|`, ...rows.map(line)];
}
