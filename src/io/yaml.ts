// Text → YAML document with positions. Problems a Chinese IME causes are caught before the YAML parser,
// whose own message for them would mislead ("implicit keys need to be on a single line").
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Problem } from '../problem.js';

export interface YamlSource {
  doc: Document;
  lines: LineCounter;
}

/** A document with positions, or a way to make one when a problem first needs a position. */
export type Located = YamlSource | (() => YamlSource);

/** Parses the text with positions only when asked: a file with no problems never pays for it. */
export function lazySource(text: string): () => YamlSource {
  let source: YamlSource | undefined;
  return () => {
    if (!source) {
      const lines = new LineCounter();
      source = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines };
    }
    return source;
  };
}

export interface ParsedYaml {
  source?: YamlSource;
  value?: unknown;
  problems: Problem[];
}

const ASCII_KEY_FULLWIDTH_COLON = /^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：/;
const BAD_INDENT = /^([ ]*)([\t\u3000\u00a0])[\t\u3000\u00a0 ]*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)?/;
const COLON_ODD_SPACE = /^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*):([\u3000\u00a0])/;

/** Line-level mistakes that break YAML in misleading ways. */
export function lintLines(text: string): Problem[] {
  const problems: Problem[] = [];
  if (!/[：\t\u3000\u00a0]/.test(text)) return problems;
  text.split('\n').forEach((line, i) => {
    const at = (col: number, code: string, params: Problem['params'] = {}) =>
      problems.push({ severity: 'error', code, params, line: i + 1, col });
    let m = ASCII_KEY_FULLWIDTH_COLON.exec(line);
    if (m) at(m[0].length, 'yaml.fullWidthColon', { key: m[2] ?? '' });
    m = BAD_INDENT.exec(line);
    if (m)
      at((m[1]?.length ?? 0) + 1, m[2] === '\t' ? 'yaml.tabIndent' : 'yaml.oddSpaceIndent', {
        char: m[2] === '\u3000' ? 'U+3000' : m[2] === '\t' ? 'TAB' : 'U+00A0',
        key: m[3] ?? '',
      });
    m = COLON_ODD_SPACE.exec(line);
    if (m)
      at((m[1]?.length ?? 0) + 2, 'yaml.oddSpaceAfterColon', {
        char: m[2] === '\u3000' ? 'U+3000' : 'U+00A0',
        key: m[1]?.replace(/^\s*(?:-\s+)?/, '') ?? '',
      });
  });
  return problems;
}

/** Parses with positions; a line-level mistake is reported instead, before the parser can mislead. */
export function parseYaml(text: string): ParsedYaml {
  const linted = lintLines(text);
  if (linted.length > 0) return { problems: linted };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = e.linePos?.[0];
    const lineText = pos ? (text.split('\n')[pos.line - 1] ?? '') : '';
    const code =
      e.code === 'DUPLICATE_KEY'
        ? 'yaml.duplicateKey'
        : lineText.includes('：')
          ? 'yaml.fullWidthColon'
          : 'yaml.syntax';
    // The key the error points at, so that the message can name the field.
    const key = pos ? (/^[A-Za-z_][A-Za-z0-9_]*/.exec(lineText.slice(pos.col - 1))?.[0] ?? '') : '';
    problems.push({
      severity: 'error',
      code,
      params: { detail: e.message.split('\n')[0] ?? '', key },
      ...(pos ? { line: pos.line, col: pos.col } : {}),
    });
  }
  if (problems.length > 0) return { problems };
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    const alias = e instanceof ReferenceError || /alias/i.test(String(e));
    return {
      problems: [
        {
          severity: 'error',
          code: alias ? 'yaml.aliasBomb' : 'yaml.syntax',
          params: { detail: String(e) },
          line: 1,
          col: 1,
        },
      ],
    };
  }
  return { source: { doc, lines }, value, problems };
}

/**
 * The line and column of a path in the document: the value's position, or its key's where asked or where
 * the value is missing; the nearest existing ancestor where the path leaves the document.
 */
export function locate(located: Located, path: readonly PropertyKey[], atKey = false): { line: number; col: number } {
  const source = typeof located === 'function' ? located() : located;
  let node: unknown = source.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      offset = (last && atKey) || !valueNode?.range ? (keyNode.range?.[0] ?? offset) : valueNode.range[0];
      node = valueNode;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  const { line, col } = source.lines.linePos(offset);
  return { line, col };
}
