// The quickest reading, for the YAML most evidence files are made of: block mappings and lists, flow
// collections on one line (`{ type: lecture, dates: [2023-10-12] }`) or broken after a bracket or comma, plain
// scalars on one line and quoted scalars without escapes. On generated schools it reads a file two to three
// times faster than js-yaml (`npm run bench -- reader`). It gives up on anything else (a block scalar, a
// scalar over several lines, a quoted or unusual key, a key written twice, an escape, a tab or control
// character, a document marker past a leading `---`, odd indentation): js-yaml, and after it the careful
// reader, then decide. Plain scalars mean what they mean to the other two (./scalars.ts);
// test/simple-yaml.test.ts holds it to the careful reader's value.
import {
  CORE_BOOL,
  CORE_FLOAT,
  CORE_INT,
  CORE_NULL,
  coreFloat,
  coreInt,
  notAString,
  numberProblem,
} from './scalars.js';

/** Thrown to give up. Not an Error: giving up needs no stack. */
const GIVE_UP = Symbol('give up');

/** Characters this reading does not follow: tabs, control characters, line separators, byte-order marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const ODD = /[\t\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

// Scanning loops stop at a line's end by its length, not at charCodeAt's NaN past it: V8 deoptimizes a
// function the first time it reads past the end of a string, and each worker thread then compiles it again.
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/** A key this reading takes: a name YAML reads as that string (not `true`, `null`, a number…). */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

/** Where the name starting at `at` of `line` ends, or -1 where no name starts there. */
function nameEnd(line: string, at: number): number {
  if (!isNameStart(line.charCodeAt(at))) return -1;
  let i = at + 1;
  while (i < line.length && isNameChar(line.charCodeAt(i))) i++;
  return i;
}

/** What a plain scalar means in the core schema, as js-yaml and the careful reader read it (./scalars.ts). */
function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most scalars (names, dates, titles) start with none of the characters a null, boolean or number can.
  if (isDigit(c) || c === 43 || c === 45 || c === 46) {
    // Digits then a dash (a date, a school year) are not a number: a dash follows only an exponent's e.
    let i = 1;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === s.length && c !== 46 && isDigit(s.charCodeAt(i - 1))) return checkedNumber(s, coreInt(s));
    if (s.charCodeAt(i) === DASH) return s;
    if (CORE_INT.test(s)) return checkedNumber(s, coreInt(s));
    if (CORE_FLOAT.test(s)) return checkedNumber(s, coreFloat(s));
    return s;
  }
  if (c === 126 || c === 110 || c === 78) return CORE_NULL.test(s) ? null : s;
  if (c === 116 || c === 84 || c === 102 || c === 70) return CORE_BOOL.test(s) ? c === 116 || c === 84 : s;
  return s;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** A number the careful reader refuses (0755, .inf, past 2^53) is left to it, which says why. */
function checkedNumber(s: string, value: number): number {
  if (numberProblem(s, value)) throw GIVE_UP;
  return value;
}

/** A key: a name, neither written twice nor one YAML or JavaScript gives another meaning. */
function checkedKey(target: Record<string, unknown>, key: string): string {
  if (Object.hasOwn(target, key) || key === '__proto__' || notAString(key)) throw GIVE_UP;
  return key;
}

/** Deeper than any evidence file goes: a deeper file is left to the careful reader, which says it is too deep. */
const MAX_DEPTH = 32;

class Reader {
  /** The line being read, its index, and the position in it. */
  private line = '';
  private at = 0;
  private pos = 0;

  constructor(private readonly lines: string[]) {}

  /** The document: a block mapping starting at column 0, after an optional `---` line. */
  document(): unknown {
    let indent = this.nextContent();
    if (indent === 0 && this.line === '---') {
      this.at++;
      indent = this.nextContent();
    }
    if (indent !== 0 || this.keyEnd(0) < 0) throw GIVE_UP;
    const value = this.blockMap(0, 0);
    if (this.nextContent() >= 0) throw GIVE_UP;
    return value;
  }

  /** Moves to the next line that is neither blank nor a comment; its indentation, or -1 at the end. */
  private nextContent(): number {
    const lines = this.lines;
    for (; this.at < lines.length; this.at++) {
      const line = lines[this.at] as string;
      let i = 0;
      while (i < line.length && line.charCodeAt(i) === SPACE) i++;
      if (i < line.length && line.charCodeAt(i) !== HASH) {
        this.line = line;
        return i;
      }
    }
    this.line = '';
    return -1;
  }

  /**
   * Where the name ends of a key at `col` of the current line (`name:`, followed by a space or the line's end),
   * or -1 where no key starts there.
   */
  private keyEnd(col: number): number {
    const line = this.line;
    const i = nameEnd(line, col);
    if (i < 0 || line.charCodeAt(i) !== COLON) return -1;
    return i + 1 === line.length || line.charCodeAt(i + 1) === SPACE ? i : -1;
  }

  /** A dash at `col` of the current line that starts a list item. */
  private isDashAt(col: number): boolean {
    const line = this.line;
    return line.charCodeAt(col) === DASH && (col + 1 === line.length || line.charCodeAt(col + 1) === SPACE);
  }

  private skipSpaces(): void {
    const line = this.line;
    while (this.pos < line.length && line.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  /** A block mapping whose keys start at `col`; its first key is on the current line (maybe after a dash). */
  private blockMap(col: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const map: Record<string, unknown> = {};
    for (;;) {
      const end = this.keyEnd(col);
      if (end < 0) throw GIVE_UP;
      const line = this.line;
      // The careful reader takes a key of at most 1,024 characters before its colon.
      if (end - col > 1024) throw GIVE_UP;
      const key = checkedKey(map, line.slice(col, end));
      this.pos = end + 1;
      this.skipSpaces();
      if (this.pos === line.length || line.charCodeAt(this.pos) === HASH) {
        this.at++;
        map[key] = this.nested(col, depth + 1);
      } else {
        map[key] = this.inline(col, depth + 1);
      }
      const indent = this.nextContent();
      if (indent < col) return map;
      if (indent > col) throw GIVE_UP;
    }
  }

  /** A list whose dashes are at `col`; the current line holds its first dash. */
  private blockSeq(col: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const list: unknown[] = [];
    for (;;) {
      const line = this.line;
      this.pos = col + 1;
      this.skipSpaces();
      const from = this.pos;
      // A lone dash, a dash before a comment, a list in a list: the item runs over lines not followed here.
      if (from === line.length) throw GIVE_UP;
      if (line.charCodeAt(from) === HASH || this.isDashAt(from)) throw GIVE_UP;
      list.push(this.keyEnd(from) >= 0 ? this.blockMap(from, depth + 1) : this.inline(col, depth + 1));
      const indent = this.nextContent();
      if (indent > col) throw GIVE_UP;
      if (indent < col || !this.isDashAt(col)) return list;
    }
  }

  /** The value of a key whose line ends after its colon: what the next lines hold, or null. */
  private nested(col: number, depth: number): unknown {
    const indent = this.nextContent();
    if (indent < 0) return null;
    if (this.isDashAt(indent)) return indent >= col ? this.blockSeq(indent, depth) : null;
    return indent > col ? this.blockMap(indent, depth) : null;
  }

  /**
   * A value at `pos` that ends its line (a flow collection: the line it closes on): a flow collection, a quoted
   * or a plain scalar, in a block collection at `col`. Moves to the next line.
   */
  private inline(col: number, depth: number): unknown {
    const c = this.line.charCodeAt(this.pos);
    let value: unknown;
    if (c === 91 || c === 123) value = this.flowCollection(col, depth);
    else if (c === 34 || c === 39) value = this.quoted();
    else value = this.plainInBlock();
    const line = this.line;
    const end = this.pos;
    if (end < line.length) {
      this.skipSpaces();
      if (this.pos < line.length && (this.pos === end || line.charCodeAt(this.pos) !== HASH)) throw GIVE_UP;
    }
    this.at++;
    return value;
  }

  /** A plain scalar running to the line's end or its comment. */
  private plainInBlock(): unknown {
    const line = this.line;
    const from = this.pos;
    plainStart(line, from);
    const hash = line.indexOf(' #', from);
    let end = hash < 0 ? line.length : hash;
    while (line.charCodeAt(end - 1) === SPACE) end--;
    const s = line.slice(from, end);
    // `a: b: c` and `a: b:` are mistakes to the careful reader; it says so.
    if (s.includes(': ') || s.charCodeAt(s.length - 1) === COLON) throw GIVE_UP;
    this.pos = hash < 0 ? line.length : hash;
    return plainValue(s);
  }

  /** A quoted scalar on one line without escapes; `''` in single quotes is one quote. */
  private quoted(): string {
    const line = this.line;
    const from = this.pos;
    if (line.charCodeAt(from) === 34) {
      const close = line.indexOf('"', from + 1);
      if (close < 0) throw GIVE_UP;
      const s = line.slice(from + 1, close);
      if (s.includes('\\')) throw GIVE_UP;
      this.pos = close + 1;
      return s;
    }
    let s = '';
    let i = from + 1;
    for (;;) {
      const close = line.indexOf("'", i);
      if (close < 0) throw GIVE_UP;
      s += line.slice(i, close);
      if (line.charCodeAt(close + 1) !== 39) {
        this.pos = close + 1;
        return s;
      }
      s += "'";
      i = close + 2;
    }
  }

  /** A node inside a flow collection in a block collection at `col`. */
  private flowNode(col: number, depth: number): unknown {
    const line = this.line;
    const from = this.pos;
    const c = line.charCodeAt(from);
    if (c === 91 || c === 123) return this.flowCollection(col, depth);
    if (c === 34 || c === 39) {
      const s = this.quoted();
      // `"a": b` in a list is a one-pair mapping: left to the other readers.
      const end = this.pos;
      this.skipSpaces();
      if (line.charCodeAt(this.pos) === COLON) throw GIVE_UP;
      this.pos = end;
      return s;
    }
    plainStart(line, from);
    let i = from;
    for (; i < line.length; i++) {
      const d = line.charCodeAt(i);
      if (isFlowEnd(d)) break;
      if (d === COLON) {
        const e = line.charCodeAt(i + 1);
        if (i + 1 === line.length || e === SPACE || isFlowEnd(e)) throw GIVE_UP;
      } else if (d === HASH && line.charCodeAt(i - 1) === SPACE) throw GIVE_UP;
    }
    this.pos = i;
    while (line.charCodeAt(i - 1) === SPACE) i--;
    if (i === from) throw GIVE_UP;
    return plainValue(line.slice(from, i));
  }

  /**
   * Spaces, and line breaks where a flow collection may break its line (after its opening bracket and after a
   * comma): the next lines, past comments and blank lines, go on deeper than the block collection at `col`.
   */
  private flowSpace(col: number): void {
    this.skipSpaces();
    let line = this.line;
    const at = this.pos;
    if (at < line.length && (line.charCodeAt(at) !== HASH || line.charCodeAt(at - 1) !== SPACE)) return;
    for (;;) {
      this.at++;
      if (this.at >= this.lines.length) throw GIVE_UP;
      line = this.lines[this.at] as string;
      this.line = line;
      this.pos = 0;
      this.skipSpaces();
      // Blank lines and comments may stand at any column, as the careful reader takes them.
      if (this.pos === line.length || line.charCodeAt(this.pos) === HASH) continue;
      if (this.pos <= col) throw GIVE_UP;
      return;
    }
  }

  /** `[…]` or `{…}` at `pos` in a block collection at `col`; no empty entries, no trailing comma. */
  private flowCollection(col: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const isList = this.line.charCodeAt(this.pos) === 91;
    const close = isList ? 93 : 125;
    // A list or a mapping, not both made each time: a batch reads tens of collections a file.
    const out: unknown[] | Record<string, unknown> = isList ? [] : {};
    const list = out as unknown[];
    const map = out as Record<string, unknown>;
    this.pos++;
    this.flowSpace(col);
    if (this.line.charCodeAt(this.pos) === close) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (isList) list.push(this.flowNode(col, depth + 1));
      else {
        const line = this.line;
        const i = this.pos;
        const end = nameEnd(line, i);
        if (end < 0 || line.charCodeAt(end) !== COLON || line.charCodeAt(end + 1) !== SPACE) throw GIVE_UP;
        if (end - i > 1024) throw GIVE_UP;
        const key = checkedKey(map, line.slice(i, end));
        this.pos = end + 2;
        this.skipSpaces();
        const v = line.charCodeAt(this.pos);
        if (v === 44 || v === 93 || v === 125 || this.pos === line.length) throw GIVE_UP;
        map[key] = this.flowNode(col, depth + 1);
      }
      this.skipSpaces();
      const c = this.line.charCodeAt(this.pos);
      if (c === close) {
        this.pos++;
        return out;
      }
      if (c !== 44) throw GIVE_UP;
      this.pos++;
      this.flowSpace(col);
      if (this.line.charCodeAt(this.pos) === close) throw GIVE_UP;
    }
  }
}

/** Characters no plain scalar this reading takes starts with: indicators of YAML's other shapes. */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Where a scalar may start with `-` (a negative number, a date-like word): followed by no space. */
function plainStart(line: string, from: number): void {
  const c = line.charCodeAt(from);
  if (!NOT_PLAIN_START.has(c)) return;
  if (c === DASH && from + 1 < line.length && line.charCodeAt(from + 1) !== SPACE) return;
  throw GIVE_UP;
}

/** `,` `[` `]` `{` `}`: the characters that end a plain scalar in a flow collection. */
const isFlowEnd = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

/** The document's value, or undefined where the file has a shape this reading does not follow. */
export function readSimple(text: string): { value: unknown } | undefined {
  if (ODD.test(text)) return undefined;
  try {
    return { value: new Reader(text.split('\n')).document() };
  } catch {
    // GIVE_UP; anything else would be a mistake here, and the other readers still read the file correctly.
    return undefined;
  }
}
