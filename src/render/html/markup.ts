// HTML built with one tagged template: every interpolated string (a school's name, a rubric's text, a
// reason, a file name) passes through escapeHtml here and nowhere else; only our own markup, wrapped in
// `Html` by the template itself or by `raw`, goes out as written.
import { escapeHtml } from '../../base/escape.js';

/** Markup we wrote: never a value from a file. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: markup, text to escape, numbers we computed, lists of these, or nothing. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

/** Our own markup (CSS, fixed entities): for literals in this folder only, never for data. */
export const raw = (markup: string): Html => new Html(markup);

function partText(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return escapeHtml(part);
  return part.map(partText).join('');
}

/** html`<td>${name}</td>`: the literal parts as written, every value escaped (or kept, when markup). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += partText(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Parts joined with a separator (itself markup or text). */
export const join = (parts: readonly Part[], separator: Part = ''): Html =>
  new Html(parts.map(partText).join(partText(separator)));
