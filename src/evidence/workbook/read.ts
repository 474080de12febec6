// An evidence workbook → the same plain data a YAML evidence file parses to, and the cell each value came
// from. The schema then checks it exactly as it checks YAML (evidence/parse.ts), so a workbook's problems
// carry the same labels and advice, placed at "台账!C14" instead of a line and column.
//
// Cells are read as a clerk means them: a date cell or a date typed as text, a number or a number typed as
// text; text with a unit (3万元, 95%) is handed on as text, for the same hints YAML gets. Columns are found
// by their headers (a column moved or added is no matter), rows of 基本情况 by their 字段 or their label;
// empty rows anywhere are skipped. A cell merged down a column counts for each row it covers.
import { type Problem, pathText } from '../../base/problem.js';
import type { CellSource } from '../../io/cells.js';
import { MAX_WORKBOOK_BYTES } from '../../io/decode.js';
import { type CellValue, columnName, serialToIso, XlsxBook, XlsxFailure, type XlsxSheet } from '../../io/xlsx.js';
import { nearest } from '../issues.js';
import {
  attachmentColumns,
  BREAK,
  CALENDAR_COLUMNS,
  type Column,
  INFO_COLUMNS,
  infoRows,
  type KeyedRow,
  type Kind,
  LEVEL_CHOICES,
  LEVEL_EXTRA,
  ledgerColumns,
  NO,
  NUMBER_KINDS,
  normalizeHeader,
  OUTCOME_COLUMNS,
  outcomeRows,
  RECORD_CHOICES,
  type ResultKind,
  resultColumns,
  resultKinds,
  SELF_COLUMNS,
  SHEETS,
  STAGE_CHOICES,
  SURVEY_FIELDS,
  surveyColumns,
  surveyRows,
  TERM,
  YES,
} from './layout.js';

/** Rows with content in 台账 (the header and any title rows included), and in each other sheet. */
export const MAX_LEDGER_ROWS = 5000;
export const MAX_SHEET_ROWS = 1000;

/** Problems that mean the workbook could not be read at all (validate's exit code 2, as for a missing file). */
export const UNREADABLE_WORKBOOK: ReadonlySet<string> = new Set([
  'workbook.notXlsx',
  'workbook.xls',
  'workbook.encrypted',
  'workbook.ods',
  'workbook.corrupt',
  'workbook.tooLarge',
  'workbook.tooManyRows',
]);

export interface WorkbookValue {
  value?: unknown;
  source?: CellSource;
  problems: Problem[];
}

type Row = { row: number; cells: Map<number, CellValue> };
interface Table {
  sheet: string;
  header: number;
  /** Column key → column number. */
  columns: Map<string, number>;
  rows: Row[];
}

const FAILURES: Record<string, string> = {
  encrypted: 'workbook.encrypted',
  xls: 'workbook.xls',
  ods: 'workbook.ods',
  notXlsx: 'workbook.notXlsx',
  notWorkbook: 'workbook.notXlsx',
  corrupt: 'workbook.corrupt',
  tooLarge: 'workbook.tooLarge',
};

export function readWorkbookValue(bytes: Uint8Array): WorkbookValue {
  if (bytes.length > MAX_WORKBOOK_BYTES)
    return { problems: [error('file.tooLarge', { size: bytes.length, max: MAX_WORKBOOK_BYTES })] };
  try {
    return new Reader(new XlsxBook(bytes)).read();
  } catch (e) {
    if (!(e instanceof XlsxFailure)) throw e;
    if (e.kind === 'tooManyRows')
      return {
        problems: [
          error('workbook.tooManyRows', {
            sheet: e.sheet ?? '',
            max: e.sheet === SHEETS.ledger ? MAX_LEDGER_ROWS : MAX_SHEET_ROWS,
          }),
        ],
      };
    return { problems: [error(FAILURES[e.kind] ?? 'workbook.corrupt', { detail: e.detail })] };
  }
}

const error = (code: string, params: Problem['params'], cell?: string): Problem => ({
  severity: 'error',
  code,
  params,
  ...(cell ? { cell } : {}),
});

const textOf = (c: CellValue | undefined): string | undefined => {
  if (!c) return undefined;
  if (c.t === 'text') return c.v;
  if (c.t === 'number') return String(c.v);
  return undefined;
};

/** Plain decimal text, as a text-formatted cell holds a number typed into it. */
const DECIMAL_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
/** 1990-01-01 to 2100-12-31 as serials: a plain number in a date column within it is a date typed as a number. */
const SERIAL_RANGE = { min: 32874, max: 73415 };

class Reader {
  private readonly cells = new Map<string, string>();
  private readonly problems: Problem[] = [];

  constructor(private readonly book: XlsxBook) {}

  read(): WorkbookValue {
    const names = this.book.sheetNames;
    if (!names.includes(SHEETS.ledger))
      return { problems: [error('workbook.notEvidence', { sheets: names.slice(0, 8).join('、') })] };
    for (const name of [SHEETS.info, SHEETS.calendar]) {
      if (!names.includes(name)) this.problems.push(error('workbook.missingSheet', { sheet: name }));
    }
    if (this.problems.length > 0) return { problems: this.problems };

    const info = this.keyed(
      SHEETS.info,
      infoRows(),
      { label: INFO_COLUMNS.label, value: INFO_COLUMNS.value, key: INFO_COLUMNS.key },
      ['value'],
    );
    const calendar = this.table(SHEETS.calendar, CALENDAR_COLUMNS, ['category', 'start', 'end'], MAX_SHEET_ROWS);
    const ledger = this.table(SHEETS.ledger, ledgerColumns(), ['type', 'date'], MAX_LEDGER_ROWS);
    const results = this.table(SHEETS.results, resultColumns(), ['category', 'title'], MAX_SHEET_ROWS);
    const surveys = this.keyed(
      SHEETS.surveys,
      surveyRows(),
      {
        label: surveyColumns().label,
        key: surveyColumns().key,
        ...Object.fromEntries(SURVEY_FIELDS.map((f) => [f, surveyColumns()[f]])),
      },
      [...SURVEY_FIELDS],
    );
    const outcomes = this.keyed(
      SHEETS.outcomes,
      outcomeRows(),
      {
        label: OUTCOME_COLUMNS.label,
        current: OUTCOME_COLUMNS.current,
        previous: OUTCOME_COLUMNS.previous,
        key: OUTCOME_COLUMNS.key,
      },
      ['current', 'previous'],
    );
    const self = this.table(
      SHEETS.selfScores,
      [
        { key: 'id', header: SELF_COLUMNS.id, kind: 'text', width: 0 },
        { key: 'score', header: SELF_COLUMNS.score, kind: 'decimal', width: 0 },
      ],
      ['id', 'score'],
      MAX_SHEET_ROWS,
    );
    const attachments = this.table(SHEETS.attachments, attachmentColumns(), ['path'], MAX_SHEET_ROWS);
    if (this.problems.length > 0) return { problems: this.problems };

    const value: Record<string, unknown> = {};
    this.readInfo(info, value);
    if (calendar) this.readCalendar(calendar, value);
    if (ledger) this.readLedger(ledger, value);
    if (results) this.readResults(results, value);
    if (surveys) this.readPairs(surveys, value, 'surveys', [...SURVEY_FIELDS]);
    if (outcomes) this.readPairs(outcomes, value, 'outcomes', ['current', 'previous']);
    if (self) this.readSelfScores(self, value);
    if (attachments) this.readAttachments(attachments, value);
    return { value, source: { cells: this.cells, fallback: `${SHEETS.info}!A1` }, problems: this.problems };
  }

  private place(path: readonly (string | number)[], table: Table, key: string, row: number): void {
    const col = table.columns.get(key);
    this.cells.set(pathText(path), `${table.sheet}!${columnName(col ?? 1)}${row}`);
  }

  private sheetOf(name: string, maxRows: number): XlsxSheet | undefined {
    const sheet = this.book.sheet(name, maxRows);
    if (sheet) fillMergedDown(sheet);
    return sheet;
  }

  /**
   * A sheet as a table: its header row (the first of its first 30 rows with every required header), its
   * columns by header, and its rows below the header that have anything in those columns.
   */
  private table(name: string, columns: readonly Column[], required: string[], maxRows: number): Table | undefined {
    const sheet = this.sheetOf(name, maxRows);
    if (!sheet) return undefined;
    const accepted = new Map<string, string>();
    for (const c of columns) {
      accepted.set(normalizeHeader(c.header), c.key);
      accepted.set(normalizeHeader(c.key), c.key);
    }
    const numbers = [...sheet.rows.keys()].sort((a, b) => a - b);
    for (const r of numbers.slice(0, 30)) {
      const found = new Map<string, number>();
      for (const [col, cell] of sheet.rows.get(r) ?? []) {
        const key = accepted.get(normalizeHeader(textOf(cell) ?? ''));
        if (key !== undefined && !found.has(key)) found.set(key, col);
      }
      if (!required.every((k) => found.has(k))) continue;
      const wanted = [...found.values()];
      const rows = numbers
        .filter((n) => n > r)
        .map((n) => ({ row: n, cells: sheet.rows.get(n) ?? new Map() }))
        .filter((x) => wanted.some((c) => x.cells.has(c)));
      return { sheet: name, header: r, columns: found, rows };
    }
    const headers = columns.filter((c) => required.includes(c.key)).map((c) => c.header);
    this.problems.push(error('workbook.noHeader', { sheet: name, headers: headers.join('、') }, `${name}!A1`));
    return undefined;
  }

  /** A sheet of one row per known field (基本情况, 满意度调查, 成效): rows found by 字段, else by label. */
  private keyed(
    name: string,
    known: readonly KeyedRow[],
    headers: Record<string, string>,
    values: string[],
  ): (Table & { fields: Map<Row, KeyedRow> }) | undefined {
    const columns = Object.entries(headers).map(([key, header]) => ({ key, header, kind: 'text' as Kind, width: 0 }));
    const table = this.table(name, columns, ['label', values[0] ?? 'value'], MAX_SHEET_ROWS);
    if (!table) return undefined;
    const byKey = new Map(known.map((k) => [k.path.join('.'), k]));
    const byLabel = new Map(known.map((k) => [normalizeHeader(k.label), k]));
    const fields = new Map<Row, KeyedRow>();
    const seen = new Map<KeyedRow, number>();
    const at = (key: string, row: number) => `${name}!${columnName(table.columns.get(key) ?? 1)}${row}`;
    for (const row of table.rows) {
      const keyText = textOf(row.cells.get(table.columns.get('key') ?? 0))?.trim();
      const labelText = textOf(row.cells.get(table.columns.get('label') ?? 0))?.trim();
      const field =
        (keyText ? byKey.get(keyText) : undefined) ?? (labelText ? byLabel.get(normalizeHeader(labelText)) : undefined);
      const filled = values.some((v) => row.cells.has(table.columns.get(v) ?? 0));
      if (!field) {
        if (filled)
          this.problems.push(
            error('workbook.unknownRow', { input: labelText ?? keyText ?? '', sheet: name }, at('label', row.row)),
          );
        continue;
      }
      const first = seen.get(field);
      if (first !== undefined) {
        this.problems.push(error('workbook.duplicateRow', { input: field.label, first: first }, at('label', row.row)));
        continue;
      }
      seen.set(field, row.row);
      fields.set(row, field);
    }
    return { ...table, fields };
  }

  private readInfo(table: ReturnType<Reader['keyed']>, value: Record<string, unknown>): void {
    const school: Record<string, unknown> = {};
    const facts: Record<string, unknown> = {};
    value.school = school;
    if (!table) return;
    this.cells.set('school', `${table.sheet}!A${table.header}`);
    this.cells.set('facts', `${table.sheet}!A${table.header}`);
    // A field whose row is missing is placed at the header's 填写 cell.
    for (const row of infoRows()) this.place(row.path, table, 'value', table.header);
    for (const [row, field] of table.fields) {
      this.place(field.path, table, 'value', row.row);
      const v = convert(row.cells.get(table.columns.get('value') ?? 0), field.kind, this.book.date1904);
      if (v === undefined) continue;
      const [head, key] = field.path;
      if (head === 'school' && key) school[key] = v;
      else if (head === 'facts' && key) facts[key] = v;
      else if (head) value[head] = v;
    }
    if (Object.keys(facts).length > 0) value.facts = facts;
  }

  private cell(table: Table, row: Row, key: string, kind: Kind): unknown {
    const col = table.columns.get(key);
    return col === undefined ? undefined : convert(row.cells.get(col), kind, this.book.date1904);
  }

  private readCalendar(table: Table, value: Record<string, unknown>): void {
    const terms: Record<string, unknown>[] = [];
    const breaks: Record<string, unknown>[] = [];
    this.cells.set('terms', `${table.sheet}!A${table.header}`);
    for (const row of table.rows) {
      const category = textOf(row.cells.get(table.columns.get('category') ?? 0))?.trim();
      const list = category === TERM ? terms : category === BREAK ? breaks : undefined;
      if (!list) {
        this.problems.push(
          error(
            'workbook.choice',
            { input: category ?? '', options: [TERM, BREAK].join('、') },
            `${table.sheet}!${columnName(table.columns.get('category') ?? 1)}${row.row}`,
          ),
        );
        continue;
      }
      const path = [list === terms ? 'terms' : 'breaks', list.length];
      const item: Record<string, unknown> = {};
      const keys = list === terms ? ['start', 'end'] : ['name', 'start', 'end'];
      this.place(path, table, 'category', row.row);
      for (const key of keys) {
        this.place([...path, key], table, key, row.row);
        const v = this.cell(table, row, key, key === 'name' ? 'text' : 'date');
        if (v !== undefined) item[key] = v;
      }
      list.push(item);
    }
    value.terms = terms;
    if (breaks.length > 0) value.breaks = breaks;
  }

  private readLedger(table: Table, value: Record<string, unknown>): void {
    const entries: Record<string, unknown>[] = [];
    let last: { signature: string; entry: Record<string, unknown>; index: number } | undefined;
    this.cells.set('ledger', `${table.sheet}!A${table.header}`);
    for (const row of table.rows) {
      const fields: Record<string, unknown> = {};
      for (const c of ledgerColumns()) {
        if (c.key === 'date') continue;
        const v = this.cell(table, row, c.key, c.kind);
        if (v !== undefined) fields[c.key] = v;
      }
      const date = this.cell(table, row, 'date', 'date');
      const signature = JSON.stringify(Object.entries(fields));
      // Rows of one activity, alike but for their dates, are one entry with `dates`, as YAML writes it.
      if (
        last &&
        date !== undefined &&
        last.signature === signature &&
        (last.entry.date !== undefined || last.entry.dates)
      ) {
        const dates = (last.entry.dates as unknown[] | undefined) ?? [last.entry.date];
        delete last.entry.date;
        if (!last.entry.dates) {
          this.cells.set(
            pathText(['ledger', last.index, 'dates', 0]),
            this.cells.get(pathText(['ledger', last.index, 'date'])) ?? '',
          );
          this.cells.set(
            pathText(['ledger', last.index, 'dates']),
            this.cells.get(pathText(['ledger', last.index, 'date'])) ?? '',
          );
        }
        this.place(['ledger', last.index, 'dates', dates.length], table, 'date', row.row);
        dates.push(date);
        last.entry.dates = dates;
        continue;
      }
      const index = entries.length;
      const entry: Record<string, unknown> = { type: fields.type, ...(date !== undefined ? { date } : {}), ...fields };
      if (entry.type === undefined) delete entry.type;
      entries.push(entry);
      this.place(['ledger', index], table, 'type', row.row);
      // The cells a problem can name: the type and date (missing or not), and every field given.
      for (const key of ['type', 'date', ...Object.keys(fields)])
        this.place(['ledger', index, key], table, key, row.row);
      last = date === undefined ? undefined : { signature, entry, index };
    }
    if (entries.length > 0) value.ledger = entries;
  }

  private readResults(table: Table, value: Record<string, unknown>): void {
    const lists: Record<ResultKind, Record<string, unknown>[]> = { projects: [], cases: [], awards: [] };
    const byName = new Map(Object.entries(resultKinds()).map(([k, v]) => [v, k as ResultKind]));
    for (const row of table.rows) {
      const category = textOf(row.cells.get(table.columns.get('category') ?? 0))?.trim() ?? '';
      const kind = byName.get(category) ?? (category in lists ? (category as ResultKind) : undefined);
      if (!kind) {
        this.problems.push(
          error(
            'workbook.choice',
            { input: category, options: Object.values(resultKinds()).join('、') },
            `${table.sheet}!${columnName(table.columns.get('category') ?? 1)}${row.row}`,
          ),
        );
        continue;
      }
      const path = [kind, lists[kind].length];
      const item: Record<string, unknown> = {};
      this.place(path, table, 'category', row.row);
      for (const c of resultColumns()) {
        if (c.key === 'category') continue;
        this.place([...path, c.key], table, c.key, row.row);
        const v = this.cell(table, row, c.key, c.kind);
        if (v !== undefined) item[c.key] = v;
      }
      lists[kind].push(item);
    }
    for (const [k, list] of Object.entries(lists)) if (list.length > 0) value[k] = list;
  }

  /** 满意度调查 and 成效: a row per field, a value per column; a row with no value is left out. */
  private readPairs(
    table: NonNullable<ReturnType<Reader['keyed']>>,
    value: Record<string, unknown>,
    head: 'surveys' | 'outcomes',
    keys: string[],
  ): void {
    const out: Record<string, unknown> = {};
    for (const [row, field] of table.fields) {
      const item: Record<string, unknown> = {};
      this.place(field.path, table, 'label', row.row);
      for (const key of keys) {
        this.place([...field.path, key], table, key, row.row);
        const v = this.cell(table, row, key, field.kind);
        if (v !== undefined) item[key] = v;
      }
      if (Object.keys(item).length > 0) out[field.path[1] ?? ''] = item;
    }
    if (Object.keys(out).length > 0) value[head] = out;
  }

  private readSelfScores(table: Table, value: Record<string, unknown>): void {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const id = textOf(row.cells.get(table.columns.get('id') ?? 0))?.trim();
      const score = this.cell(table, row, 'score', 'decimal');
      if (!id || score === undefined) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        this.problems.push(
          error(
            'workbook.duplicateRow',
            { input: id, first },
            `${table.sheet}!${columnName(table.columns.get('id') ?? 1)}${row.row}`,
          ),
        );
        continue;
      }
      seen.set(id, row.row);
      this.place(['selfScores', id], table, 'score', row.row);
      out[id] = score;
    }
    if (Object.keys(out).length > 0) value.selfScores = out;
  }

  private readAttachments(table: Table, value: Record<string, unknown>): void {
    const list: Record<string, unknown>[] = [];
    for (const row of table.rows) {
      const item: Record<string, unknown> = {};
      this.place(['attachments', list.length], table, 'path', row.row);
      for (const c of attachmentColumns()) {
        this.place(['attachments', list.length, c.key], table, c.key, row.row);
        const v = this.cell(table, row, c.key, c.kind);
        if (v !== undefined) item[c.key] = v;
      }
      list.push(item);
    }
    if (list.length > 0) value.attachments = list;
  }
}

/**
 * A cell merged down several rows counts for each row it covers that has content of its own (a type merged
 * over the activity's rows); cells merged across columns belong to the first column only.
 */
function fillMergedDown(sheet: XlsxSheet): void {
  if (sheet.merges.length === 0) return;
  const numbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  for (const m of sheet.merges.slice(0, 10_000)) {
    if (m.bottom <= m.top) continue;
    const master = sheet.rows.get(m.top)?.get(m.left);
    if (!master) continue;
    let lo = 0;
    let hi = numbers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((numbers[mid] ?? 0) <= m.top) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < numbers.length && (numbers[i] ?? 0) <= m.bottom; i++) {
      const row = sheet.rows.get(numbers[i] ?? 0);
      if (row && !row.has(m.left)) row.set(m.left, master);
    }
  }
}

/** A cell's value as the evidence field of this kind wants it; undefined for an empty cell. */
export function convert(c: CellValue | undefined, kind: Kind, date1904: boolean): unknown {
  if (!c) return undefined;
  if (c.t === 'error') return c.v;
  if (kind === 'files') {
    const text = c.t === 'text' ? c.v : c.t === 'number' ? String(c.v) : undefined;
    if (text === undefined) return undefined;
    const files = text.split('\n').filter((f) => f !== '');
    return files.length > 0 ? files : undefined;
  }
  if (NUMBER_KINDS.has(kind)) {
    if (c.t === 'number') return c.percent ? `${Number((c.v * 100).toPrecision(12))}%` : c.v;
    if (c.t === 'text') return DECIMAL_TEXT.test(c.v) ? Number(c.v.trim()) : c.v;
    if (c.t === 'date') return serialToIso(c.serial, date1904) ?? String(c.serial);
    return c.v;
  }
  if (kind === 'yesNo') {
    if (c.t === 'bool') return c.v;
    if (c.t === 'text') {
      const s = c.v.trim();
      if (s === YES || /^true$/i.test(s)) return true;
      if (s === NO || /^false$/i.test(s)) return false;
      return c.v;
    }
    return c.t === 'number' ? c.v : serialToIso(c.serial, date1904);
  }
  if (kind === 'date') {
    if (c.t === 'date') return serialToIso(c.serial, date1904) ?? String(c.serial);
    if (c.t === 'number') {
      const integral = Number.isInteger(c.v) && c.v >= SERIAL_RANGE.min && c.v <= SERIAL_RANGE.max;
      return integral ? serialToIso(c.v, date1904) : String(c.v);
    }
    return c.t === 'text' ? c.v.trim() : String(c.v);
  }
  const text =
    c.t === 'text'
      ? c.v
      : c.t === 'number'
        ? String(c.v)
        : c.t === 'bool'
          ? c.v
            ? YES
            : NO
          : serialToIso(c.serial, date1904);
  if (text === undefined) return undefined;
  if (kind === 'stage') return stageOf(text.trim()) ?? text;
  if (kind === 'recordType') return recordTypeOf(text.trim()) ?? text;
  if (kind === 'level') return LEVEL_EXTRA[text.trim()] ?? text;
  return text;
}

const STAGE_BY_NAME = new Map<string, string>(
  Object.entries(STAGE_CHOICES).flatMap(([k, v]) => [
    [v, k],
    [v.replace(/学校$/, ''), k],
  ]),
);
const stageOf = (s: string): string | undefined => STAGE_BY_NAME.get(s);
const RECORD_BY_NAME = new Map<string, string>(Object.entries(RECORD_CHOICES).map(([k, v]) => [v, k]));
const recordTypeOf = (s: string): string | undefined => RECORD_BY_NAME.get(s);

/** The choices a dropdown offers for a field at this path, when it has one. */
function choicesAt(path: string): string[] | undefined {
  if (/^ledger\[\d+\]\.type$/.test(path)) return Object.values(RECORD_CHOICES);
  if (path === 'school.stage') return Object.values(STAGE_CHOICES);
  if (/\.level$/.test(path)) return Object.values(LEVEL_CHOICES);
  return undefined;
}

/**
 * A problem the schema found, worded for a workbook: yes/no and lists are dropdowns there, and a ledger row
 * has one date.
 */
export function forWorkbook(p: Problem): Problem {
  if (p.cell === undefined) return p;
  const input = p.params.input === undefined ? '' : String(p.params.input);
  if (p.code === 'ledger.dateOrDates') return { ...p, code: 'workbook.noDate', params: {} };
  if (
    p.code === 'value.yesNo' ||
    p.code === 'value.quotedBoolean' ||
    (p.code === 'value.type' && p.params.expected === 'boolean')
  )
    return { ...p, code: 'workbook.yesNo', params: { input } };
  // A list's value in Chinese is how a workbook writes it (its dropdowns are in Chinese): the advice is the
  // dropdown's entry, not the YAML key.
  const choices =
    p.code === 'value.enum' || p.code === 'value.enumSuggest' || p.code === 'value.chinese'
      ? choicesAt(p.path ?? '')
      : undefined;
  if (choices) {
    const suggestion = choices.find((c) => c.includes(input) || input.includes(c)) ?? nearest(input, choices) ?? '';
    return { ...p, code: 'workbook.choice', params: { input, options: choices.join('、'), suggestion } };
  }
  return p;
}
