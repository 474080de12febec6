// A template's example values (`jiaxiao init`) are marked 【待填】 in their line's comment: a required field
// cannot be left blank, so the template gives a value the school must replace. Each marked line left is a
// warning (an error under --strict): the file is not yet the school's own.

import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Problem } from '../base/problem.js';
import { pathText } from '../base/problem.js';
import { evidenceLabel } from '../evidence/field-labels.js';
import { decodeBytes, unixLines } from '../io/decode.js';
import type { Located } from '../io/yaml.js';

export const PLACEHOLDER_MARK = '【待填】';
const MARK_UTF8 = Buffer.from(PLACEHOLDER_MARK, 'utf8');
/** The mark as GB18030 writes it, for a template saved again in that encoding. */
const MARK_GB = Buffer.from([0xa1, 0xbe, 0xb4, 0xfd, 0xcc, 0xee, 0xa1, 0xbf]);

/** The path of the outermost field or list entry that starts on each line. */
function pathsByLine(located: Located): Map<number, (string | number)[]> {
  const found = new Map<number, (string | number)[]>();
  // A workbook has no comments, so no template marks: its places are cells.
  if (typeof located !== 'function' && 'cells' in located) return found;
  const { doc, lines } = typeof located === 'function' ? located() : located;
  const at = (node: Node | null | undefined, path: (string | number)[]) => {
    const start = node?.range?.[0];
    if (start === undefined) return;
    const line = lines.linePos(start).line;
    if (!found.has(line)) found.set(line, path);
  };
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const p = [...path, String(pair.key.value)];
        at(pair.key, p);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        at(item as Node, [...path, i]);
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return found;
}

export function placeholderProblems(bytes: Uint8Array, source: Located, file?: string): Problem[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.includes(MARK_UTF8) && !buffer.includes(MARK_GB)) return [];
  const text = decodeBytes(bytes).text ?? '';
  const lines = unixLines(text).split('\n');
  let byLine: Map<number, (string | number)[]> | undefined;
  const problems: Problem[] = [];
  lines.forEach((line, i) => {
    // A value with the mark in its comment; a line of comment alone (the template's instructions) is none.
    const hash = line.indexOf('#');
    if (hash <= 0 || line.slice(0, hash).trim() === '' || !line.includes(PLACEHOLDER_MARK, hash)) return;
    byLine ??= pathsByLine(source);
    const path = byLine.get(i + 1);
    const label = path ? evidenceLabel(path) : undefined;
    problems.push({
      severity: 'warning',
      code: 'template.placeholder',
      params: {},
      ...(path ? { path: pathText(path) } : {}),
      ...(label ? { label } : {}),
      line: i + 1,
      col: line.length - line.trimStart().length + 1,
      ...(file ? { file } : {}),
    });
  });
  return problems;
}
