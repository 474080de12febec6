// The evidence workbook's layout: its sheets, their headers and what each column or row holds. The reader
// (./read.ts) and the writer (src/render/workbook/evidence.ts) both follow it, so a workbook written by one is
// read by the other. Labels come from the evidence schema, so a header says what a YAML message says.
import { once } from '../../base/once.js';
import { evidenceLabel } from '../field-labels.js';
import {
  factFields,
  LEVEL_LABELS,
  type Level,
  RECORD_TYPES,
  type RecordType,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '../schema.js';

export const SHEETS = {
  info: '基本情况',
  calendar: '学期与假期',
  ledger: '台账',
  results: '课题与成果',
  surveys: '满意度调查',
  outcomes: '成效',
  selfScores: '自评',
  attachments: '佐证材料',
  help: '说明',
} as const;

/** What a cell holds, which decides how it is read and what the writer puts in it (format, dropdown). */
export type Kind =
  | 'text'
  | 'note'
  | 'code'
  | 'academicYear'
  | 'count'
  | 'positive'
  | 'money'
  | 'decimal'
  | 'year'
  | 'yesNo'
  | 'date'
  | 'stage'
  | 'recordType'
  | 'level'
  | 'files';

export const NUMBER_KINDS: ReadonlySet<Kind> = new Set(['count', 'positive', 'money', 'decimal', 'year']);

/** The Chinese label of an evidence path (as messages name it). */
export const labelOf = (path: readonly (string | number)[]): string => evidenceLabel(path)?.zh ?? String(path.at(-1));

export interface Column {
  /** The field of a record (ledger, projects…), or a role of the sheet's own (category, key). */
  key: string;
  header: string;
  kind: Kind;
  width: number;
}

/** A row of a keyed sheet (基本情况, 满意度调查, 成效): the field it holds, found by its key or its label. */
export interface KeyedRow {
  path: string[];
  label: string;
  kind: Kind;
  unit?: string;
}

const UNITS: Record<string, string> = {
  students: '人',
  studentsLastYear: '人',
  classes: '个',
  households: '户',
  instructors: '人',
  lecturers: '人',
  volunteers: '人',
  spending: '元',
  classesWithCommittee: '个',
  safetyIncidents: '起',
};

const infoRow = (path: string[], kind: Kind): KeyedRow => {
  const unit = UNITS[path.at(-1) ?? ''];
  return { path, label: labelOf(path), kind, ...(unit ? { unit } : {}) };
};

const factKind = (key: string): Kind => {
  const kind = (factFields() as Record<string, { _zod: { def: { type: string } } }>)[key]?._zod.def.type;
  if (key === 'spending') return 'money';
  return kind === 'boolean' ? 'yesNo' : 'count';
};

/** 基本情况: one row per school fact. */
export const infoRows = once((): readonly KeyedRow[] => [
  infoRow(['school', 'name'], 'text'),
  infoRow(['school', 'code'], 'code'),
  infoRow(['school', 'county'], 'text'),
  infoRow(['school', 'stage'], 'stage'),
  infoRow(['school', 'students'], 'positive'),
  infoRow(['school', 'studentsLastYear'], 'positive'),
  infoRow(['school', 'classes'], 'positive'),
  infoRow(['school', 'households'], 'positive'),
  infoRow(['year'], 'academicYear'),
  ...Object.keys(factFields()).map((k) => infoRow(['facts', k], factKind(k))),
]);

export const INFO_COLUMNS = {
  label: '项目',
  value: '填写',
  unit: '单位',
  items: '计入要点',
  key: '字段',
} as const;

export const CALENDAR_COLUMNS: readonly Column[] = [
  { key: 'category', header: '类别', kind: 'text', width: 8 },
  { key: 'name', header: '名称', kind: 'text', width: 14 },
  { key: 'start', header: '开始日期', kind: 'date', width: 13 },
  { key: 'end', header: '结束日期', kind: 'date', width: 13 },
];
export const TERM = '学期';
export const BREAK = '假期';
export const TERM_NAMES = ['第一学期', '第二学期'];

const recordColumn = (key: string, kind: Kind, width: number, header?: string): Column => ({
  key,
  header: header ?? labelOf(['ledger', 0, key]),
  kind,
  width,
});

/** 台账: one row per activity and date. */
export const ledgerColumns = once((): readonly Column[] => [
  recordColumn('type', 'recordType', 22, '类型'),
  recordColumn('date', 'date', 12, '日期'),
  recordColumn('title', 'text', 28),
  recordColumn('assigned', 'count', 10),
  recordColumn('completed', 'count', 10),
  recordColumn('graded', 'yesNo', 8),
  recordColumn('signed', 'yesNo', 8),
  recordColumn('recorded', 'yesNo', 8),
  recordColumn('summarized', 'yesNo', 8),
  recordColumn('form', 'text', 12),
  recordColumn('reached', 'count', 10),
  recordColumn('files', 'files', 24),
  recordColumn('note', 'note', 24),
]);

/** 课题与成果: projects, case results and awards, told apart by 类别. */
export const resultKinds = once(
  () =>
    ({
      projects: labelOf(['projects']),
      cases: labelOf(['cases']),
      awards: labelOf(['awards']),
    }) as const,
);
export type ResultKind = keyof ReturnType<typeof resultKinds>;

export const resultColumns = once((): readonly Column[] => [
  { key: 'category', header: '类别', kind: 'text', width: 14 },
  { key: 'title', header: '名称', kind: 'text', width: 36 },
  { key: 'level', header: labelOf(['projects', 0, 'level']), kind: 'level', width: 16 },
  { key: 'year', header: labelOf(['projects', 0, 'year']), kind: 'year', width: 8 },
  { key: 'files', header: labelOf(['projects', 0, 'files']), kind: 'files', width: 28 },
]);

export const SURVEY_KEYS = ['children', 'students', 'parents'] as const;
export const SURVEY_FIELDS = ['population', 'respondents', 'satisfied'] as const;
export const surveyRows = once((): readonly KeyedRow[] =>
  SURVEY_KEYS.map((k) => ({
    path: ['surveys', k],
    label: labelOf(['surveys', k]),
    kind: 'count',
  })),
);
export const surveyColumns = once(
  () =>
    ({
      label: '调查',
      population: labelOf(['surveys', 'parents', 'population']),
      respondents: labelOf(['surveys', 'parents', 'respondents']),
      satisfied: labelOf(['surveys', 'parents', 'satisfied']),
      key: '字段',
    }) as const,
);

export const OUTCOME_KEYS = ['examAverage', 'graduates', 'promoted', 'complaints', 'bullying'] as const;
export const outcomeRows = once((): readonly KeyedRow[] =>
  OUTCOME_KEYS.map((k) => ({
    path: ['outcomes', k],
    label: labelOf(['outcomes', k]),
    kind: k === 'examAverage' ? 'decimal' : 'count',
  })),
);
export const OUTCOME_COLUMNS = { label: '项目', current: '本学年', previous: '上学年', key: '字段' } as const;

export const SELF_COLUMNS = { id: '二级指标', name: '名称', points: '分值', score: '自评分' } as const;

export const attachmentColumns = once((): readonly Column[] => [
  { key: 'path', header: labelOf(['attachments', 0, 'path']), kind: 'text', width: 40 },
  { key: 'indicator', header: labelOf(['attachments', 0, 'indicator']), kind: 'text', width: 10 },
  { key: 'title', header: labelOf(['attachments', 0, 'title']), kind: 'text', width: 36 },
]);

// Choices as the workbook shows them (dropdowns), and the values they stand for.
export const YES = '是';
export const NO = '否';
export const STAGE_CHOICES: Record<Stage, string> = Object.fromEntries(
  STAGES.map((s) => [s, STAGE_LABELS[s].zh]),
) as Record<Stage, string>;
export const RECORD_CHOICES: Record<RecordType, string> = Object.fromEntries(
  Object.entries(RECORD_TYPES).map(([k, v]) => [k, v.zh]),
) as Record<RecordType, string>;
/** 省级 rather than the label's 省级（自治区级）: what the schema takes as written. */
export const LEVEL_CHOICES: Record<Level, string> = {
  county: '县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};
export const LEVEL_EXTRA: Record<string, Level> = { [LEVEL_LABELS.province.zh]: 'province' };

/** A header or label as a clerk may have retyped it: no spaces, no asterisks, full-width brackets alike. */
export const normalizeHeader = (s: string): string =>
  s
    .replace(/[\s*＊:：]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
