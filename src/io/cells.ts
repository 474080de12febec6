// Where each value of a workbook came from: data path → "sheet!cell". A workbook's problems are placed by
// this map as a YAML file's are by line and column (see `locate` in ./yaml.ts).
import { pathText } from '../base/problem.js';

export interface CellSource {
  /** pathText(path) → "台账!C14". A missing value's path maps to the cell where it belongs, where there is one. */
  cells: Map<string, string>;
  /** Where a path with no cell of its own or of any ancestor is placed: the first sheet's first cell. */
  fallback: string;
}

/** The cell of a path: its own, else its nearest ancestor's. */
export function cellOf(source: CellSource, path: readonly PropertyKey[]): string {
  for (let n = path.length; n > 0; n--) {
    const cell = source.cells.get(pathText(path.slice(0, n)));
    if (cell !== undefined) return cell;
  }
  return source.fallback;
}
