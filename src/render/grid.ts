// A box-drawn grid for the terminal: display-width aware (CJK is two columns), cells that span columns,
// and rules only where asked, with junctions that match the lines above and below. cli-table3 can do
// neither the selective rules nor CJK wrapping, and cost ~50 ms of start-up.
import { padEnd, widestWord, wrap } from './text.js';

export interface Cell {
  text: string;
  /** How many columns it covers; 1 by default. */
  span?: number;
  /** Columns by which its wrapped lines are indented under the first. */
  hang?: number;
  /** Colour for each of its lines, applied after padding so widths stay right. */
  paint?: (line: string) => string;
}

/** A row of cells, or a horizontal rule whose first `indent` columns stay open (a cell continuing down). */
export type Row = { cells: Cell[] } | { rule: true; indent?: number };

const JUNCTION: Record<string, string> = { '11': '┼', '01': '┬', '10': '┴', '00': '─' };

/** Column indices (1 … n-1) with a vertical line before them in a row of cells. */
function boundaries(cells: Cell[]): Set<number> {
  const out = new Set<number>();
  let col = 0;
  for (const c of cells) {
    col += c.span ?? 1;
    out.add(col);
  }
  return out;
}

/** Each column at least as wide as the widest ASCII word of its own (unspanned) cells, so none is broken. */
export function wordWidths(widths: readonly number[], rows: readonly Row[]): number[] {
  const texts: string[][] = widths.map(() => []);
  for (const row of rows) {
    if (!('cells' in row)) continue;
    let col = 0;
    for (const cell of row.cells) {
      if ((cell.span ?? 1) === 1) texts[col]?.push(cell.text);
      col += cell.span ?? 1;
    }
  }
  return widths.map((w, i) => Math.max(w, widestWord(texts[i] ?? [])));
}

export function renderGrid(widths: readonly number[], given: Row[]): string {
  // A rule with nothing under it (a table of a header alone) would stand on the bottom border.
  const rows = 'rule' in (given.at(-1) ?? {}) ? given.slice(0, -1) : given;
  const n = widths.length;
  const out: string[] = [];
  const bounds = rows.map((r) => ('cells' in r ? boundaries(r.cells) : undefined));
  const near = (i: number, step: -1 | 1): Set<number> => {
    for (let j = i + step; j >= 0 && j < rows.length; j += step) {
      const b = bounds[j];
      if (b) return b;
    }
    return new Set();
  };

  const rule = (left: string, right: string, above: Set<number>, below: Set<number>, indent = 0) => {
    let line = indent > 0 ? '│' : left;
    for (let c = 0; c < n; c++) {
      const w = widths[c] ?? 0;
      line += c < indent ? ' '.repeat(w + 2) : '─'.repeat(w + 2);
      if (c === n - 1) break;
      const b = c + 1;
      if (b < indent) line += '│';
      else if (b === indent) line += '├';
      else line += JUNCTION[`${above.has(b) ? 1 : 0}${below.has(b) ? 1 : 0}`];
    }
    return line + right;
  };

  out.push(rule('┌', '┐', new Set(), near(-1, 1)));
  rows.forEach((row, i) => {
    if ('rule' in row) {
      out.push(rule('├', '┤', near(i, -1), near(i, 1), row.indent ?? 0));
      return;
    }
    let col = 0;
    const blocks = row.cells.map((cell) => {
      const span = cell.span ?? 1;
      const w = widths.slice(col, col + span).reduce((a, x) => a + x, 0) + 3 * (span - 1);
      col += span;
      return { lines: cell.text === '' ? [] : wrap(cell.text, w, cell.hang).split('\n'), w, paint: cell.paint };
    });
    const height = Math.max(1, ...blocks.map((b) => b.lines.length));
    for (let k = 0; k < height; k++) {
      const parts = blocks.map((b) => {
        const text = padEnd(b.lines[k] ?? '', b.w);
        return ` ${b.paint && b.lines[k] !== undefined ? b.paint(text) : text} `;
      });
      out.push(`│${parts.join('│')}│`);
    }
  });
  out.push(rule('└', '┘', near(rows.length, -1), new Set()));
  return out.join('\n');
}
