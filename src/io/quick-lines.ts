// The line of each key and list item of a plain block-style YAML file, found by reading its lines once
// instead of parsing it with positions. A sheet that lost points cites the lines of its evidence; the careful
// parse (`yaml` with a LineCounter) costs a single-school run more than the scoring does.
//
// It answers only where it is sure to agree with the careful parse (test/quick-lines.test.ts holds it to
// that): any shape it does not follow line by line (a block scalar `|`, a plain or quoted scalar running
// over several lines, a flow collection over several lines, a quoted or unusual key, a lone `-`, a document
// marker other than a leading `---`, odd indentation) makes it give up on the whole file, and every path is
// then left to the careful parse. Inside a flow collection (`{ current: 83.2, previous: 84.9 }`) it answers
// only where the collection is on one line and it is given the document's value; otherwise the careful parse
// places what lies inside.

import { notAString } from './scalars.js';

/** A path's line (1-based); null: the file has no such path; undefined: not sure, ask the careful parse. */
export type QuickLine = (path: readonly PropertyKey[]) => number | null | undefined;

interface Frame {
  kind: 'map' | 'seq';
  /** The column its keys or dashes start at. */
  col: number;
  path: PropertyKey[];
  /** Items seen so far (a list). */
  count: number;
}

const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ ]*:(?:[ ]+(.*))?$/;

// Made once: a regular expression written in a function is a new object each time it runs, here on each line.
/** A value that starts a block scalar, an anchor, alias or tag, or an explicit key. */
const SPECIAL_START = /^[|>&*!?]/;
/** A value that starts a flow collection. */
const FLOW_START = /^[[{]/;
/** A list item that is no flow collection, then `: ` or a tab, or a colon at its end: maybe a mapping. */
const ITEM_NOT_FLOW = /^[^[{]/;
const ITEM_COLON = /:(?:[ \t]|$)/;
/** A plain value (no quote, no flow collection) holding `: ` or ending in a colon. */
const VALUE_NOT_QUOTED = /^[^'"[{]/;
const VALUE_COLON = /:(?: |$)/;

const keyOf = (path: readonly PropertyKey[]): string => JSON.stringify(path);
const TRAILING_SPACES = / +$/;
/** Spaces only: String.prototype.trimEnd also takes U+3000, which YAML reads as content. */
const trimEnd = (s: string): string => s.replace(TRAILING_SPACES, '');

/** What uncommented's loop acts on: quotes, a comment's `#`, flow brackets. */
const LOOKED_AT = /["'#[\]{}]/;

/**
 * The text of a line up to its comment, and how many flow brackets (`[`, `{`) are still open at its end
 * (`depth`, counted on from the lines before); undefined where a quote does not close on the line (the
 * scalar then runs on: not followed here) or a bracket closes that was never opened.
 */
function uncommented(s: string, open = 0): { text: string; depth: number } | undefined {
  // Most lines hold none of the characters the loop looks at: a regular expression says so at native speed.
  if (!LOOKED_AT.test(s)) return { text: trimEnd(s), depth: open };
  let quote: string | undefined;
  let depth = open;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (quote === "'") {
      if (c === "'") {
        if (s[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ')) {
      return { text: trimEnd(s.slice(0, i)), depth };
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(s[i - 1] ?? ''))) {
      quote = c;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth < 0) return undefined;
    }
  }
  return quote === undefined ? { text: trimEnd(s), depth } : undefined;
}

/** Every key's and list item's line, or undefined where the file takes a shape this reading does not follow. */
function scan(text: string): { lines: Map<string, number>; flows: Map<string, boolean> } | undefined {
  const lines = new Map<string, number>();
  /** Keys and items whose value is a flow collection: true where it closes on its own line. */
  const flows = new Map<string, boolean>();
  const stack: Frame[] = [];
  /** A key with nothing after its colon: its value, if any, starts on a later line. */
  let pending: { path: PropertyKey[]; col: number } | undefined;
  /** Where the last line's scalar started: a more indented line would continue it. */
  let leafCol = Number.POSITIVE_INFINITY;
  let started = false;
  /** Brackets still open: the lines of a flow collection (`dates: [2023-09-06, …` over lines) are its value. */
  let flowDepth = 0;
  /** Brackets a line left open: only a flow collection that is the line's value may do so. */
  let unclaimed = 0;
  const all = text.split('\n');
  for (let n = 0; n < all.length; n++) {
    if (unclaimed > 0) return undefined;
    const raw = all[n] ?? '';
    if (flowDepth > 0) {
      const inside = uncommented(raw, flowDepth);
      // Nothing may follow the closing bracket but a comment.
      if (!inside || (inside.depth === 0 && !/[\]}]$/.test(inside.text))) return undefined;
      flowDepth = inside.depth;
      continue;
    }
    // YAML indents with spaces only: a full-width space or a tab is content (and then not a key).
    const indent = /^ */.exec(raw)?.[0].length ?? 0;
    if (indent === raw.length || raw[indent] === '#') continue;
    if (raw.startsWith('---') || raw.startsWith('...') || raw.startsWith('%')) {
      if (trimEnd(raw) === '---' && !started) continue;
      return undefined;
    }
    if (/^ *\t/.test(raw) || indent > leafCol) return undefined;
    started = true;
    const line = uncommented(raw.slice(indent));
    if (line === undefined || line.text === '') return undefined;
    let rest = line.text;
    unclaimed = line.depth;
    /** A value that is a flow collection: what lies inside it, on this line or the next, is not followed. */
    const flowValue = (path: PropertyKey[]) => {
      flows.set(keyOf(path), unclaimed === 0);
      flowDepth = unclaimed;
      unclaimed = 0;
    };
    const dash = rest === '-' || rest.startsWith('- ');

    if (stack.length === 0) {
      if (dash || indent !== 0) return undefined;
      stack.push({ kind: 'map', col: 0, path: [], count: 0 });
    } else if (pending && (indent > pending.col || (indent === pending.col && dash))) {
      stack.push({ kind: dash ? 'seq' : 'map', col: indent, path: pending.path, count: 0 });
    } else {
      while (stack.length > 0 && (stack.at(-1)?.col ?? 0) > indent) stack.pop();
      // A list written at its key's own indentation ends where the next key of that mapping starts.
      if (!dash && stack.at(-1)?.kind === 'seq' && stack.at(-1)?.col === indent) stack.pop();
      const top = stack.at(-1);
      if (!top || top.col !== indent || top.kind !== (dash ? 'seq' : 'map')) return undefined;
    }
    pending = undefined;

    let col = indent;
    // Dashes: each opens an item of the list at its column; what follows is the item.
    while (rest === '-' || rest.startsWith('- ')) {
      const list = stack.at(-1);
      if (rest === '-' || !list || list.kind !== 'seq' || list.col !== col) return undefined;
      const path = [...list.path, list.count++];
      lines.set(keyOf(path), n + 1);
      const after = rest.slice(1);
      const gap = /^ */.exec(after)?.[0].length ?? 0;
      rest = after.slice(gap);
      const dashCol = col;
      col += 1 + gap;
      if (rest === '-' || rest.startsWith('- ')) {
        stack.push({ kind: 'seq', col, path, count: 0 });
        continue;
      }
      if (KEY.test(rest)) {
        stack.push({ kind: 'map', col, path, count: 0 });
        break;
      }
      // A scalar item, or a flow collection as a whole item; anything else holding ": " may be a mapping with
      // a key of another shape (｛ type: …, "path": …, path:<TAB>…).
      if (SPECIAL_START.test(rest) || (ITEM_NOT_FLOW.test(rest) && ITEM_COLON.test(rest))) return undefined;
      if (FLOW_START.test(rest)) flowValue(path);
      leafCol = dashCol;
      rest = '';
    }
    if (rest === '') continue;

    const map = stack.at(-1);
    const m = KEY.exec(rest);
    if (map?.kind !== 'map' || map.col !== col || !m || notAString(m[1] ?? '')) return undefined;
    const path = [...map.path, m[1] ?? ''];
    const key = keyOf(path);
    if (lines.has(key)) return undefined;
    lines.set(key, n + 1);
    const value = m[2] ?? '';
    if (value === '') {
      pending = { path, col };
      leafCol = Number.POSITIVE_INFINITY;
      continue;
    }
    if (SPECIAL_START.test(value) || (VALUE_NOT_QUOTED.test(value) && VALUE_COLON.test(value))) return undefined;
    if (FLOW_START.test(value)) flowValue(path);
    leafCol = col;
  }
  return unclaimed > 0 || flowDepth > 0 ? undefined : { lines, flows };
}

/** Whether the plain value holds the path (a key, null-valued or not; an item). */
function holds(value: unknown, path: readonly PropertyKey[]): boolean {
  let node = value;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') {
      if (key >= node.length) return false;
      node = node[key];
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof key === 'string') {
      if (!Object.hasOwn(node, key)) return false;
      node = (node as Record<string, unknown>)[key];
    } else return false;
  }
  return true;
}

/**
 * A path's line by the quick reading of `text` (the reading is done on the first question). With `value`, the
 * document's value as read (the same as the careful parse's: test/one-meaning.test.ts), a path into a flow
 * collection written on one line is answered too: it is on that line if the value holds it.
 */
export function quickLines(text: string, value?: unknown): QuickLine {
  let found: ReturnType<typeof scan> | null = null;
  return (path) => {
    // An index written as a string ("0") names a list item for the careful parse: left to it.
    if (path.some((k) => typeof k === 'string' && /^\d+$/.test(k))) return undefined;
    if (found === null) found = scan(text);
    if (!found) return undefined;
    const line = found.lines.get(keyOf(path));
    if (line !== undefined) return line;
    for (let k = path.length - 1; k > 0; k--) {
      const key = keyOf(path.slice(0, k));
      const oneLine = found.flows.get(key);
      if (oneLine === undefined) continue;
      if (!oneLine || value === undefined) return undefined;
      return holds(value, path) ? (found.lines.get(key) ?? null) : null;
    }
    return null;
  };
}
