// One escaping function per output kind. Renderers apply them where they write a value that came from a
// file (school name, county, titles, file paths, unknown keys, messages with their params), so that no
// submitted string can clear a screen, retitle a terminal, start a CI workflow command, break an XML
// report or a Markdown table. Unsafe characters (src/base/unsafe-chars.ts) are shown escaped, visibly and the
// same way in every format: \e, \n, \r, \t, \x07, \u202E.
import { hasUnsafeChar, UNSAFE_CHARS } from './unsafe-chars.js';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Unsafe characters shown as escapes; a value's own line breaks become \n and \r, never a new line. */
const escapeControls = (s: string): string => (hasUnsafeChar(s) ? s.replace(UNSAFE_CHARS, visible) : s);

/** The first # of `##[` and `##vso[`. */
const HASH_COMMAND = /#(?=#(?:vso)?\[)/g;

// --- Terminal and plain text (sheet table, batch ranking, summary.txt, validate text, stderr) ---

/**
 * A value in terminal or plain-text output: control characters shown escaped, and `##[` (a CI command
 * anywhere in a log line) as \x23#[ already here, so that a table lays out the text as it will be shown.
 */
export const escapeText = (s: string): string => {
  const shown = escapeControls(s);
  return shown.includes('##') ? shown.replace(HASH_COMMAND, '\\x23') : shown;
};

/**
 * CI runners read commands out of any log line: GitHub Actions runs a line starting with `::` (after any
 * whitespace, which the runner trims), and the older `##[command]` and Azure's `##vso[` forms anywhere in a
 * line. Only the github formatter may write them: every other format breaks them in its own escaping.
 */
function guard(line: string, hash: string, colon: string): string {
  let out = line;
  if (out.includes('##')) out = out.replace(HASH_COMMAND, hash);
  // Colour codes (ours, with FORCE_COLOR) may come first: a runner that strips them must find no command.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: skipping colour codes is the point
  const lead = /^(?:\s|\u001b\[[\d;]*m)*:(?=:)/u.exec(out);
  if (lead) out = `${lead[0].slice(0, -1)}${colon}${out.slice(lead[0].length)}`;
  return out;
}

const guardLines = (lines: readonly string[], hash: string, colon: string): string =>
  lines
    .join('\n')
    .split('\n')
    .map((line) => guard(line, hash, colon))
    .join('\n');

/** One line of plain text, never a workflow command: `::` at its start and `##[` shown as \x3a:, \x23#[. */
export const textLine = (line: string): string => guard(line, '\\x23', '\\x3a');

/** A plain-text document from its lines (which may hold several each), every line made safe by textLine. */
export const textLines = (lines: readonly string[]): string => guardLines(lines, '\\x23', '\\x3a');

// --- GitHub Actions workflow commands (validate --format github) ---

/** The message of a workflow command: control escapes (a line break shows as \n), then % percent-encoded. */
export const escapeGithubData = (s: string): string => escapeControls(s).replace(/%/g, '%25');

/** A property of a workflow command (file=, title=): also : and , encoded. */
export const escapeGithubProperty = (s: string): string =>
  escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

// --- JUnit XML ---

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text or an attribute value in XML 1.0: the five special characters as entities, and every character XML
 * cannot carry (C0 controls, U+FFFE/U+FFFF, lone surrogates) shown as its escape rather than dropped.
 */
export const escapeXml = (s: string): string => escapeControls(s).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);

/** An XML document from its lines: workflow commands broken with character references (&#35; &#58;). */
export const xmlLines = (lines: readonly string[]): string => guardLines(lines, '&#35;', '&#58;');

// --- Markdown (GitHub-flavoured, in table cells) ---

const MD_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text in a Markdown table cell, shown as written: no raw HTML (< > & as entities), no emphasis, link,
 * code, strike-through or math (\ ` * _ [ ] ~ $ backslash-escaped), no cell break (\|), no line break.
 */
export const escapeMarkdown = (s: string): string =>
  escapeControls(s)
    .replace(/[\\`*_[\]~$|]/g, '\\$&')
    .replace(/[&<>]/g, (c) => MD_ENTITIES[c] ?? c);

/** A Markdown document from its lines: workflow commands broken with character references (&#35; &#58;). */
export const markdownLines = (lines: readonly string[]): string => guardLines(lines, '&#35;', '&#58;');

// --- JSON ---

// JSON.stringify escapes C0 controls and lone surrogates; these it leaves raw. Inside a JSON string they
// may be written as \uXXXX: the value read back is the same, and the bytes are safe on a terminal.
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

/**
 * A value as indented JSON with a final newline, every unsafe character as a \u escape, and `##[` (a CI
 * command anywhere in a log line) as \u0023#[. Such characters occur only inside strings.
 */
export const jsonText = (value: unknown): string => `${jsonSafe(JSON.stringify(value, null, 2))}\n`;

/** JSON text made safe as jsonText makes it. Such characters occur only inside strings. */
const jsonSafe = (json: string): string =>
  json
    .replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/#(?=#(?:vso)?\[)/g, '\\u0023');

/**
 * jsonText of `value` with the array under its top-level `key` given as `items`, in pieces: the array's
 * items are made (and written) one by one, so that a large array is never one string. The pieces joined
 * are jsonText's bytes exactly.
 */
export function* jsonTextPieces<T>(value: object, key: string, items: readonly T[], item: (x: T) => unknown) {
  const whole = jsonText({ ...value, [key]: [] });
  const at = `\n  ${JSON.stringify(key)}: []`;
  const cut = whole.indexOf(at);
  if (items.length === 0 || cut < 0) {
    yield whole;
    return;
  }
  yield whole.slice(0, cut + at.length - 1);
  // Items a few dozen at a time, as one array each: few writes, little held at once, and one JSON.stringify
  // for many items (item by item, the ranking of 10,000 schools took ~20% longer). The array's items stand two
  // spaces in; in `key`'s array, four.
  for (let i = 0; i < items.length; i += ITEMS_A_PIECE) {
    const json = JSON.stringify(items.slice(i, i + ITEMS_A_PIECE).map(item), null, 2);
    yield `${i === 0 ? '' : ','}\n  ${jsonSafe(json.slice(2, -2)).replaceAll('\n', '\n  ')}`;
  }
  yield `\n  ${whole.slice(cut + at.length - 1)}`;
}

/** Items of jsonTextPieces' array made at once: a school of a summary is ~500 characters of JSON. */
const ITEMS_A_PIECE = 64;

// --- CSV (score --format csv, opened in Excel or WPS) ---

/**
 * A cell a spreadsheet may read as a formula (OWASP, CSV injection): one that starts with = + - @, a tab or
 * a carriage return, or with the full-width ＝ ＋ － ＠ a Chinese input method types (some spreadsheets read
 * them as the ASCII forms); also after leading spaces (the ideographic one too), which an import may trim.
 */
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * A string cell of a CSV file: unsafe characters shown as escapes (a line break as \n, so that every record
 * is one line), a CI command broken as in plain text (a leading `::`, `##[` anywhere), and a cell a
 * spreadsheet would run as a formula neutralised with a leading apostrophe ('=SUM(A1)), so that it shows as
 * text. Only strings pass here: numbers are written as numbers, a negative one included.
 */
export const escapeCsvCell = (s: string): string => {
  const safe = textLine(escapeControls(s));
  return FORMULA_START.test(safe) ? `'${safe}` : safe;
};

// --- HTML ---

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text or a quoted attribute value in HTML: the five special characters as entities (no tag, no attribute
 * break, no entity of the submitter's), and unsafe characters shown as their escapes (\e, \n, \u202E).
 */
export const escapeHtml = (s: string): string => escapeControls(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

/**
 * An HTML document from its lines: a file cat'ed into a CI log runs no workflow command, `::` at a line's
 * start and `##[` broken with character references (&#58; &#35;), which a browser shows as the characters.
 */
export const htmlLines = (lines: readonly string[]): string => guardLines(lines, '&#35;', '&#58;');

// --- XLSX ---

/**
 * A string written into a spreadsheet cell (always a string cell, never a formula). Characters XML 1.0
 * cannot carry would corrupt the file and line breaks would be taken for the cell's own: they show as their
 * escapes. A CI command (`::` at the start, `##[`) is broken as in plain text, for a cell copied into a log.
 * A value starting with = + - @ is neutralised with a leading ' (OWASP's advice for CSV injection): Excel
 * does not evaluate a string cell, but the same sheet saved as CSV and opened again would.
 */
export const escapeXlsx = (s: string): string => {
  const safe = escapeXlsxPart(s);
  return FORMULA_START.test(safe) ? `'${safe}` : safe;
};

/**
 * A string placed inside a cell's text after words of our own (学校：…, ✗ B3.1b …): escaped as escapeXlsx
 * escapes, without the leading ', which only a cell's start needs and would show inside the text.
 */
export const escapeXlsxPart = (s: string): string => textLine(escapeControls(s));

// --- YAML (the evidence template of `jiaxiao init`) ---

/** A value in a YAML file: a double-quoted scalar (JSON's escapes are YAML's), unsafe characters escaped. */
export const yamlString = (s: string): string =>
  JSON.stringify(s).replace(UNSAFE_CHARS, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

/** Text in a YAML comment: on one line, unsafe characters shown escaped, so a comment never ends early. */
export const yamlComment = (s: string): string => escapeControls(s.replace(/[\r\n]+/g, ' '));

// --- XLSX evidence workbooks ---

/**
 * A string cell of an evidence workbook (the template, `jiaxiao convert`): the school's own data, which must
 * read back exactly as written, so nothing is shown escaped or prefixed. It is safe as it is: a string cell is
 * never a formula (exceljs makes a formula only of { formula }: =SUM(A1) stays text), and the evidence schema
 * has refused every control character but a note's line break and tab, which a cell holds as such. Only
 * OOXML's own escape is escaped: text reading _x0041_ would come back as "A", so its underscore is _x005F_.
 */
export const escapeXlsxData = (s: string): string => s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
