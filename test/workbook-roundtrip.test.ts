// Lossless conversion (fast-check): for generated evidence files, YAML → workbook → evidence gives back the
// same evidence, and evidence → YAML → evidence too, so a county can keep either form. Every field of the
// schema is generated, with strings that stress both forms: full-width colons and commas, brackets, quotes,
// `: ` and `#`, =formulas, OOXML's _x0041_, text that looks like numbers, dates or booleans, emoji, and
// notes with line breaks and tabs.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type Evidence, toEvidence } from '../src/evidence/model.js';
import { parseEvidenceBytes, parseEvidenceText } from '../src/evidence/parse.js';
import { type EvidenceData, LEVELS, RECORD_TYPES, STAGES } from '../src/evidence/schema.js';
import { evidenceYaml } from '../src/render/evidence-yaml.js';
import { workbookOf } from './workbook-fixtures.js';

/** Generated evidence files per property: each is written as a workbook and read back. */
const ROUNDTRIP_RUNS = 250;
vi.setConfig({ testTimeout: 600_000 });

const PIECES = [
  '利通区',
  '第三小学',
  '家长会',
  'ABC',
  'a',
  ' ',
  '　', // an ideographic space inside text
  '：',
  '，',
  '［',
  '｝',
  ': ',
  ':',
  ',',
  '#',
  ' #',
  '[',
  ']',
  '{',
  '"',
  "'",
  '\\',
  '`',
  '|',
  '>',
  '&',
  '*',
  '!',
  '%',
  '@',
  '-',
  '?',
  '~',
  '=SUM(A1)',
  '+1',
  '_x0041_',
  '_x',
  '0123',
  '1.5',
  '1e3',
  'true',
  'null',
  'yes',
  '2023-09-01',
  '😀',
  '（一）',
  '<b>',
];
const piece = fc.constantFrom(...PIECES);
/** Text with something besides spaces (the schema trims titles and names and wants one character). */
const text = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((p) => p.join(''))
  .filter((s) => s.trim().length > 0);
const note = fc
  .array(fc.oneof(piece, fc.constantFrom('\n', '\t', '  ')), { minLength: 1, maxLength: 6 })
  .map((p) => p.join(''));
const path = fc
  .array(fc.oneof(piece, fc.constantFrom('佐证/', '照片.jpg', 'a b.pdf')), { minLength: 1, maxLength: 3 })
  .map((p) => p.join(''));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const DAYS = [
  ...['09', '10', '11', '12'].flatMap((m) => ['04', '13', '27'].map((d) => `2023-${m}-${d}`)),
  ...['03', '04', '05', '06'].flatMap((m) => ['05', '14', '26'].map((d) => `2024-${m}-${d}`)),
];
const day = fc.constantFrom(...DAYS);
const count = fc.integer({ min: 0, max: 3000 });
const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);

/** Drops undefined properties: the shape a YAML file has. */
const defined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const record = fc
  .record({
    type: fc.constantFrom(...(Object.keys(RECORD_TYPES) as (keyof typeof RECORD_TYPES)[])),
    when: fc.oneof(
      day.map((d) => ({ date: d })),
      fc.array(day, { minLength: 1, maxLength: 4 }).map((dates) => ({ dates })),
    ),
    title: optional(text),
    note: optional(note),
    files: optional(fc.array(path, { minLength: 1, maxLength: 3 })),
    assigned: optional(fc.integer({ min: 500, max: 1000 })),
    completed: optional(fc.integer({ min: 0, max: 500 })),
    graded: optional(fc.boolean()),
    signed: optional(fc.boolean()),
    recorded: optional(fc.boolean()),
    summarized: optional(fc.boolean()),
    form: optional(text),
    reached: optional(fc.integer({ min: 0, max: 1000 })),
  })
  .map(({ when, ...r }) => defined({ ...r, ...when }));

const level = fc.constantFrom(...LEVELS);
const result = fc.record({
  title: text,
  level,
  year: fc.integer({ min: 2015, max: 2024 }),
  files: optional(fc.array(path, { maxLength: 2, minLength: 1 })),
});
const survey = fc
  .tuple(count, count, count)
  .map((n) => n.sort((a, b) => b - a))
  .map(([population, respondents, satisfied]) => ({ population, respondents, satisfied }));
const pair = (value: fc.Arbitrary<number>) => fc.record({ current: value, previous: value });

const evidence = fc
  .record({
    school: fc.record({
      name: text,
      code: optional(fc.stringMatching(/^[0-9]{10}$/)),
      county: text,
      stage: fc.constantFrom(...STAGES),
      students: fc.integer({ min: 1, max: 5000 }),
      studentsLastYear: optional(fc.integer({ min: 1, max: 5000 })),
      classes: fc.integer({ min: 1, max: 60 }),
      households: fc.constant(1000),
    }),
    breaks: optional(
      fc.array(
        fc.record({ name: optional(text), start: day }).map((b) => defined({ ...b, end: b.start })),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    facts: optional(
      fc.record(
        {
          developmentPlanProject: fc.boolean(),
          guidanceStation: fc.boolean(),
          instructors: count,
          lecturers: count,
          spending: money,
          classesWithCommittee: fc.integer({ min: 0, max: 1 }),
          infoPlatform: fc.boolean(),
          safetyIncidents: count,
        },
        { requiredKeys: [] },
      ),
    ),
    ledger: optional(fc.array(record, { minLength: 1, maxLength: 12 })),
    projects: optional(fc.array(result, { minLength: 1, maxLength: 2 })),
    cases: optional(
      fc.array(
        result.map(({ level: l, ...r }) => defined({ ...r, level: r.year % 2 ? l : undefined })),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    awards: optional(fc.array(result, { minLength: 1, maxLength: 2 })),
    surveys: optional(fc.record({ children: survey, students: survey, parents: survey }, { requiredKeys: [] })),
    outcomes: optional(
      fc.record(
        {
          examAverage: pair(fc.integer({ min: 0, max: 1500 }).map((x) => x / 10)),
          graduates: pair(fc.constant(300)),
          promoted: pair(fc.integer({ min: 0, max: 300 })),
          complaints: pair(count),
          bullying: pair(count),
        },
        { requiredKeys: [] },
      ),
    ),
    selfScores: optional(
      fc.dictionary(
        fc.constantFrom('B1', 'B4', 'B6', 'B12', 'X1', '其他'),
        fc.integer({ min: -20, max: 220 }).map((x) => x / 4),
        {
          minKeys: 1,
        },
      ),
    ),
    attachments: optional(
      fc.array(
        fc.record({ path: path.filter((p) => p.trim() !== ''), indicator: optional(text), title: optional(text) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    ),
  })
  .map((g) =>
    defined({
      school: defined(g.school),
      year: '2023-2024',
      terms: [
        { start: '2023-09-01', end: '2024-01-19' },
        { start: '2024-02-26', end: '2024-07-05' },
      ],
      ...g,
      facts: g.facts && Object.keys(g.facts).length > 0 ? g.facts : undefined,
      surveys: g.surveys && Object.keys(g.surveys).length > 0 ? g.surveys : undefined,
      outcomes: g.outcomes && Object.keys(g.outcomes).length > 0 ? g.outcomes : undefined,
      projects: g.projects?.map((p) => defined(p)),
      awards: g.awards?.map((p) => defined(p)),
      attachments: g.attachments?.map((a) => defined(a)),
    }),
  );

/**
 * The generated file as YAML text (JSON is YAML) with every character of a string but letters, digits and
 * spaces written as a \u escape: the input is exact whatever the strings hold, and owes nothing to the
 * YAML writer under test.
 */
function yamlOf(value: unknown): string {
  if (typeof value === 'string')
    return `"${[...value]
      .map((c) =>
        /^[\p{L}\p{N} ]$/u.test(c) && c.length === 1
          ? c
          : [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
      )
      .join('')}"`;
  if (Array.isArray(value)) return `[${value.map(yamlOf).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${yamlOf(k)}: ${yamlOf(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

function parsed(text: string): EvidenceData {
  const p = parseEvidenceText(text, 'generated.yaml');
  if (!p.evidence) throw new Error(`generated evidence invalid: ${JSON.stringify(p.problems.slice(0, 3))}`);
  return p.evidence.data;
}

/**
 * The one form a workbook can give back: a ledger row holds one date, so consecutive records alike but for
 * their dates are one record (`date` when it has one, `dates` when more); an empty note and empty file names
 * are empty cells.
 */
function canonical(data: EvidenceData): EvidenceData {
  const c = structuredClone(data);
  const clean = <T extends { files?: string[]; note?: string }>(x: T): T => {
    if (x.note === '') delete x.note;
    if (x.files) {
      x.files = x.files.filter((f) => f !== '');
      if (x.files.length === 0) delete x.files;
    }
    return x;
  };
  for (const k of ['projects', 'cases', 'awards'] as const) c[k]?.forEach(clean);
  if (c.ledger) {
    const merged: NonNullable<EvidenceData['ledger']> = [];
    for (const e of c.ledger.map(clean)) {
      const { date, dates, ...fields } = e;
      const all = [...(date !== undefined ? [date] : []), ...(dates ?? [])];
      const last = merged.at(-1);
      if (last) {
        const { date: d0, dates: ds0, ...lastFields } = last;
        if (JSON.stringify(Object.entries(lastFields).sort()) === JSON.stringify(Object.entries(fields).sort())) {
          const before = [...(d0 !== undefined ? [d0] : []), ...(ds0 ?? [])];
          delete last.date;
          last.dates = [...before, ...all];
          continue;
        }
      }
      merged.push(all.length === 1 ? { ...fields, date: all[0] ?? '' } : { ...fields, dates: all });
    }
    c.ledger = merged;
  }
  return c;
}

const records = (e: Evidence) => e.records.map(({ source: _, ...r }) => r);

describe('lossless conversion between YAML and workbooks', () => {
  it(`YAML → workbook → evidence gives back the same evidence (${ROUNDTRIP_RUNS} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(evidence, async (generated) => {
        const data = parsed(yamlOf(generated));
        const bytes = await workbookOf(data);
        const back = parseEvidenceBytes(bytes, 'generated.xlsx');
        expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(back.evidence?.data).toEqual(canonical(data));
        // Every dated record, with its fields, as the engine counts them.
        expect(back.evidence && records(back.evidence)).toEqual(records(toEvidence(data)));
        // And back to YAML: the same evidence again.
        const yaml = evidenceYaml(back.evidence?.data ?? data);
        expect(parsed(yaml)).toEqual(back.evidence?.data);
      }),
      { numRuns: ROUNDTRIP_RUNS, seed: 20240601 },
    );
  });

  it(`evidence → YAML → evidence is exact, records of several dates included (${ROUNDTRIP_RUNS * 4} files)`, () => {
    fc.assert(
      fc.property(evidence, (generated) => {
        const data = parsed(yamlOf(generated));
        expect(parsed(evidenceYaml(data))).toEqual(data);
      }),
      { numRuns: ROUNDTRIP_RUNS * 4, seed: 20240602 },
    );
  });

  it('the canonical form is what a workbook gives: converting twice changes nothing', async () => {
    const data = parsed(
      JSON.stringify({
        school: { name: '测试小学', county: '利通区', stage: 'primary', students: 100, classes: 4 },
        year: '2023-2024',
        terms: [
          { start: '2023-09-01', end: '2024-01-19' },
          { start: '2024-02-26', end: '2024-07-05' },
        ],
        ledger: [
          { type: 'lecture', dates: ['2023-10-13'], title: '讲座' },
          { type: 'lecture', date: '2023-11-13', title: '讲座' },
          { type: 'lecture', date: '2023-12-13', title: '讲座', note: '' },
          { type: 'reading', date: '2023-12-13', files: ['', 'a.pdf'] },
        ],
      }),
    );
    const once = parseEvidenceBytes(await workbookOf(data), 'once.xlsx').evidence?.data;
    expect(once?.ledger).toEqual([
      { type: 'lecture', dates: ['2023-10-13', '2023-11-13', '2023-12-13'], title: '讲座' },
      { type: 'reading', date: '2023-12-13', files: ['a.pdf'] },
    ]);
    expect(once).toEqual(canonical(data));
    const twice = once && parseEvidenceBytes(await workbookOf(once), 'twice.xlsx').evidence?.data;
    expect(twice).toEqual(once);
  });
});
