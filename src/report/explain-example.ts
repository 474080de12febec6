// How to write the evidence a check reads: a realistic YAML fragment of an evidence file (the numbers of the
// model primary school in examples/schools/model-primary.yaml), made to meet the check. Pure: the rubric's
// options in, lines of YAML with their comments out. test/explain.test.ts parses every fragment, validates it
// against the schema and scores it: each check it is written for passes.
import { dayNumber, isoOfDay, weekday } from '../base/dates.js';
import { cmp, div, exact, mul } from '../base/exact.js';
import { buildCalendar, type Term, termIndexOf } from '../engine/calendar.js';
import type { Rubric } from '../engine/model.js';
import type { Condition, Op, Selection } from '../engine/rules/common.js';
import { compare, typesOf } from '../engine/rules/common.js';
import type { Quantity } from '../engine/rules/quantity.js';
import type { CompiledCheck, Text } from '../engine/types.js';
import { evidenceLabel } from '../evidence/field-labels.js';
import { keysAt, schemaAt, valueKind } from '../evidence/labels.js';
import { evidenceSchema, LEVELS, RECORD_TYPES, type RecordType, type Stage } from '../evidence/schema.js';

/** One line of a fragment: its YAML and, for a field, the field's label as a comment. */
export interface SnippetLine {
  code: string;
  comment?: Text;
}

type Scalar = number | boolean | string;

/** The academic year every fragment is written for, with Ningxia's terms (as the shipped examples). */
export const EXAMPLE_YEAR = '2023-2024';
export const EXAMPLE_TERMS: readonly Term[] = [
  { start: '2023-09-01', end: '2024-01-19' },
  { start: '2024-02-26', end: '2024-07-05' },
];
const REFERENCE_YEAR = 2024;

/** The model primary school's numbers: sizes that go together (1200 students, 24 classes, 1180 households). */
const REALISTIC: Record<string, Scalar> = {
  'school.students': 1200,
  'school.studentsLastYear': 1150,
  'school.classes': 24,
  'school.households': 1180,
  'facts.instructors': 3,
  'facts.lecturers': 12,
  'facts.volunteers': 25,
  'facts.spending': 30000,
  'facts.classesWithCommittee': 24,
  'facts.safetyIncidents': 0,
  'surveys.children.population': 1200,
  'surveys.children.respondents': 1100,
  'surveys.children.satisfied': 990,
  'surveys.students.population': 1200,
  'surveys.students.respondents': 1100,
  'surveys.students.satisfied': 1012,
  'surveys.parents.population': 1180,
  'surveys.parents.respondents': 1050,
  'surveys.parents.satisfied': 998,
  'outcomes.examAverage.current': 86.4,
  'outcomes.examAverage.previous': 84.9,
  'outcomes.graduates.current': 196,
  'outcomes.graduates.previous': 188,
  'outcomes.promoted.current': 196,
  'outcomes.promoted.previous': 188,
  'outcomes.complaints.current': 2,
  'outcomes.complaints.previous': 4,
  'outcomes.bullying.current': 0,
  'outcomes.bullying.previous': 0,
};

/** A ledger record's own fields, as the model school writes them. */
const RECORD_REALISTIC: Record<string, Scalar> = {
  assigned: 1180,
  completed: 950,
  reached: 1180,
  graded: true,
  signed: true,
  recorded: true,
  summarized: true,
};

const TITLES: Partial<Record<RecordType, string>> = {
  committeeCase: '家委会协调解决放学接送拥堵问题',
  lecture: '各年级段专题讲座',
  reading: '家庭教育读书分享会',
  practice: '亲子运动会',
  onlineReading: '班级微信群“周三共读”',
  community: '走进社区家庭教育咨询',
  research: '指导师专题研讨',
};

const FORMS = ['线上微课', '指导菜单', '亲子课堂', '家长沙龙', '入户指导'];

const LIST_TITLES = {
  projects: '农村留守儿童家庭教育指导策略研究',
  cases: '一名厌学学生的家庭教育个案指导',
  awards: '优秀家长学校',
};

interface RecordEx {
  type: RecordType;
  dates: Set<string>;
  fields: Map<string, Scalar>;
}

type ListName = keyof typeof LIST_TITLES;

/** The fragment being built: scalar fields by dotted path, ledger entries, dated lists. */
class Fragment {
  values = new Map<string, Scalar>();
  records: RecordEx[] = [];
  lists = new Map<ListName, { title: string; level?: string; year: number }[]>();
  private months: string[];
  private weeks: string[];

  constructor(rubric: Rubric) {
    // No breaks: every week the school might teach in gets a date, whatever breaks the school has.
    const cal = buildCalendar(REFERENCE_YEAR, EXAMPLE_TERMS, [], rubric.calendar);
    this.months = cal.teachingMonths.map((m) => this.dayIn(`${m}-10`, 28));
    this.weeks = cal.teachingWeeks.map((monday) => this.dayIn(isoOfDay(dayNumber(monday) + 2), 5));
  }

  /** The first school day (Monday–Friday, in a term) from `from` on, within `span` days, else `from`. */
  private dayIn(from: string, span: number): string {
    const first = dayNumber(from);
    for (let day = first; day < first + span; day++) {
      const iso = isoOfDay(day);
      if (weekday(day) < 5 && termIndexOf(EXAMPLE_TERMS, iso) >= 0) return iso;
    }
    for (let day = first - 1; day > first - 10; day--) {
      const iso = isoOfDay(day);
      if (weekday(day) < 5 && termIndexOf(EXAMPLE_TERMS, iso) >= 0) return iso;
    }
    return from;
  }

  /** A scalar field, with the fields an object there requires beside it (a survey's three, a pair's two). */
  value(path: string, v?: Scalar): Scalar {
    const keys = path.split('.');
    if (keys[0] === 'surveys' || keys[0] === 'outcomes') {
      for (const sibling of keysAt(evidenceSchema(), keys.slice(0, -1))) {
        const p = [...keys.slice(0, -1), sibling].join('.');
        if (!this.values.has(p)) this.values.set(p, REALISTIC[p] ?? 1);
      }
    }
    if (v !== undefined) this.values.set(path, v);
    else if (!this.values.has(path)) this.values.set(path, REALISTIC[path] ?? realisticOfKind(path));
    return this.values.get(path) ?? 1;
  }

  /** Every entry of the selection's types (one made where there is none), each meeting its conditions. */
  recordsOf(sel: Selection): RecordEx[] {
    return typesOf(sel).flatMap((type) => {
      let entries = this.records.filter((x) => x.type === type);
      if (entries.length === 0) {
        const r: RecordEx = { type, dates: new Set(), fields: new Map() };
        const title = TITLES[type];
        if (title) r.fields.set('title', title);
        this.records.push(r);
        entries = [r];
      }
      for (const r of entries) for (const c of sel.where ?? []) this.meet(r, c);
      return entries;
    });
  }

  /** Sets a record's field so that it meets the condition. */
  meet(r: RecordEx, c: Condition) {
    if (c.ref !== undefined) {
      const ref = this.value(c.ref);
      if (typeof ref === 'number') r.fields.set(c.field, satisfy(ref, c.op, ref));
      return;
    }
    if (c.value === undefined || typeof c.value === 'boolean') r.fields.set(c.field, c.value ?? true);
    else if (typeof c.value === 'string') r.fields.set(c.field, c.value);
    else {
      const now = r.fields.get(c.field) ?? RECORD_REALISTIC[c.field];
      r.fields.set(c.field, typeof now === 'number' ? satisfy(now, c.op, c.value) : satisfy(c.value, c.op, c.value));
    }
  }

  recordField(r: RecordEx, name: string) {
    if (!r.fields.has(name)) r.fields.set(name, RECORD_REALISTIC[name] ?? 1);
  }

  monthly(r: RecordEx, perPeriod: number) {
    for (const d of this.months) for (let k = 0; k < perPeriod; k++) r.dates.add(shift(d, k));
  }

  weekly(r: RecordEx, perPeriod: number) {
    for (const d of this.weeks) for (let k = 0; k < perPeriod; k++) r.dates.add(shift(d, k));
  }

  /** At least n dates in each term (per term) or in the year, spread evenly over its teaching weeks. */
  atLeast(r: RecordEx, n: number, perTerm: boolean) {
    const scopes = perTerm ? EXAMPLE_TERMS.map((_, i) => i) : [-1];
    for (const t of scopes) {
      const inScope = (d: string) => t < 0 || termIndexOf(EXAMPLE_TERMS, d) === t;
      const pool = this.weeks.filter(inScope);
      const need = n - [...r.dates].filter(inScope).length;
      if (need <= 0 || pool.length === 0) continue;
      for (let i = 0; i < need; i++) {
        const at = pool[Math.floor(((i % pool.length) + 0.5) * (pool.length / Math.min(need, pool.length)))];
        const day = shift(at ?? pool[0] ?? '2023-10-11', Math.floor(i / pool.length));
        r.dates.add(day);
      }
    }
  }
}

/** A day `k` days after (or before) `date`. */
const shift = (date: string, k: number) => isoOfDay(dayNumber(date) + k);

/** A value of the kind the schema wants at a path where the table has none. */
function realisticOfKind(path: string): Scalar {
  const found = schemaAt(evidenceSchema(), path.split('.'));
  const kind = found ? valueKind(found.schema) : 'number';
  return kind === 'boolean' ? true : kind === 'number' ? 1 : (found?.label?.zh ?? 'x');
}

/** `now` if it meets `op value`, else the nearest whole number that does. */
function satisfy(now: number, op: Op, value: number): number {
  if (compare(exact(now), op, exact(value))) return now;
  if (op === '>') return Math.floor(value) + 1;
  if (op === '<') return Math.ceil(value) - 1;
  if (op === '>=') return Math.ceil(value);
  if (op === '<=') return Math.floor(value);
  return value;
}

const asQuantity = (q: unknown) => q as Quantity;

/** Makes `num ÷ den` (× 100 for a percentage) meet `op value` by choosing the numerator, where it is a field. */
function meetRatio(f: Fragment, num: Quantity, den: Quantity, op: Op, value: number, percent: boolean) {
  quantity(f, num);
  quantity(f, den);
  if (!('field' in num) || !('field' in den)) return;
  const d = f.value(den.field);
  const n = f.value(num.field);
  if (typeof d !== 'number' || typeof n !== 'number' || d === 0) return;
  const scale = percent ? exact(100) : exact(1);
  const r = mul(div(exact(n), exact(d)), scale);
  if (compare(r, op, exact(value))) return;
  // The numerator the threshold needs: value × den ÷ scale, rounded the way that meets it.
  const need = div(mul(exact(value), exact(d)), scale);
  const whole = Number(need.n / need.d);
  const exactWhole = cmp(exact(whole), need) === 0;
  const up = exactWhole ? whole : whole + 1;
  f.value(
    num.field,
    op === '>' ? (exactWhole ? whole + 1 : up) : op === '>=' ? up : op === '<' ? whole - (exactWhole ? 1 : 0) : whole,
  );
}

function quantity(f: Fragment, q: Quantity) {
  if ('field' in q) f.value(q.field);
  else if ('sum' in q) {
    for (const r of f.recordsOf(q.records)) {
      f.recordField(r, q.sum);
      if (r.dates.size === 0) f.monthly(r, 1);
    }
  } else for (const r of f.recordsOf(q.count)) if (r.dates.size === 0) f.atLeast(r, 1, false);
}

/** Adds to the fragment what one check reads, written so that it passes (tiers: the top tier). */
function add(f: Fragment, check: CompiledCheck, stage: Stage | undefined) {
  const o = ((stage && check.optionsFor?.[stage]) ?? check.options) as Record<string, unknown>;
  const kind = check.kind.kind;
  switch (kind) {
    case 'flag':
      f.value(o.field as string, true);
      break;
    case 'threshold': {
      const path = o.field as string;
      const now = f.value(path);
      f.value(path, satisfy(typeof now === 'number' ? now : 0, o.op as Op, o.value as number));
      break;
    }
    case 'ratio':
      meetRatio(
        f,
        asQuantity(o.numerator),
        asQuantity(o.denominator),
        o.op as Op,
        o.value as number,
        o.percent === true,
      );
      break;
    case 'tiers': {
      const top = (o.tiers as { op: Op; value: number }[])[0];
      const m = o.measure as Quantity | { numerator: Quantity; denominator: Quantity };
      if ('numerator' in m && top) meetRatio(f, m.numerator, m.denominator, top.op, top.value, o.percent === true);
      else if (top && 'field' in m) {
        const now = f.value(m.field);
        f.value(m.field, satisfy(typeof now === 'number' ? now : 0, top.op, top.value));
      } else quantity(f, m as Quantity);
      break;
    }
    case 'count':
      for (const r of f.recordsOf(o.records as Selection)) f.atLeast(r, o.value as number, o.per === 'term');
      break;
    case 'coverage': {
      const min = (o.min as number | undefined) ?? 1;
      const distinct = o.distinct as string | undefined;
      const entries = f.recordsOf(o.records as Selection);
      const [first] = entries;
      if (distinct && first) {
        // One entry for each distinct value (线上微课, 指导菜单…), each in every period.
        const forms = FORMS.slice(0, Math.max(min, 1));
        if (!first.fields.has(distinct)) first.fields.set(distinct, forms[0] ?? '');
        for (const form of forms) {
          if (entries.some((x) => x.fields.get(distinct) === form)) continue;
          const twin: RecordEx = { type: first.type, dates: new Set(), fields: new Map(first.fields) };
          twin.fields.set(distinct, form);
          f.records.push(twin);
          entries.push(twin);
        }
      }
      for (const r of entries) {
        const n = distinct ? 1 : min;
        if (o.period === 'month') f.monthly(r, n);
        else f.weekly(r, n);
      }
      break;
    }
    case 'share':
      for (const r of f.recordsOf(o.records as Selection)) {
        for (const c of o.where as Condition[]) f.meet(r, c);
        if (r.dates.size === 0) f.atLeast(r, 1, false);
      }
      break;
    case 'trend':
      for (const m of [o.current, o.previous] as ({ field: string } | { numerator: string; denominator: string })[])
        for (const p of 'field' in m ? [m.field] : [m.numerator, m.denominator]) f.value(p);
      break;
    case 'recent':
    case 'byLevel': {
      const list = o.list as ListName;
      const levels =
        kind === 'recent'
          ? ((o.levels as string[] | undefined) ?? [])
          : LEVELS.filter((l) => (o.pointsByLevel as Record<string, number | undefined>)[l] !== undefined);
      // The highest level a byLevel table pays for; a project at the second level named (city over county).
      const level = kind === 'byLevel' ? levels[levels.length - 1] : (levels[1] ?? levels[0]);
      if (!f.lists.has(list))
        f.lists.set(list, [
          {
            title: LIST_TITLES[list],
            ...(level || list !== 'cases' ? { level: level ?? 'city' } : {}),
            year: REFERENCE_YEAR - 1,
          },
        ]);
      break;
    }
    default:
      // Combinations: their parts say what they read.
      break;
  }
  for (const child of check.children) add(f, child, stage);
}

/** A scalar as YAML writes it plainly where it can, else double-quoted (JSON is YAML). */
export function yamlScalar(v: Scalar): string {
  if (typeof v !== 'string') return String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const plain =
    /^[\p{Script=Han}A-Za-z][\p{Script=Han}\p{L}\p{N}“”、·（）-]*$/u.test(v) &&
    !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

const labelOf = (path: (string | number)[]): Text | undefined => {
  const l = evidenceLabel(path);
  return l ? { zh: l.zh, en: l.en } : undefined;
};

/** Keys of an object of the schema in the schema's order, those present. */
const ordered = (path: (string | number)[], present: Iterable<string>): string[] => {
  const have = new Set(present);
  const known = keysAt(evidenceSchema(), path);
  return [...known.filter((k) => have.delete(k)), ...[...have].sort()];
};

function emit(f: Fragment): SnippetLine[] {
  const lines: SnippetLine[] = [];
  // Scalars: a tree from their dotted paths.
  type Tree = Map<string, Tree | Scalar>;
  const root: Tree = new Map();
  for (const [path, v] of f.values) {
    const keys = path.split('.');
    let node = root;
    keys.slice(0, -1).forEach((k) => {
      let next = node.get(k);
      if (!(next instanceof Map)) {
        next = new Map();
        node.set(k, next);
      }
      node = next;
    });
    node.set(keys[keys.length - 1] ?? path, v);
  }
  const tree = (node: Tree, path: string[], indent: string) => {
    for (const key of ordered(path, node.keys())) {
      const v = node.get(key);
      if (v === undefined) continue;
      const comment = labelOf([...path, key]);
      if (v instanceof Map) {
        lines.push({ code: `${indent}${key}:`, ...(comment && path.length > 0 ? { comment } : {}) });
        tree(v, [...path, key], `${indent}  `);
      } else lines.push({ code: `${indent}${key}: ${yamlScalar(v)}`, ...(comment ? { comment } : {}) });
    }
  };
  const top = ordered([], [...root.keys(), ...(f.records.length > 0 ? ['ledger'] : []), ...f.lists.keys()]);
  for (const key of top) {
    const node = root.get(key);
    if (node instanceof Map) {
      lines.push({ code: `${key}:`, ...(labelOf([key]) ? { comment: labelOf([key]) } : {}) });
      tree(node, [key], '  ');
    } else if (key === 'ledger') {
      lines.push({ code: 'ledger:', ...(labelOf(['ledger']) ? { comment: labelOf(['ledger']) } : {}) });
      for (const r of f.records) {
        lines.push({ code: `  - type: ${r.type}`, comment: RECORD_TYPES[r.type] });
        const dates = [...r.dates].sort();
        if (dates.length === 1) lines.push({ code: `    date: ${dates[0]}`, ...withLabel(['ledger', 0, 'date']) });
        else {
          const rows: string[][] = [];
          for (let i = 0; i < dates.length; i += 5) rows.push(dates.slice(i, i + 5));
          rows.forEach((row, i) => {
            const head = i === 0 ? '    dates: [' : '            ';
            const tail = i === rows.length - 1 ? ']' : ',';
            lines.push({
              code: `${head}${row.join(', ')}${tail}`,
              ...(i === 0 ? withLabel(['ledger', 0, 'dates']) : {}),
            });
          });
        }
        for (const k of ordered(['ledger', 0], r.fields.keys())) {
          const v = r.fields.get(k);
          if (v !== undefined) lines.push({ code: `    ${k}: ${yamlScalar(v)}`, ...withLabel(['ledger', 0, k]) });
        }
      }
    } else {
      const list = f.lists.get(key as ListName);
      if (!list) continue;
      lines.push({ code: `${key}:`, ...withLabel([key]) });
      for (const x of list) {
        lines.push({ code: `  - title: ${yamlScalar(x.title)}`, ...withLabel([key, 0, 'title']) });
        if (x.level) lines.push({ code: `    level: ${x.level}`, ...withLabel([key, 0, 'level']) });
        lines.push({ code: `    year: ${x.year}`, ...withLabel([key, 0, 'year']) });
      }
    }
  }
  return lines;
}

const withLabel = (path: (string | number)[]): { comment?: Text } => {
  const comment = labelOf(path);
  return comment ? { comment } : {};
};

/**
 * The evidence the checks read, as a fragment of an evidence file for the academic year 2023-2024, written
 * to pass them (for the stage given, where a check has parameters of its own for it).
 */
export function exampleSnippet(rubric: Rubric, checks: readonly CompiledCheck[], stage?: Stage): SnippetLine[] {
  const f = new Fragment(rubric);
  for (const c of checks) add(f, c, stage);
  return emit(f);
}
