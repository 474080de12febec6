// How deeply a YAML text nests, found in one pass before the parser sees it. The `yaml` parser recurses once
// per level: `[[[[…` or `a: [` on thousands of lines costs it seconds, runs out of stack (or, in its
// lexer's regular expressions, out of memory), and nested complex keys (`? ? ? …`) take exponential time to
// convert. No evidence file or rubric nests more than a handful of levels, so a document nested deeper than
// MAX_NESTING is refused with one message at the place where it gets too deep.
//
// The scan follows YAML closely enough for that: quoted scalars (opened only where a node starts), block
// scalars (| and >), comments, flow brackets, and the block levels a line opens by indentation and by
// compact indicators (`- `, `? `, `: `). Where it is unsure it counts a level rather than miss one.
import type { Problem } from '../base/problem.js';

export const MAX_NESTING = 64;

const isBlank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

export function nestingProblem(text: string): Problem | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let quoteIndent = -1;
  /** Inside a block scalar: its parent's column, and the content's indentation once known (-1 before). */
  let scalarParent = -1;
  let scalarIndent = -1;
  let line = 1;
  let i = 0;
  const n = text.length;
  const tooDeep = (at: number, depth: number): Problem => ({
    severity: 'error',
    code: 'yaml.tooDeep',
    params: { max: MAX_NESTING, depth },
    line,
    col: at - text.lastIndexOf('\n', at - 1),
  });
  while (i < n) {
    const start = i;
    let end = text.indexOf('\n', i);
    if (end === -1) end = n;
    let indent = 0;
    while (text[i + indent] === ' ') indent++;
    const blank = i + indent >= end || text[i + indent] === '\r' || text[i + indent] === '#';
    if (scalarParent >= 0) {
      if (blank) {
        i = end + 1;
        line++;
        continue;
      }
      if (scalarIndent < 0 && indent > scalarParent) scalarIndent = indent;
      if (scalarIndent >= 0 && indent >= scalarIndent) {
        i = end + 1;
        line++;
        continue;
      }
      scalarParent = -1;
      scalarIndent = -1;
    }
    if (quote && !blank && indent <= quoteIndent) quote = undefined; // the parser ends it here, as an error
    let block = indents.length;
    let expectNode = !quote;
    let keyCol = -1;
    let lastIndicator = -1;
    if (!quote && flow === 0 && !blank) {
      while (indents.length > 0 && (indents.at(-1) ?? 0) > indent) indents.pop();
      if (indents.length === 0 || (indents.at(-1) ?? 0) < indent) indents.push(indent);
      block = indents.length;
    }
    i += indent;
    for (; i < end; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (i === start || isBlank(text[i - 1]))) break;
      if ((c === '-' || c === '?' || c === ':') && isBlank(text[i + 1]) && (expectNode || c === ':')) {
        if (c === ':' && keyCol < 0) keyCol = lastIndicator >= 0 ? lastIndicator + 2 : indent;
        if (c !== ':') lastIndicator = i - start;
        if (flow === 0) block++;
        expectNode = true;
      } else if (c === '[' || c === '{') {
        if (flow > 0 || expectNode) {
          flow++;
          expectNode = true;
        }
      } else if (c === ']' || c === '}') {
        if (flow > 0) flow--;
        expectNode = false;
      } else if (c === ',' && flow > 0) expectNode = true;
      else if ((c === '"' || c === "'") && expectNode) {
        quote = c;
        quoteIndent = indent;
      } else if ((c === '|' || c === '>') && expectNode && flow === 0) {
        scalarParent = keyCol >= 0 ? keyCol : lastIndicator >= 0 ? lastIndicator : indent;
        scalarIndent = -1;
        break;
      } else if ((c === '&' || c === '!') && expectNode) {
        while (i + 1 < end && !isBlank(text[i + 1])) i++; // an anchor or tag: the node comes after it
      } else expectNode = false;
      if (block + flow > MAX_NESTING) return tooDeep(i, block + flow);
    }
    if (block + flow > MAX_NESTING) return tooDeep(end, block + flow);
    i = end + 1;
    line++;
  }
  return undefined;
}
