// Most evidence files are valid and already in the form the schema gives back: every text trimmed, every record
// type in English, the school code as a string; a stage or a level may be written in Chinese (学段: 小学), which is
// put in English here as the schema does. Such a file is taken as it is, without building and running the zod
// schema (~10 ms at start-up, ~0.1 ms a file). Anything else, a mistake or a value the schema would rewrite
// otherwise (code: 2164020003 as a number, a text with spaces around it), is left to the schema, which reports
// or rewrites it.
//
// It answers only where the schema accepts the value and gives back an equal one (test/plain-evidence.test.ts
// holds it to that over thousands of mutated files); where it does not answer, the schema's run is all it costs.
import { firstUnsafeChar } from '../base/unsafe-chars.js';
import { type EvidenceData, LEVEL_ALIASES, LEVELS, RECORD_TYPES, STAGE_ALIASES, STAGES } from './schema.js';

/** Status facts by kind (test/plain-evidence.test.ts keeps this in step with schema.ts). */
export const FACT_KINDS: Readonly<Record<string, 'yesNo' | 'count' | 'money'>> = {
  developmentPlanProject: 'yesNo',
  studyExchangeSystem: 'yesNo',
  principalResponsibility: 'yesNo',
  guidanceStation: 'yesNo',
  stationDisplay: 'yesNo',
  inAnnualPlan: 'yesNo',
  inAnnualSummary: 'yesNo',
  workloadCounted: 'yesNo',
  headTeacherIncentive: 'yesNo',
  instructors: 'count',
  lecturers: 'count',
  volunteers: 'count',
  trainingIncludesGuidance: 'yesNo',
  spending: 'money',
  classesWithCommittee: 'count',
  committeeElection: 'yesNo',
  committeeRoles: 'yesNo',
  teachingPlan: 'yesNo',
  textbook: 'yesNo',
  infoPlatform: 'yesNo',
  safetyIncidents: 'count',
};

/** A ledger record's fields besides type and date(s), by kind (kept in step with schema.ts the same way). */
export const RECORD_FIELD_KINDS: Readonly<Record<string, 'text' | 'note' | 'files' | 'count' | 'yesNo'>> = {
  title: 'text',
  note: 'note',
  files: 'files',
  assigned: 'count',
  completed: 'count',
  graded: 'yesNo',
  signed: 'yesNo',
  recorded: 'yesNo',
  summarized: 'yesNo',
  form: 'text',
  reached: 'count',
};

type Value = unknown;
type Shape = Record<string, (v: Value) => boolean>;

const isMap = (v: Value): v is Record<string, Value> => v !== null && typeof v === 'object' && !Array.isArray(v);
const count = (v: Value) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const positive = (v: Value) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const money = (v: Value) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const yesNo = (v: Value) => typeof v === 'boolean';
/** Text the schema trims and requires: already trimmed, not empty, no control characters. */
const text = (v: Value) => typeof v === 'string' && v.length > 0 && v.trim() === v && !firstUnsafeChar(v);
/** A note keeps its line breaks and tabs and is not trimmed. */
const note = (v: Value) => typeof v === 'string' && !firstUnsafeChar(v, '\n\t');
const files = (v: Value) => Array.isArray(v) && v.every((f) => typeof f === 'string' && !firstUnsafeChar(f));
const oneOf = (values: readonly string[]) => {
  const set = new Set<Value>(values);
  return (v: Value) => set.has(v);
};

/**
 * A real date as YYYY-MM-DD: zod's own pattern for z.iso.date() (month lengths, leap years), written out so
 * that a plain file is checked without loading zod; test/plain-evidence.test.ts keeps it equal to zod's.
 */
export const DATE =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))$/;
const date = (v: Value) => typeof v === 'string' && DATE.test(v);

/** Every key known, every required key there, every value as its check wants. */
function strict(shape: Shape, required: readonly string[] = []) {
  // A Map, not the shape itself: a key such as `constructor` is no check of it, with no Object.hasOwn each time.
  const checks = new Map(Object.entries(shape));
  return (v: Value): boolean => {
    if (!isMap(v)) return false;
    for (const key of required) if (!Object.hasOwn(v, key)) return false;
    // for…in, not Object.keys: no array made for each of the thousands of maps in a batch. A value read from YAML
    // is a plain object, whose prototype has no enumerable key.
    for (const key in v) {
      const check = checks.get(key);
      if (check === undefined || !check(v[key])) return false;
    }
    return true;
  };
}
const list = (item: (v: Value) => boolean) => (v: Value) => Array.isArray(v) && v.every(item);

const school = strict(
  {
    name: text,
    code: (v) => typeof v === 'string' && v.trim() === v && !firstUnsafeChar(v),
    county: text,
    stage: oneOf([...STAGES, ...Object.keys(STAGE_ALIASES)]),
    students: positive,
    studentsLastYear: positive,
    classes: positive,
    households: positive,
  },
  ['name', 'county', 'stage', 'students', 'classes'],
);
const span = strict({ start: date, end: date }, ['start', 'end']);
const breakSpan = strict({ name: text, start: date, end: date }, ['start', 'end']);
const KIND_CHECKS = { yesNo, count, money, text, note, files };
const facts = strict(Object.fromEntries(Object.entries(FACT_KINDS).map(([k, kind]) => [k, KIND_CHECKS[kind]])));
const recordFields = Object.fromEntries(Object.entries(RECORD_FIELD_KINDS).map(([k, kind]) => [k, KIND_CHECKS[kind]]));
const ledgerFields = strict(
  {
    type: oneOf(Object.keys(RECORD_TYPES)),
    date,
    dates: (v) => Array.isArray(v) && v.length > 0 && v.every(date),
    ...recordFields,
  },
  ['type'],
);
const ledgerEntry = (v: Value) => ledgerFields(v) && isMap(v) && (v.date === undefined) !== (v.dates === undefined);
const level = oneOf([...LEVELS, ...Object.keys(LEVEL_ALIASES)]);
const year = (v: Value) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1990 && v <= 2100;
const project = strict({ title: text, level, year, files }, ['title', 'level', 'year']);
const caseResult = strict({ title: text, year, level, files }, ['title', 'year']);
const survey = strict({ population: count, respondents: count, satisfied: count }, [
  'population',
  'respondents',
  'satisfied',
]);
const pair = (value: (v: Value) => boolean) => strict({ current: value, previous: value }, ['current', 'previous']);
const selfScore = (v: Value) => typeof v === 'number' && Number.isFinite(v);

const evidence = strict(
  {
    school,
    year: (v) => typeof v === 'string' && /^\d{4}-\d{4}$/.test(v),
    terms: (v) => Array.isArray(v) && v.length === 2 && v.every(span),
    breaks: list(breakSpan),
    facts,
    ledger: list(ledgerEntry),
    projects: list(project),
    cases: list(caseResult),
    awards: list(project),
    surveys: strict({ children: survey, students: survey, parents: survey }),
    outcomes: strict({
      examAverage: pair(money),
      graduates: pair(count),
      promoted: pair(count),
      complaints: pair(count),
      bullying: pair(count),
    }),
    selfScores: (v) => isMap(v) && Object.values(v).every(selfScore),
    attachments: list(strict({ path: text, indicator: text, title: text }, ['path'])),
  },
  ['school', 'year', 'terms'],
);

type Plain = Record<string, unknown>;

/** A stage or level written in Chinese, put in English; the value itself where nothing is. */
function inEnglish(value: Plain): Plain {
  const school = value.school as Plain;
  const written = school.stage as string;
  const stage = Object.hasOwn(STAGE_ALIASES, written) ? STAGE_ALIASES[written] : undefined;
  let out = stage ? { ...value, school: { ...school, stage } } : value;
  for (const key of ['projects', 'cases', 'awards']) {
    const list = value[key] as Plain[] | undefined;
    if (!list?.some((e) => typeof e.level === 'string' && Object.hasOwn(LEVEL_ALIASES, e.level))) continue;
    const levels = list.map((e) => {
      const level = typeof e.level === 'string' ? LEVEL_ALIASES[e.level] : undefined;
      return level ? { ...e, level } : e;
    });
    out = { ...out, [key]: levels };
  }
  return out;
}

/**
 * The evidence as the schema would give it back, where it would accept the value and rewrite nothing but a
 * Chinese stage or level; undefined where the schema must decide.
 */
export function plainEvidence(value: unknown): EvidenceData | undefined {
  return evidence(value) ? (inEnglish(value as Plain) as EvidenceData) : undefined;
}
