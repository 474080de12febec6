// An .xlsx file's cells, read directly from its zip and XML: sheet names, each cell's value and kind (text,
// number, a number in a date or percent format, true/false, an error), merged ranges. exceljs reads the
// same files, but takes 0.2–0.7 s of CPU for a 2,000-row ledger and expands every data-validation range cell
// by cell (a validation over a whole column is a million entries); this reader takes a few milliseconds and
// never holds more than the cells that are there. Everything is bounded: file size (by the caller), zip
// entries and inflated bytes (./zip.ts), rows per sheet. Sync and pure: bytes in, cells out.
import { Zip, ZipError, type ZipErrorKind } from './zip.js';

export type CellValue =
  | { t: 'text'; v: string }
  | { t: 'number'; v: number; percent?: true }
  /** A number shown as a date: days since the workbook's epoch (1899-12-30, or 1904-01-01). */
  | { t: 'date'; serial: number }
  | { t: 'bool'; v: boolean }
  | { t: 'error'; v: string };

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheet {
  name: string;
  /** Row number (1-based) → column number (1-based) → value. Only cells with a value are present. */
  rows: Map<number, Map<number, CellValue>>;
  merges: MergedRange[];
}

export type XlsxFailureKind = ZipErrorKind | 'encrypted' | 'xls' | 'ods' | 'notXlsx' | 'notWorkbook' | 'tooManyRows';

export class XlsxFailure extends Error {
  constructor(
    readonly kind: XlsxFailureKind,
    readonly detail: string,
    /** For tooManyRows: the sheet. */
    readonly sheet?: string,
  ) {
    super(detail);
  }
}

export const XLSX_LIMITS = {
  /** Parts of the zip: a workbook of ten sheets has about thirty. */
  entries: 2000,
  /** Inflated XML of every part read: a 5,000-row ledger is under 3 MB. */
  bytes: 48 * 1024 * 1024,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "EncryptionInfo" as an OLE directory writes it (UTF-16LE): a password-protected .xlsx, not an .xls. */
const ENCRYPTION_INFO = new Uint8Array([...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]));

function includesBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (
    let i = hay.indexOf(first ?? 0);
    i >= 0 && i <= hay.length - needle.length;
    i = hay.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** What kind of container the bytes are, from their first bytes: a zip, an OLE file (.xls, encrypted), other. */
export function containerOf(bytes: Uint8Array): 'zip' | 'ole' | 'other' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'ole';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------
// XML: a small scanner for the parts of SpreadsheetML this reader needs. Namespace prefixes are dropped
// (x:row is row); comments, processing instructions and DOCTYPEs are skipped; CDATA is text.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** OOXML's own escape for characters XML cannot hold: _x000D_ is a carriage return, _x005F_ an underscore. */
const unescapeOoxml = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : s;

/** A tag's attributes, prefixes dropped (r:id is id). A plain loop: a ledger has tens of thousands of cells. */
function attrs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = text.length;
  let i = 0;
  while (i < n) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    let name = text.slice(i, eq).trim();
    const colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.slice(colon + 1);
    let j = eq + 1;
    while (j < n && text.charCodeAt(j) <= 32) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") break;
    const end = text.indexOf(quote, j + 1);
    if (end < 0) break;
    out[name] = unescapeXml(text.slice(j + 1, end));
    i = end + 1;
  }
  return out;
}

interface XmlHandlers {
  open?(name: string, attrText: string, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

function scanXml(xml: string, h: XmlHandlers): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && h.text) h.text(unescapeXml(xml.slice(i, textEnd)));
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      h.text?.(xml.slice(lt + 9, end < 0 ? n : end));
      i = end < 0 ? n : end + 3;
      continue;
    }
    // The tag ends at the first > outside a quoted attribute value.
    let gt = xml.indexOf('>', lt);
    while (gt >= 0 && quotesOpen(xml, lt, gt)) gt = xml.indexOf('>', gt + 1);
    if (gt < 0) break;
    const first = xml.charCodeAt(lt + 1);
    if (first === 0x3f || first === 0x21) {
      i = gt + 1; // <?xml …?>, <!DOCTYPE …>
      continue;
    }
    const closing = first === 0x2f;
    const start = closing ? lt + 2 : lt + 1;
    let j = start;
    while (j < gt) {
      const c = xml.charCodeAt(j);
      if (c <= 32 || c === 0x2f) break;
      j++;
    }
    let name = xml.slice(start, j);
    const colon = name.indexOf(':');
    if (colon >= 0) name = name.slice(colon + 1);
    if (closing) h.close?.(name);
    else {
      const self = xml.charCodeAt(gt - 1) === 0x2f;
      h.open?.(name, xml.slice(j, self ? gt - 1 : gt), self);
      if (self) h.close?.(name);
    }
    i = gt + 1;
  }
}

/** True when a quote opened between `from` and `to` is not closed there: the > at `to` is inside a value. */
function quotesOpen(xml: string, from: number, to: number): boolean {
  let quote = 0;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (quote === 0 && (c === 0x22 || c === 0x27)) quote = c;
    else if (c === quote) quote = 0;
  }
  return quote !== 0;
}

const utf8 = new TextDecoder('utf-8');

// ---------------------------------------------------------------------------------------------------------

/** "AB12" → { col: 28, row: 12 }; undefined for anything else. */
export function parseRef(ref: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const c of m[1] ?? '') col = col * 26 + (c.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** 28 → "AB". */
export function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BUILTIN_DATE = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

function formatKind(id: number, code: string | undefined): 'date' | 'percent' | 'other' {
  if (code === undefined) return BUILTIN_DATE.has(id) ? 'date' : id === 9 || id === 10 ? 'percent' : 'other';
  // Quoted text, escaped characters, colours and locales ([Red], [$-804]) say nothing of the kind.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  if (/%/.test(bare)) return 'percent';
  if (/General/i.test(bare)) return 'other';
  return /[dmyhs]/i.test(bare.replace(/E[+-]/g, '')) ? 'date' : 'other';
}

/** An open .xlsx: its sheet names at once, each sheet's cells when asked for. */
export class XlsxBook {
  readonly sheetNames: string[] = [];
  readonly date1904: boolean;
  private readonly paths = new Map<string, string>();
  private readonly zip: Zip;
  private shared?: string[];
  private styles?: ('date' | 'percent' | 'other')[];
  private readonly base: string;

  constructor(bytes: Uint8Array) {
    const kind = containerOf(bytes);
    if (kind === 'ole')
      throw new XlsxFailure(includesBytes(bytes, ENCRYPTION_INFO) ? 'encrypted' : 'xls', 'OLE compound file');
    if (kind !== 'zip') throw new XlsxFailure('notXlsx', 'not a zip file');
    try {
      this.zip = new Zip(bytes, XLSX_LIMITS);
      if (!this.zip.has('[Content_Types].xml') && (this.zip.has('mimetype') || this.zip.has('content.xml')))
        throw new XlsxFailure('ods', 'OpenDocument');
      const root = this.text('_rels/.rels');
      const target = root ? relationships(root, '').find((r) => /\/officeDocument$/.test(r.type))?.target : undefined;
      const workbookPath = target ?? 'xl/workbook.xml';
      const workbook = this.text(workbookPath);
      if (workbook === undefined || !/<(?:\w+:)?workbook[\s>]/.test(workbook))
        throw new XlsxFailure('notWorkbook', 'no workbook part');
      this.base = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
      const relsPath = `${this.base}_rels/${workbookPath.slice(this.base.length)}.rels`;
      const rels = new Map(relationships(this.text(relsPath) ?? '', this.base).map((r) => [r.id, r.target]));
      let date1904 = false;
      scanXml(workbook, {
        open: (name, text) => {
          if (name === 'workbookPr') {
            const v = attrs(text).date1904;
            date1904 = v === '1' || v === 'true';
          }
          if (name !== 'sheet') return;
          const a = attrs(text);
          const path = rels.get(a.id ?? '');
          if (a.name === undefined || path === undefined) return;
          this.sheetNames.push(a.name);
          this.paths.set(a.name, path);
        },
      });
      this.date1904 = date1904;
    } catch (e) {
      throw asFailure(e);
    }
  }

  private text(path: string): string | undefined {
    const bytes = this.zip.read(path);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  }

  private sharedStrings(): string[] {
    if (this.shared) return this.shared;
    const list: string[] = [];
    const path = `${this.base}sharedStrings.xml`;
    const xml = this.text(path) ?? '';
    let current: string[] | undefined;
    let inT = false;
    let phonetic = 0; // <rPh> holds the reading of East Asian text: not part of the value
    scanXml(xml, {
      open: (name, _a, self) => {
        if (name === 'si') current = [];
        else if (name === 'rPh' && !self) phonetic++;
        else if (name === 't' && !self) inT = true;
      },
      close: (name) => {
        if (name === 'si') {
          list.push(unescapeOoxml((current ?? []).join('')));
          current = undefined;
        } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (name === 't') inT = false;
      },
      text: (t) => {
        if (inT && phonetic === 0) current?.push(t);
      },
    });
    this.shared = list;
    return list;
  }

  private cellStyles(): ('date' | 'percent' | 'other')[] {
    if (this.styles) return this.styles;
    const xml = this.text(`${this.base}styles.xml`) ?? '';
    const formats = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    scanXml(xml, {
      open: (name, text) => {
        if (name === 'numFmt') {
          const a = attrs(text);
          formats.set(Number(a.numFmtId), a.formatCode ?? '');
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfs.push(Number(attrs(text).numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    this.styles = xfs.map((id) => formatKind(id, formats.get(id)));
    return this.styles;
  }

  /**
   * The cells of a sheet; undefined when there is no such sheet. More than `maxRows` rows with content is a
   * failure (tooManyRows), found while reading: a sheet of a million rows is not read to its end.
   */
  sheet(name: string, maxRows: number): XlsxSheet | undefined {
    const path = this.paths.get(name);
    if (path === undefined) return undefined;
    try {
      return this.readSheet(name, path, maxRows);
    } catch (e) {
      throw asFailure(e);
    }
  }

  private readSheet(name: string, path: string, maxRows: number): XlsxSheet {
    const xml = this.text(path);
    if (xml === undefined) throw new XlsxFailure('corrupt', `missing ${path}`);
    const shared = this.sharedStrings();
    const styles = this.cellStyles();
    const rows = new Map<number, Map<number, CellValue>>();
    const merges: MergedRange[] = [];
    let rowNumber = 0;
    let row: Map<number, CellValue> | undefined;
    let col = 0;
    let cellType = '';
    let cellStyle = 0;
    let value: string[] | undefined; // text of <v>, or of <t> inside <is>
    let inValue = false;
    let phonetic = 0;
    scanXml(xml, {
      open: (tag, text, self) => {
        switch (tag) {
          case 'row': {
            const r = Number(attrs(text).r);
            rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
            row = undefined;
            col = 0;
            break;
          }
          case 'c': {
            const a = attrs(text);
            const ref = a.r ? parseRef(a.r) : undefined;
            col = ref ? ref.col : col + 1;
            if (ref && ref.row !== rowNumber) rowNumber = ref.row;
            cellType = a.t ?? 'n';
            cellStyle = Number(a.s ?? 0);
            value = self ? undefined : [];
            break;
          }
          case 'v':
          case 't':
            if (!self && phonetic === 0) inValue = true;
            break;
          case 'rPh':
            if (!self) phonetic++;
            break;
          case 'mergeCell': {
            const [a, b] = (attrs(text).ref ?? '').split(':');
            const from = parseRef(a ?? '');
            const to = parseRef(b ?? a ?? '');
            if (from && to) merges.push({ top: from.row, left: from.col, bottom: to.row, right: to.col });
            break;
          }
        }
      },
      close: (tag) => {
        if (tag === 'v' || tag === 't') inValue = false;
        else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (tag === 'c') {
          const cell =
            value && value.length > 0 ? cellValue(cellType, value.join(''), styles[cellStyle], shared) : undefined;
          value = undefined;
          if (!cell) return;
          if (!row) {
            row = rows.get(rowNumber);
            if (!row) {
              if (rows.size >= maxRows) throw new XlsxFailure('tooManyRows', String(maxRows), name);
              row = new Map();
              rows.set(rowNumber, row);
            }
          }
          row.set(col, cell);
        }
      },
      text: (t) => {
        if (inValue && value) value.push(t);
      },
    });
    return { name, rows, merges };
  }
}

function cellValue(
  type: string,
  raw: string,
  style: 'date' | 'percent' | 'other' | undefined,
  shared: readonly string[],
): CellValue | undefined {
  switch (type) {
    case 's': {
      const s = shared[Number(raw)];
      return s === undefined || s === '' ? undefined : { t: 'text', v: s };
    }
    case 'str':
    case 'inlineStr': {
      const s = unescapeOoxml(raw);
      return s === '' ? undefined : { t: 'text', v: s };
    }
    case 'b':
      return { t: 'bool', v: raw.trim() === '1' || raw.trim() === 'true' };
    case 'e':
      return { t: 'error', v: raw.trim() };
    case 'd': {
      // An ISO 8601 date (strict OOXML): as days since 1899-12-30, like any other date cell.
      const ms = Date.parse(raw.trim().length === 10 ? `${raw.trim()}T00:00:00Z` : raw.trim());
      return Number.isNaN(ms) ? { t: 'text', v: raw } : { t: 'date', serial: ms / 86_400_000 + 25_569 };
    }
    default: {
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n)) return undefined;
      if (style === 'date') return { t: 'date', serial: n };
      return style === 'percent' ? { t: 'number', v: n, percent: true } : { t: 'number', v: n };
    }
  }
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** A .rels part: each relationship's id, type and target, resolved against `base` (the part's folder). */
function relationships(xml: string, base: string): Relationship[] {
  const out: Relationship[] = [];
  scanXml(xml, {
    open: (name, text) => {
      if (name !== 'Relationship') return;
      const a = attrs(text);
      if (a.Id === undefined || a.Target === undefined || a.TargetMode === 'External') return;
      out.push({ id: a.Id, type: a.Type ?? '', target: resolvePart(base, a.Target) });
    },
  });
  return out;
}

function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function asFailure(e: unknown): XlsxFailure {
  if (e instanceof XlsxFailure) return e;
  if (e instanceof ZipError) return new XlsxFailure(e.kind, e.message);
  return new XlsxFailure('corrupt', String((e as Error)?.message ?? e));
}

/** Days since the workbook's epoch → YYYY-MM-DD; a time of day is dropped (to the nearest second first). */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  const days = Math.floor(Math.round(serial * 86_400) / 86_400);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86_400_000);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(d.getTime()) || y < 1000 || y > 9999) return undefined;
  return d.toISOString().slice(0, 10);
}
