// Checks of a parsed document that the `yaml` package does not make, or makes without a place: what a file
// may not say even where YAML allows it (tags, complex keys, __proto__, numbers no one writes on purpose),
// aliases to no anchor, a YAML version other than 1.2, and text after the document end marker `...`.
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  Scalar,
  visit,
} from 'yaml';
import { type Problem, pathText } from '../base/problem.js';
import { numberProblem } from './scalars.js';

type Ancestors = readonly unknown[];

/** The field path and nearest key of a node, from the ancestors `visit` gives. */
function placeOf(ancestors: Ancestors, node: unknown): { path: string; key: string } {
  const path: (string | number)[] = [];
  let key = '';
  for (let i = 0; i < ancestors.length; i++) {
    const a = ancestors[i];
    const child = ancestors[i + 1] ?? node;
    if (isPair(a) && isScalar(a.key) && child === a.value) {
      key = String(a.key.value);
      path.push(key);
    } else if (isSeq(a)) path.push(a.items.indexOf(child as never));
  }
  return { path: pathText(path), key };
}

/** Where a tag starts: it stands before the node, possibly with an anchor between. */
function tagStart(text: string, nodeStart: number): { at: number; tag: string } | undefined {
  const before = text.slice(Math.max(0, nodeStart - 200), nodeStart);
  const m = /(!\S*)(?:\s+&\S+)?\s*$/.exec(before);
  return m?.[1] ? { at: nodeStart - before.length + m.index, tag: m[1] } : undefined;
}

/** After this many, the rest of a document's problems are of the same kind: the first ones say what to mend. */
const MAX_PROBLEMS = 100;

export function documentProblems(doc: Document, text: string, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const at = (offset: number, code: string, params: Problem['params'], place?: { path: string; key: string }) => {
    const { line, col } = lines.linePos(offset);
    problems.push({
      severity: 'error',
      code,
      params: { ...params, ...(place ? { key: place.key } : {}) },
      line,
      col,
      ...(place?.path ? { path: place.path } : {}),
    });
  };
  const anchors = new Set<string>();
  visit(doc, {
    Node(_key, node, ancestors) {
      if (problems.length >= MAX_PROBLEMS) return visit.BREAK;
      const n = node as Node;
      if (n.anchor) anchors.add(n.anchor);
      const start = n.range?.[0] ?? 0;
      if (isAlias(n)) {
        if (!anchors.has(n.source)) at(start, 'yaml.undefinedAlias', { name: n.source });
        return;
      }
      if (n.tag) {
        const found = tagStart(text, start);
        at(found?.at ?? start, 'yaml.tag', { tag: found?.tag ?? n.tag }, placeOf(ancestors, n));
        return visit.SKIP;
      }
      if (isScalar(n) && typeof n.value === 'number' && n.type === Scalar.PLAIN && n.source !== undefined) {
        const found = numberProblem(n.source, n.value);
        if (found) at(start, found.code, found.params, placeOf(ancestors, n));
      }
      return undefined;
    },
    Pair(_key, pair) {
      if (problems.length >= MAX_PROBLEMS) return visit.BREAK;
      const key = pair.key as Node | null;
      const start = key?.range?.[0] ?? 0;
      if (isCollection(key)) at(start, 'yaml.complexKey', { kind: isMap(key) ? 'map' : 'seq' });
      else if (isScalar(key) && key.value === '__proto__') at(start, 'yaml.protoKey', {});
      // A null key is "" to one reader and "null" to another: it has no one meaning, so it is refused.
      else if (!key || (isScalar(key) && key.value === null)) at(start, 'yaml.nullKey', {});
    },
  });
  return problems;
}

/** `%YAML 1.1` asks for YAML 1.1's meanings (yes = true, 0755 octal, 1_000 a number): they are not given. */
export function versionProblem(text: string): Problem | undefined {
  const m = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (!m || m[1] === '1.2') return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  return { severity: 'error', code: 'yaml.version', params: { version: m[1] ?? '' }, line, col: 1 };
}

/** Anything but comments after `...`, the end of the document: YAML reads no further, so neither may we. */
export function afterEndProblem(text: string): Problem | undefined {
  const m = /^\.\.\.(?=[ \t]|$)/m.exec(text);
  if (!m) return undefined;
  const endLine = text.slice(0, m.index).split('\n').length;
  const rest = text.slice(m.index + 3).split('\n');
  for (let i = 0; i < rest.length; i++) {
    const line = rest[i] ?? '';
    const content = /^\s*(?!#)\S/.exec(line);
    if (!content) continue;
    const col = (i === 0 ? 3 : 0) + content[0].length;
    return { severity: 'error', code: 'yaml.afterEnd', params: { endLine }, line: endLine + i, col };
  }
  return undefined;
}
