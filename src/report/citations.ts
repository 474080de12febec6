// Evidence citations: the engine names the evidence behind a failure by path (["facts", "spending"],
// ["ledger", 3]); here, where the document's positions are known, each path becomes the line it was written on.
import { pathText } from '../base/problem.js';
import { type Located, locate } from '../io/yaml.js';

/** A place in the evidence file: the path as written and its line (1-based); in a workbook, its cell instead. */
export interface Citation {
  path: string;
  line: number;
  /** "台账!C14": a workbook's place (then `line` is 0). */
  cell?: string;
}

/** Where a sheet's citations point: the evidence file's name as given, and its document with positions. */
export interface EvidenceSource {
  file?: string;
  source?: Located;
}

/** A path's place, or undefined where the document does not hold it (a path is never placed at an ancestor). */
function placeOf(located: Located, path: readonly (string | number)[]): { line: number; cell?: string } | undefined {
  if (path.length === 0) return undefined;
  if (typeof located !== 'function' && 'cells' in located) {
    const cell = located.cells.get(pathText(path));
    return cell === undefined ? undefined : { line: 0, cell };
  }
  // Most files: a quick look at the lines answers, and the careful parse with positions is never made.
  const quick = typeof located === 'function' ? located.quickLine?.(path) : undefined;
  if (quick !== undefined) return quick === null ? undefined : { line: quick };
  const source = typeof located === 'function' ? located() : located;
  if (!source.doc.hasIn(path)) return undefined;
  // A list or a map value starts on the line after its key: the key's line is where the reader looks.
  return { line: locate(source, path, true).line };
}

/**
 * Resolves a finding's cited paths to lines, each place once, in the order cited. No document (a sheet built
 * from evidence alone, through the API): no citations.
 */
export function resolveCitations(
  located: Located | undefined,
  paths: readonly (readonly (string | number)[])[] | undefined,
): Citation[] {
  if (!located || !paths || paths.length === 0) return [];
  const out: Citation[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const place = placeOf(located, p);
    if (place === undefined) continue;
    const path = pathText(p);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, ...place });
  }
  return out;
}
