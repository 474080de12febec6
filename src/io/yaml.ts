// Text → YAML document with positions. Problems a Chinese IME causes are caught before the YAML parser,
// whose own message for them would mislead ("implicit keys need to be on a single line").
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Scalar,
  visit,
  type YAMLMap,
  YAMLParseError,
} from 'yaml';
import { MAX_PROBLEMS_PER_FILE, type Problem } from '../base/problem.js';
import { type CellSource, cellOf } from './cells.js';
import { nestingProblem } from './nesting.js';
import { type QuickLine, quickLines } from './quick-lines.js';
import { afterEndProblem, documentProblems, versionProblem } from './yaml-checks.js';

export interface YamlSource {
  doc: Document;
  lines: LineCounter;
}

/**
 * A way to make the document with positions when a problem first needs one, and a quick look at the text
 * that gives most lines without it (./quick-lines.ts).
 */
export type LazySource = (() => YamlSource) & { quickLine?: QuickLine };

/**
 * A document with positions, or a way to make one when a problem first needs a position; or, for a
 * workbook, the cell each value came from.
 */
export type Located = YamlSource | LazySource | CellSource;

/** A place in a file: line and column in YAML, sheet and cell in a workbook. */
export type Place = { line: number; col: number } | { cell: string };

/**
 * Parses the text with positions only when asked: a file with no problems never pays for it. `value`: the
 * text's value as read, which lets the quick look place paths inside one-line flow collections.
 */
export function lazySource(text: string, value?: unknown): LazySource {
  let source: YamlSource | undefined;
  const make = () => {
    if (!source) {
      const lines = new LineCounter();
      source = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines };
    }
    return source;
  };
  return Object.assign(make, { quickLine: quickLines(text, value) });
}

export interface ParsedYaml {
  source?: YamlSource;
  value?: unknown;
  problems: Problem[];
}

const KEY = '[A-Za-z_][A-Za-z0-9_]*';
/** A key followed by a full-width colon, at the start of a line or inside { … }. */
const FULLWIDTH_COLON = new RegExp(`(^\\s*(?:-\\s+)?|[{,]\\s*)(${KEY})\\s*：\\s?`, 'g');
/** A key and its value with no space after the colon (lecturers:12). */
const NO_SPACE_AFTER_COLON = new RegExp(`(^\\s*(?:-\\s+)?|[{,]\\s*)(${KEY}):(?=[^\\s/:])`, 'g');
const BAD_INDENT = new RegExp(`^([ ]*)([\\t\\u3000\\u00a0])[\\t\\u3000\\u00a0 ]*(?:-\\s+)?(${KEY})?`);
const COLON_ODD_SPACE = new RegExp(`(^\\s*(?:-\\s+)?|[{,]\\s*)(${KEY}):([\\u3000\\u00a0])`, 'g');
/** A full-width comma right after a number or date, as in [2023-09-08，2024-03-01]. */
const FULLWIDTH_COMMA = /\d，/;
const FULLWIDTH_BRACKETS = /[［］｛｝]/g;

export interface Linted {
  problems: Problem[];
  /**
   * The text with each mistake mended as the clerk meant it, so that parsing can go on and report every
   * other mistake in the same run. Columns after a mended place on the same line may move by one.
   */
  repaired: string;
}

const charName = (c: string) => (c === '\u3000' ? 'U+3000' : c === '\t' ? 'TAB' : 'U+00A0');

/** Line-level mistakes a Chinese IME or Windows editor makes, which break YAML in misleading ways. */
export function lintLines(text: string): Linted {
  // The fast reader asks first, then the careful one asks again of the same text: answer it once.
  if (lastLinted?.text === text) return lastLinted.linted;
  const linted = lintEachLine(text);
  lastLinted = { text, linted };
  return linted;
}

let lastLinted: { text: string; linted: Linted } | undefined;

/** What every line-level mistake holds: a full-width or odd space character, or a key's colon with no space. */
export const LINE_SUSPECT = /[：，［］｛｝\t\u3000\u00a0]|[A-Za-z_]:[^\s/:]/;
/**
 * LINE_SUSPECT's characters, and any colon followed by neither a space nor a slash: true wherever LINE_SUSPECT
 * is. Over a whole file it takes about half LINE_SUSPECT's time (a letter-then-colon pattern is tried at every
 * letter), and most files hold no such colon: for them it answers alone.
 */
const COLON_SUSPECT = /[：，［］｛｝\t\u3000\u00a0]|:[^\s/:]/;

/** Whether a text may hold a line-level mistake (LINE_SUSPECT), found quickly. */
export const mayHoldLineMistakes = (text: string): boolean => COLON_SUSPECT.test(text) && LINE_SUSPECT.test(text);

function lintEachLine(text: string): Linted {
  if (!mayHoldLineMistakes(text)) return { problems: [], repaired: text };
  const problems: Problem[] = [];
  const lines = text.split('\n').map((whole, i) => {
    // Most lines, and all comments with Chinese punctuation in them, need no more than this look.
    if (!LINE_SUSPECT.test(whole)) return whole;
    const at = (col: number, code: string, params: Problem['params'] = {}) =>
      problems.push({ severity: 'error', code, params, line: i + 1, col });
    // Comments may hold any punctuation: only the part before a comment is looked at.
    const hash = /(^|\s)#/.exec(whole);
    const original = hash ? whole.slice(0, hash.index + (hash[1]?.length ?? 0)) : whole;
    const comment = whole.slice(original.length);
    let line = original;
    const indent = BAD_INDENT.exec(line);
    if (indent) {
      const c = indent[2] ?? '';
      at((indent[1]?.length ?? 0) + 1, c === '\t' ? 'yaml.tabIndent' : 'yaml.oddSpaceIndent', {
        char: charName(c),
        key: indent[3] ?? '',
      });
      // As the clerk saw it: a tab or a full-width space is two columns wide, a non-breaking space one.
      line = line.replace(/^[\t\u3000\u00a0 ]+/, (lead) => lead.replace(/[\t\u3000]/g, '  ').replace(/\u00a0/g, ' '));
    }
    line = line.replace(COLON_ODD_SPACE, (_m, lead: string, key: string, c: string, offset: number) => {
      at(offset + lead.length + key.length + 2, 'yaml.oddSpaceAfterColon', { char: charName(c), key });
      return `${lead}${key}: `;
    });
    line = line.replace(FULLWIDTH_COLON, (m, lead: string, key: string, offset: number) => {
      at(offset + m.indexOf('：') + 1, 'yaml.fullWidthColon', { key });
      return `${lead}${key}: `;
    });
    line = line.replace(NO_SPACE_AFTER_COLON, (_m, lead: string, key: string, offset: number) => {
      at(offset + lead.length + key.length + 1, 'yaml.noSpaceAfterColon', { key });
      return `${lead}${key}: `;
    });
    line = line.replace(FULLWIDTH_BRACKETS, (c, offset: number) => {
      at(offset + 1, 'yaml.fullWidthBracket', { char: c });
      return ({ '［': '[', '］': ']', '｛': '{', '｝': '}' } as Record<string, string>)[c] ?? c;
    });
    return line + comment;
  });
  if (FULLWIDTH_COMMA.test(text)) {
    for (const [i, columns] of flowCommas(lines)) {
      for (const j of columns)
        problems.push({ severity: 'error', code: 'yaml.fullWidthComma', params: {}, line: i + 1, col: j + 1 });
      const at = new Set(columns);
      lines[i] = (lines[i] ?? '').replace(/，/g, (c, j: number) => (at.has(j) ? ', ' : c));
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  }
  return { problems, repaired: lines.join('\n') };
}

/**
 * Full-width commas after a digit where YAML would misread them: inside [ ] or { } and outside quotes, where
 * the clerk meant two items and YAML reads one ("2023-09-08，2024-03-01"). In plain or quoted text (a title
 * "第2，3年级") the comma is text. Line index → the column indices of such commas on it.
 */
function flowCommas(lines: readonly string[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  let depth = 0;
  let quote = '';
  let blockIndent = -1; // inside a | or > block scalar: lines indented deeper than this are text
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    const onLine: number[] = [];
    let atStart = true; // where a node may start: a quote or bracket there opens a quoted scalar or a collection
    for (let j = indent; j < line.length; j++) {
      const c = line[j] ?? '';
      const next = line[j + 1] ?? ' ';
      if (quote) {
        if (quote === '"' && c === '\\') j++;
        else if (c === quote && quote === "'" && next === "'") j++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t')) break;
      if (atStart && (c === '"' || c === "'")) {
        quote = c;
        atStart = false;
      } else if ((c === '[' || c === '{') && (atStart || depth > 0)) {
        depth++;
        atStart = true;
      } else if (depth > 0 && (c === ']' || c === '}')) {
        depth--;
        atStart = false;
      } else if (depth > 0 && c === ',') atStart = true;
      else if ((c === '-' || c === '?' || c === ':') && /\s/.test(next)) atStart = true;
      else if (atStart && (c === '&' || c === '!')) j = line.indexOf(' ', j) < 0 ? line.length : line.indexOf(' ', j);
      else if (atStart && depth === 0 && (c === '|' || c === '>')) {
        blockIndent = indent;
        break;
      } else {
        if (c === '，' && depth > 0 && /\d/.test(line[j - 1] ?? '')) onLine.push(j);
        atStart = false;
      }
    }
    if (onLine.length > 0) found.set(i, onLine);
  }
  return found;
}

/** yaml's error codes → our messages; the rest fall back to a general one. */
const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'yaml.duplicateKey',
  BAD_INDENT: 'yaml.indent',
  TAB_AS_INDENT: 'yaml.tabIndent',
  BAD_SCALAR_START: 'yaml.badStart',
  MULTILINE_IMPLICIT_KEY: 'yaml.keyValue',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.keyValue',
  MULTIPLE_DOCS: 'yaml.multipleDocs',
};

/** At most this many parser errors are shown: after the first few, the rest usually follow from them. */
const MAX_YAML_ERRORS = 5;

/** Parses with positions; a line-level mistake is reported, then parsing goes on over the mended text. */
export function parseYaml(text: string): ParsedYaml {
  const deep = nestingProblem(text);
  if (deep) return { problems: [deep] };
  const linted = lintLines(text);
  // More line-level mistakes than a report shows: answer with those alone. Parsing the mended text would only
  // add problems nobody reads, at the YAML parser's cost (a second for a file full of full-width colons).
  if (linted.problems.length > MAX_PROBLEMS_PER_FILE) return { problems: [...linted.problems] };
  const source = linted.repaired;
  const lines = new LineCounter();
  // Always YAML 1.2's core schema, whatever a %YAML directive asks (versionProblem says so); and no warning
  // of the `yaml` package may reach stderr (complex keys are reported by documentProblems instead). Duplicate
  // keys are found in one pass with a set per map (the parser's own check is quadratic).
  const doc = quietly(() =>
    parseDocument(source, {
      lineCounter: lines,
      uniqueKeys: false,
      prettyErrors: true,
      schema: 'core',
      logLevel: 'error',
    }),
  );
  addDuplicateKeyErrors(doc, lines);
  const ending = afterEndProblem(source);
  const problems: Problem[] = [...linted.problems, ...[versionProblem(source), ending].filter((p) => p !== undefined)];
  const textLines = source.split('\n');
  const seenLines = new Set(problems.map((p) => p.line));
  for (const e of doc.errors) {
    let pos = e.linePos?.[0];
    if (ending && pos && pos.line >= (ending.line ?? 0)) continue; // what follows `...` is reported as such
    const unclosed = /^Flow (sequence|map)\b.*\bend with/.test(e.message);
    if (unclosed) pos = openingOf(doc, lines, e.pos[0]) ?? pos;
    if (pos && seenLines.has(pos.line)) continue; // one problem a line: the first says what to mend
    if (pos) seenLines.add(pos.line);
    const lineText = pos ? (textLines[pos.line - 1] ?? '') : '';
    const flow = /flow|\]|\}/i.test(e.message) || e.code === 'MISSING_CHAR';
    const implicit = /implicit (map )?key/i.test(e.message);
    const code = unclosed
      ? 'yaml.unclosedBracket'
      : (YAML_CODES[e.code] ?? (implicit ? 'yaml.keyValue' : flow ? 'yaml.unclosed' : 'yaml.syntax'));
    // Point at the line's first character rather than column 1 of its indentation.
    const col = pos && code === 'yaml.indent' ? lineText.length - lineText.trimStart().length + 1 : pos?.col;
    // An unclosed bracket is named by the key it follows, at the start of its line.
    const keyFrom = unclosed ? 0 : (col ?? 1) - 1;
    const key = pos ? (new RegExp(`^\\s*(?:-\\s+)?(${KEY})`).exec(lineText.slice(keyFrom))?.[1] ?? '') : '';
    problems.push({
      severity: 'error',
      code,
      params: {
        detail: e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '',
        key,
        ...(unclosed ? { open: /map/.test(e.message) ? '{' : '[', close: /map/.test(e.message) ? '}' : ']' } : {}),
      },
      ...(pos ? { line: pos.line, col: col ?? pos.col } : {}),
    });
    if (problems.length - linted.problems.length >= MAX_YAML_ERRORS) break;
  }
  // Mended mistakes alone still leave a document worth checking further.
  if (problems.length > 0 && doc.errors.length > 0) return { problems };
  const found = documentProblems(doc, source, lines);
  problems.push(...found);
  if (found.some((p) => STRUCTURAL.has(p.code))) return { problems };
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    const alias = e instanceof ReferenceError || /alias/i.test(String(e));
    // Aliases that expand too far: placed at the first alias, where writing the data out begins.
    const at = (alias ? firstAlias(doc, lines) : undefined) ?? { line: 1, col: 1 };
    return {
      problems: [
        ...problems,
        {
          severity: 'error',
          code: alias ? 'yaml.aliasBomb' : 'yaml.syntax',
          params: { detail: String(e) },
          ...at,
        },
      ],
    };
  }
  return { source: { doc, lines }, value, problems };
}

/** Problems after which the document has no one value worth checking further. */
const STRUCTURAL = new Set(['yaml.undefinedAlias', 'yaml.complexKey']);

/** The position of the document's first alias (`*name`). */
function firstAlias(doc: Document, lines: LineCounter): { line: number; col: number } | undefined {
  let start: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      start = node.range?.[0];
      return start === undefined ? undefined : visit.BREAK;
    },
  });
  return start === undefined ? undefined : lines.linePos(start);
}

/** Where the [ or { opens that the parser found unclosed at `offset`: the innermost one ending there. */
function openingOf(doc: Document, lines: LineCounter, offset: number): { line: number; col: number } | undefined {
  let start: number | undefined;
  visit(doc, {
    Collection(_key, node) {
      const range = node.range;
      if (node.flow && range && range[1] === offset && (start === undefined || range[0] > start)) start = range[0];
    },
  });
  return start === undefined ? undefined : lines.linePos(start);
}

/**
 * Runs `make` with no stack traces captured for the errors it creates: the parser makes one error object
 * per mistake, and a file of 20,000 mistakes spent most of its time capturing their stacks.
 */
function quietly<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The parser's own duplicate-key check compares each key with every earlier key of its map (quadratic: 20,000
 * keys took seconds); this one remembers the keys of each map in a set. Same rule: two scalar keys with the
 * same value. Its errors are merged into the parser's in order of position.
 */
function addDuplicateKeyErrors(doc: Document, lines: LineCounter): void {
  const found: YAMLParseError[] = [];
  // A plain walk: yaml's visit() builds a frozen path for every node, which cost more than the check itself.
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        walk(pair.key);
        walk(pair.value);
        if (!isScalar(pair.key)) continue;
        const value = (pair.key as Scalar).value;
        if (!seen.has(value)) {
          seen.add(value);
          continue;
        }
        const at = (pair.key as Scalar).range?.[0] ?? 0;
        const e = quietly(() => new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        e.linePos = [lines.linePos(at)];
        found.push(e);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  if (found.length === 0) return;
  const merged: YAMLParseError[] = [];
  let j = 0;
  for (const e of doc.errors) {
    while (j < found.length && (found[j]?.pos[0] ?? 0) < e.pos[0]) merged.push(found[j++] as YAMLParseError);
    merged.push(e);
  }
  while (j < found.length) merged.push(found[j++] as YAMLParseError);
  doc.errors.splice(0, doc.errors.length, ...merged);
}

/** Each map's pairs by key, made once per map: a file with many problems looks up many paths. */
const pairIndex = new WeakMap<YAMLMap, Map<string, unknown>>();

function pairOf(map: YAMLMap, key: PropertyKey): unknown {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const k = String(p.key.value);
      if (!index.has(k)) index.set(k, p); // the first of duplicates, as a linear search would find
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/**
 * The line and column of a path in the document: the value's position, or its key's where asked or where
 * the value is missing; the nearest existing ancestor where the path leaves the document.
 */
export function locate(
  located: YamlSource | LazySource,
  path: readonly PropertyKey[],
  atKey?: boolean,
): { line: number; col: number };
export function locate(located: Located, path: readonly PropertyKey[], atKey?: boolean): Place;
export function locate(located: Located, path: readonly PropertyKey[], atKey = false): Place {
  if ('cells' in located) return { cell: cellOf(located, path) };
  const source = typeof located === 'function' ? located() : located;
  let node: unknown = source.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairOf(node, key as PropertyKey);
      if (!isPair(pair)) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      // A value left empty (`students:   # 注释`) has a zero-length range where a comment may start: its key.
      const empty = !valueNode?.range || valueNode.range[0] === valueNode.range[1];
      offset = (last && atKey) || empty ? (keyNode.range?.[0] ?? offset) : (valueNode?.range?.[0] ?? offset);
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
