// Evidence → the text of a YAML evidence file, in the examples' style (a record a line where it fits), that
// reads back as the same evidence. Pure. Written here rather than by a YAML library, so that every string is
// written in a form our own reader takes as it is: plain where nothing in it could mean anything else, else
// double-quoted with each character a line check or YAML could misread (full-width colons and commas,
// brackets, `: `, `#`, controls) as an escape, which reads back as the character itself.
import { keysAt } from '../evidence/labels.js';
import { type EvidenceData, evidenceSchema } from '../evidence/schema.js';
import { CORE_BOOL, CORE_FLOAT, CORE_INT, CORE_NULL } from '../io/scalars.js';

/** Flow maps ({ type: lecture, date: … }) up to this width; longer records are written as blocks. */
const FLOW_WIDTH = 110;

/** Plain: starts with a letter, digit or bracket of prose, holds nothing YAML or a line check reads. */
const PLAIN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a plain scalar may not hold
  /^[\p{L}\p{N}_（(][^\u0000-\u001f\u007f-\u009f:#,[\]{}"'\\`|>&*!%@\u2028\u2029\ufeff\u00a0\u3000：，［］｛｝]*$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what gets escaped
const ESCAPED = /[\u0000-\u001f\u007f-\u009f"\\:#,\u2028\u2029\ufeff\u00a0\u3000：，［］｛｝\ud800-\udfff]/gu;

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export function yamlString(s: string): string {
  const plain =
    PLAIN.test(s) &&
    !s.endsWith(' ') &&
    !CORE_NULL.test(s) &&
    !CORE_BOOL.test(s) &&
    !CORE_INT.test(s) &&
    !CORE_FLOAT.test(s) &&
    !/^(?:y|n|yes|no|on|off)$/i.test(s);
  if (plain) return s;
  const body = s.replace(ESCAPED, (c) => {
    if (c === '"') return '\\"';
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    // A surrogate pair is one character: kept as written; only a lone half is escaped.
    return hex4(c);
  });
  return `"${body}"`;
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';
const isScalarList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every(isScalar);

function flowValue(v: unknown): string {
  if (isScalarList(v)) return `[${v.map(scalar).join(', ')}]`;
  return scalar(v);
}

type Path = (string | number)[];

/**
 * A map's entries in the schema's order (that of the examples and of docs/evidence-fields.md), whatever order
 * they were read in; keys the schema does not name (a record's: selfScores) stay in their order, after.
 */
function entriesOf(map: Record<string, unknown>, path: Path): [string, unknown][] {
  const order = keysAt(evidenceSchema(), path);
  const place = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.entries(map)
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => place(a.entry[0]) - place(b.entry[0]) || a.i - b.i)
    .map(({ entry }) => entry);
}

/** A map of scalars and lists of scalars on one line, or undefined when it holds more or is too wide. */
function flowMap(map: Record<string, unknown>, room: number, path: Path): string | undefined {
  const parts: string[] = [];
  for (const [k, v] of entriesOf(map, path)) {
    if (v === undefined) continue;
    if (!isScalar(v) && !isScalarList(v)) return undefined;
    parts.push(`${yamlString(k)}: ${flowValue(v)}`);
  }
  const line = `{ ${parts.join(', ')} }`;
  return line.length <= room ? line : undefined;
}

function block(value: Record<string, unknown>, indent: string, out: string[], path: Path): void {
  for (const [k, v] of entriesOf(value, path)) {
    if (v === undefined) continue;
    const key = `${indent}${yamlString(k)}:`;
    if (isScalar(v) || isScalarList(v)) out.push(`${key} ${flowValue(v)}`);
    else if (Array.isArray(v)) {
      out.push(key);
      v.forEach((item, i) => {
        listItem(item, `${indent}  `, out, [...path, k, i]);
      });
    } else {
      const entries = Object.keys(v as object);
      if (entries.length === 0) out.push(`${key} {}`);
      else {
        out.push(key);
        block(v as Record<string, unknown>, `${indent}  `, out, [...path, k]);
      }
    }
  }
}

function listItem(item: unknown, indent: string, out: string[], path: Path): void {
  if (isScalar(item) || isScalarList(item)) {
    out.push(`${indent}- ${flowValue(item)}`);
    return;
  }
  const map = item as Record<string, unknown>;
  const flow = flowMap(map, FLOW_WIDTH - indent.length - 2, path);
  if (flow !== undefined) {
    out.push(`${indent}- ${flow}`);
    return;
  }
  const inner: string[] = [];
  block(map, `${indent}  `, inner, path);
  if (inner.length === 0) out.push(`${indent}- {}`);
  else out.push(`${indent}- ${(inner[0] ?? '').slice(indent.length + 2)}`, ...inner.slice(1));
}

/** The evidence as a YAML evidence file; `comment` lines go first, each after "# ". */
export function evidenceYaml(data: EvidenceData, comment: readonly string[] = []): string {
  const out = comment.map((line) => `# ${line}`);
  block(data as unknown as Record<string, unknown>, '', out, []);
  return `${out.join('\n')}\n`;
}
