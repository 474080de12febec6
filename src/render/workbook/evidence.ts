// Evidence → an evidence workbook, or no evidence → the blank template a school office fills in Excel or WPS.
// The layout is src/evidence/workbook/layout.ts, which the reader follows too: what this writes reads back
// as the same evidence (test/workbook-roundtrip.test.ts). Pure: evidence in, bytes out (exceljs, loaded
// here when a workbook is written; fixed dates, so the same evidence gives the same bytes).
import type { DataValidation, Fill, Worksheet } from 'exceljs';
import { escapeXlsxData } from '../../base/escape.js';
import { indicatorsOf, type Rubric } from '../../engine/model.js';
import type { CompiledCheck } from '../../engine/types.js';
import type { EvidenceData, Stage } from '../../evidence/schema.js';
import { RECORD_TYPES, type RecordType } from '../../evidence/schema.js';
import {
  attachmentColumns,
  BREAK,
  CALENDAR_COLUMNS,
  type Column,
  INFO_COLUMNS,
  infoRows,
  type Kind,
  LEVEL_CHOICES,
  ledgerColumns,
  NO,
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
  TERM_NAMES,
  YES,
} from '../../evidence/workbook/layout.js';
import type { Lang } from '../../i18n/messages.js';
import { BOLD, BORDER, HEAD_FILL, TOP_LEFT } from '../xlsx/cells.js';
import { newWorkbook, workbookBytes } from '../xlsx/workbook.js';

/** Rows of the ledger and the other lists that get dropdowns and formats beyond the rows written. */
const SPARE_ROWS = 500;
/** Excel's limit on one cell's text. */
const MAX_CELL_CHARS = 32_767;

export class CellTooLong extends Error {
  constructor(readonly where: string) {
    super(`text longer than ${MAX_CELL_CHARS} characters at ${where}`);
  }
}

export interface EvidenceWorkbookOptions {
  rubric: Rubric;
  lang: Lang;
  /** For the blank template: the stage filled in, and the choices that depend on it. */
  stage?: Stage;
}

type Cellish = string | number | boolean | Date | undefined;

const GREY = { color: { argb: 'FF808080' } };
/** The cells a clerk fills in, in the sheets of one row per field: a light yellow, as forms mark them. */
const INPUT_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const input = (ws: Worksheet, row: number, col: number) => {
  ws.getCell(row, col).fill = INPUT_FILL;
};
const NUM_FMT: Partial<Record<Kind, string>> = {
  text: '@',
  note: '@',
  code: '@',
  academicYear: '@',
  files: '@',
  count: '0',
  positive: '0',
  year: '0',
  money: '#,##0.00',
  decimal: 'General',
  date: 'yyyy-mm-dd',
};

const list = (choices: readonly string[]) => ({
  type: 'list' as const,
  allowBlank: true,
  formulae: [`"${choices.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'warning' as const,
  errorTitle: '请从下拉列表中选择',
  error: `可选：${choices.join('、')}`,
});

/** The dropdown or number check a kind of cell gets; a warning only, so that a pasted value is kept. */
function validationOf(kind: Kind): DataValidation | undefined {
  const number = (type: 'whole' | 'decimal', min: number, error: string) => ({
    type,
    operator: 'greaterThanOrEqual' as const,
    allowBlank: true,
    formulae: [min],
    showErrorMessage: true,
    errorStyle: 'warning' as const,
    errorTitle: '请填写数字',
    error,
  });
  switch (kind) {
    case 'yesNo':
      return list([YES, NO]);
    case 'stage':
      return list(Object.values(STAGE_CHOICES));
    case 'recordType':
      return list(Object.values(RECORD_CHOICES));
    case 'level':
      return list(Object.values(LEVEL_CHOICES));
    case 'count':
      return number('whole', 0, '填写整数，不带单位，如 24');
    case 'positive':
      return number('whole', 1, '填写大于 0 的整数，不带单位，如 1200');
    case 'money':
      return number('decimal', 0, '填写金额数字，不带“元”，如 24000');
    case 'year':
      return number('whole', 1990, '填写四位年份，如 2022');
    case 'date':
      return {
        type: 'date',
        operator: 'between',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '请填写日期',
        error: '填写日期，如 2023-09-01',
      };
    default:
      return undefined;
  }
}

/**
 * A dropdown or check over a range, as one sqref (exceljs types only the per-cell form, which it would write
 * as one entry per cell before merging them again).
 */
function validate(ws: Worksheet, range: string, v: DataValidation | undefined): void {
  if (v)
    (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations.add(
      range,
      v,
    );
}

/** A value as its cell holds it: strings through escapeXlsxData, dates as date cells, yes/no as 是/否. */
function cellValue(v: unknown, kind: Kind, where: string): Cellish {
  if (v === undefined || v === null) return undefined;
  if (kind === 'files' && Array.isArray(v)) return cellValue(v.join('\n'), 'text', where);
  if (kind === 'yesNo' && typeof v === 'boolean') return v ? YES : NO;
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  }
  if (kind === 'stage' && typeof v === 'string') return STAGE_CHOICES[v as Stage] ?? v;
  if (kind === 'recordType' && typeof v === 'string') return RECORD_CHOICES[v as RecordType] ?? v;
  if (kind === 'level' && typeof v === 'string') return LEVEL_CHOICES[v as keyof typeof LEVEL_CHOICES] ?? v;
  if (typeof v === 'string') {
    if (v.length > MAX_CELL_CHARS) throw new CellTooLong(where);
    return escapeXlsxData(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return escapeXlsxData(String(v));
}

function put(ws: Worksheet, row: number, col: number, v: Cellish, kind: Kind): void {
  const cell = ws.getCell(row, col);
  if (v !== undefined) cell.value = v;
  const fmt = NUM_FMT[kind];
  if (fmt) cell.numFmt = fmt;
  cell.border = BORDER;
  cell.alignment = kind === 'note' || kind === 'files' || kind === 'text' ? TOP_LEFT : { vertical: 'top' };
}

function header(ws: Worksheet, headers: readonly string[], widths: readonly number[]): void {
  headers.forEach((h, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = h;
    cell.font = BOLD;
    cell.fill = HEAD_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    ws.getColumn(i + 1).width = widths[i] ?? 12;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** A table sheet: a header, a row per item, and formats and dropdowns down to SPARE_ROWS rows below. */
function tableSheet(
  ws: Worksheet,
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
  sheet: string,
): void {
  // The column's format, for every row a clerk adds: a date typed shows as a date, a code stays text.
  columns.forEach((c, j) => {
    const fmt = NUM_FMT[c.kind];
    if (fmt) ws.getColumn(j + 1).numFmt = fmt;
  });
  header(
    ws,
    columns.map((c) => c.header),
    columns.map((c) => c.width),
  );
  rows.forEach((r, i) => {
    columns.forEach((c, j) => {
      put(ws, i + 2, j + 1, cellValue(r[c.key], c.kind, `${sheet}!${i + 2}`), c.kind);
    });
  });
  const last = rows.length + 1 + SPARE_ROWS;
  columns.forEach((c, j) => {
    const column = ws.getColumn(j + 1);
    validate(ws, `${column.letter}2:${column.letter}${last}`, validationOf(c.kind));
  });
}

/** The 要点 that read each evidence field ("facts.spending") or each ledger record type ("ledger:homework"). */
export function itemsByField(rubric: Rubric): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string, item: string) => {
    const ids = out.get(key);
    if (!ids) out.set(key, [item]);
    else if (!ids.includes(item)) ids.push(item);
  };
  const walk = (check: CompiledCheck, item: string) => {
    const options = check.options as never;
    for (const ref of check.kind.fields(options)) {
      const path = ref.path.filter((k): k is string => typeof k === 'string');
      for (let n = 1; n <= path.length; n++) add(path.slice(0, n).join('.'), item);
    }
    for (const t of check.kind.recordTypes?.(options) ?? []) add(`ledger:${t}`, item);
    for (const c of check.children) walk(c, item);
  };
  for (const b of indicatorsOf(rubric)) for (const i of b.items) for (const c of i.checks) walk(c, i.id);
  return out;
}

export async function evidenceWorkbook(
  data: EvidenceData | undefined,
  o: EvidenceWorkbookOptions,
): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const items = itemsByField(o.rubric);
  const itemsOf = (key: string) => (items.get(key) ?? []).join('、');

  // 基本情况: a row per fact, with its unit and the 要点 it feeds.
  const info = wb.addWorksheet(SHEETS.info);
  header(info, Object.values(INFO_COLUMNS), [34, 26, 6, 16, 30]);
  const school = (data?.school ?? { stage: o.stage }) as Record<string, unknown>;
  infoRows().forEach((field, i) => {
    const r = i + 2;
    const [head, key] = field.path;
    const v =
      head === 'school' ? school[key ?? ''] : head === 'facts' ? data?.facts?.[key as never] : data?.[head as 'year'];
    put(info, r, 1, field.label, 'text');
    put(info, r, 2, cellValue(v, field.kind, `${SHEETS.info}!B${r}`), field.kind);
    input(info, r, 2);
    put(info, r, 3, field.unit, 'text');
    put(info, r, 4, itemsOf(field.path.join('.')) || undefined, 'text');
    put(info, r, 5, field.path.join('.'), 'text');
    info.getCell(r, 5).font = GREY;
    validate(info, `B${r}`, validationOf(field.kind));
  });

  // 学期与假期: the two terms, then the breaks.
  const calendar = wb.addWorksheet(SHEETS.calendar);
  const terms = data?.terms ?? [{}, {}];
  const calendarRows: Record<string, unknown>[] = [
    ...terms.map((t, i) => ({ category: TERM, name: TERM_NAMES[i] ?? '', ...t })),
    ...(data?.breaks ?? []).map((b) => ({ category: BREAK, ...b })),
  ];
  tableSheet(calendar, CALENDAR_COLUMNS, calendarRows, SHEETS.calendar);
  validate(calendar, `A2:A${calendarRows.length + 1 + SPARE_ROWS}`, list([TERM, BREAK]));

  // 台账: a row per activity and date.
  const ledger = wb.addWorksheet(SHEETS.ledger);
  const ledgerRows = (data?.ledger ?? []).flatMap((e) => {
    const { date, dates, ...fields } = e;
    return [...(date !== undefined ? [date] : []), ...(dates ?? [])].map((d) => ({ ...fields, date: d }));
  });
  tableSheet(ledger, ledgerColumns(), ledgerRows, SHEETS.ledger);
  ledger.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ledgerColumns().length } };

  // 课题与成果.
  const results = wb.addWorksheet(SHEETS.results);
  const resultRows = (Object.keys(resultKinds()) as ResultKind[]).flatMap((k) =>
    ((data?.[k] ?? []) as Record<string, unknown>[]).map((x) => ({ ...x, category: resultKinds()[k] })),
  );
  tableSheet(results, resultColumns(), resultRows, SHEETS.results);
  validate(results, `A2:A${resultRows.length + 1 + SPARE_ROWS}`, list(Object.values(resultKinds())));

  // 满意度调查 and 成效: a row per survey or outcome.
  const surveys = wb.addWorksheet(SHEETS.surveys);
  header(surveys, Object.values(surveyColumns()), [40, 14, 14, 14, 22]);
  surveyRows().forEach((field, i) => {
    const r = i + 2;
    const survey = data?.surveys?.[field.path[1] as 'parents'] as Record<string, unknown> | undefined;
    put(surveys, r, 1, field.label, 'text');
    SURVEY_FIELDS.forEach((f, j) => {
      put(surveys, r, j + 2, cellValue(survey?.[f], 'count', `${SHEETS.surveys}!${r}`), 'count');
      input(surveys, r, j + 2);
    });
    put(surveys, r, 5, field.path.join('.'), 'text');
    surveys.getCell(r, 5).font = GREY;
  });
  validate(surveys, 'B2:D4', validationOf('count'));

  const outcomes = wb.addWorksheet(SHEETS.outcomes);
  header(outcomes, Object.values(OUTCOME_COLUMNS), [20, 12, 12, 24]);
  outcomeRows().forEach((field, i) => {
    const r = i + 2;
    const pair = data?.outcomes?.[field.path[1] as 'graduates'] as Record<string, unknown> | undefined;
    put(outcomes, r, 1, field.label, 'text');
    put(outcomes, r, 2, cellValue(pair?.current, field.kind, `${SHEETS.outcomes}!B${r}`), field.kind);
    put(outcomes, r, 3, cellValue(pair?.previous, field.kind, `${SHEETS.outcomes}!C${r}`), field.kind);
    input(outcomes, r, 2);
    input(outcomes, r, 3);
    put(outcomes, r, 4, field.path.join('.'), 'text');
    outcomes.getCell(r, 4).font = GREY;
  });

  // 自评: a row per 二级指标 of the rubric, then any other key the evidence has.
  const self = wb.addWorksheet(SHEETS.selfScores);
  header(self, Object.values(SELF_COLUMNS), [10, 24, 8, 10]);
  const scores = (data?.selfScores ?? {}) as Record<string, number>;
  const indicators = indicatorsOf(o.rubric);
  const known = new Set(indicators.map((b) => b.id));
  const selfRows = [
    ...indicators.map((b) => ({
      id: b.id,
      name: o.lang === 'zh' ? b.name.zh : b.name.en,
      points: Number(b.points.n) / Number(b.points.d),
    })),
    ...Object.keys(scores)
      .filter((k) => !known.has(k))
      .map((id) => ({ id, name: undefined, points: undefined })),
  ];
  selfRows.forEach((b, i) => {
    const r = i + 2;
    put(self, r, 1, cellValue(b.id, 'text', `${SHEETS.selfScores}!A${r}`), 'text');
    put(self, r, 2, b.name === undefined ? undefined : escapeXlsxData(b.name), 'text');
    put(self, r, 3, b.points, 'decimal');
    put(self, r, 4, scores[b.id], 'decimal');
    input(self, r, 4);
  });

  // 佐证材料.
  const attachments = wb.addWorksheet(SHEETS.attachments);
  tableSheet(
    attachments,
    attachmentColumns(),
    (data?.attachments ?? []) as Record<string, unknown>[],
    SHEETS.attachments,
  );

  helpSheet(wb.addWorksheet(SHEETS.help), o, items);
  for (const ws of wb.worksheets)
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return workbookBytes(wb);
}

/** The blank template of the evidence workbook, the stage filled in when given. */
export const templateWorkbook = (stage: Stage | undefined, lang: Lang, rubric: Rubric): Promise<Uint8Array> =>
  evidenceWorkbook(undefined, { rubric, lang, ...(stage ? { stage } : {}) });

function helpSheet(ws: Worksheet, o: EvidenceWorkbookOptions, items: Map<string, string[]>): void {
  const zh = o.lang === 'zh';
  const types = (Object.keys(RECORD_TYPES) as RecordType[]).map(
    (t) =>
      `  · ${RECORD_CHOICES[t]}${items.get(`ledger:${t}`) ? (zh ? `（计入 ${items.get(`ledger:${t}`)?.join('、')}）` : ` (feeds ${items.get(`ledger:${t}`)?.join(', ')})`) : ''}`,
  );
  const lines = zh
    ? [
        '家校共育证据工作簿 · 填写说明',
        '',
        `本工作簿是一所学校一个学年的证据，可直接评分：jiaxiao score 证据.xlsx；提交前检查：jiaxiao validate 证据.xlsx。细则：${o.rubric.name.zh}`,
        '只填原始数量（人数、金额、日期），比例（生均经费、完成率、满意率）由工具计算。数字不带单位，如 24000，不写“2.4万元”“95%”。',
        '',
        '【基本情况】每行一项，在“填写”列填写；是/否、学段从下拉列表中选择。“计入要点”说明这一项用于细则的哪些要点。“字段”列请勿修改。',
        '【学期与假期】两个学期各一行（类别“学期”），学期内的假期各一行（类别“假期”）；日期写成 2023-09-01。',
        '【台账】每次活动一行：类型从下拉列表选择，日期一格一个日期（同一活动有几个日期就写几行，其余各列照抄即可）。各类型用到的列：',
        `  · 布置作业的家庭数、完成作业的家庭数、作业有批改、作业有孩子签字：${RECORD_CHOICES.homework}`,
        `  · 活动有记录、活动有总结：${RECORD_CHOICES.reading}、${RECORD_CHOICES.practice}`,
        `  · 形式、到达家庭数：${RECORD_CHOICES.course}`,
        '  · 佐证材料：文件相对于本工作簿所在文件夹的路径，一格多个文件时每个占一行（Alt+Enter 换行）',
        '  台账类型：',
        ...types,
        '【课题与成果】立项课题、个案指导成果、荣誉表彰各一行，写明级别和年份。',
        '【满意度调查】调查对象总数、有效答卷数、满意人数（满意人数 ≤ 有效答卷数 ≤ 调查对象总数）。',
        '【成效】本学年与上学年的统测平均分、毕业生数、升学人数、家长投诉数、校园欺凌事件数。',
        '【自评】按二级指标填写自评分，不超过该指标的分值。',
        '【佐证材料】佐证材料文件的路径、对应指标和说明。',
        '',
        '出错时，jiaxiao 会指出工作表和单元格，例如“台账!B14：日期“2023/13/01”不是有效日期”。空行会被忽略；可以加列、调整列的顺序，但请保留表头。',
        '与 YAML 互相转换：jiaxiao convert 证据.xlsx -o 证据.yaml，jiaxiao convert 证据.yaml -o 证据.xlsx。',
      ]
    : [
        'Home–school co-education evidence workbook · how to fill it in',
        '',
        `One school, one academic year. Score it with: jiaxiao score evidence.xlsx; check it before submitting: jiaxiao validate evidence.xlsx. Rubric: ${o.rubric.name.en}`,
        'Enter raw quantities only (head counts, amounts, dates); the tool computes the rates. Numbers without units: 24000, not "2.4万元" or "95%".',
        '',
        '基本情况 (school profile and status facts): one fact a row, in the 填写 column; choose yes/no (是/否) and the stage from the dropdowns. 计入要点 names the rubric items each fact feeds. Leave the 字段 column as it is.',
        '学期与假期 (terms and breaks): one row per term (类别 学期) and per break within the terms (类别 假期); dates as 2023-09-01.',
        '台账 (activity ledger): one row per activity and date; choose the type from the dropdown. An activity held on several dates takes several rows, the other columns repeated.',
        '  Columns by type: homework counts and graded/signed for 家长作业; recorded/summarized for reading and practice activities; form and households reached for guidance courses.',
        '  Types:',
        ...types,
        '课题与成果: research projects, case-guidance results and awards with their level and year. 满意度调查: population ≥ respondents ≥ satisfied.',
        '成效: this year and last year. 自评: self-scores per indicator. 佐证材料: supporting files, relative to the workbook’s folder.',
        '',
        'Problems are reported by sheet and cell, e.g. 台账!B14. Empty rows are ignored; columns may be added or reordered, but keep the headers.',
        'Convert: jiaxiao convert evidence.xlsx -o evidence.yaml, and back.',
      ];
  ws.getColumn(1).width = 120;
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = escapeXlsxData(line);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}
