// A valid evidence file already in the schema's own form is taken as it is (src/evidence/plain-evidence.ts):
// wherever that check says yes, the zod schema accepts the value and gives back an equal one. Checked on the
// examples, on generated schools and on thousands of mutations of them (a value changed, a key removed or
// added). And the label table a build embeds (src/evidence/field-labels.ts) says what the schema says.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { regexes } from 'zod';
// @ts-expect-error: a plain .mjs script without types
import { random, schoolYaml } from '../scripts/gen-schools.mjs';
import { withoutBlanks } from '../src/evidence/empty.js';
import { evidenceLabelTable } from '../src/evidence/field-labels.js';
import { labelAt } from '../src/evidence/labels.js';
import { DATE, FACT_KINDS, plainEvidence, RECORD_FIELD_KINDS } from '../src/evidence/plain-evidence.js';
import { evidenceSchema, factFields, recordFields } from '../src/evidence/schema.js';

const SEED = Number(process.env.FC_SEED ?? 20261129);
const RUNS = Number(process.env.FC_RUNS ?? 3000);

const read = (text: string): unknown => parse(text, { version: '1.2', schema: 'core' });
const examples = readdirSync('examples/schools')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: f, value: read(readFileSync(join('examples/schools', f), 'utf8')) }));
const rnd = random(11);
const generated = Array.from({ length: 60 }, (_, i) => read(schoolYaml(i, rnd) as string));

/**
 * The check's promise: where it answers, the value holds no null, and zod accepts it and gives back what it
 * gave.
 */
function sound(value: unknown): boolean {
  const before = structuredClone(value);
  const plain = plainEvidence(value);
  expect(value).toEqual(before); // the value read is never changed
  if (!plain) return false;
  // It takes no null anywhere: a value it takes has no blank to remove (src/evidence/parse.ts counts on it).
  expect(withoutBlanks(value, evidenceSchema)).toBe(value);
  const result = evidenceSchema().safeParse(value);
  expect(result.success).toBe(true);
  expect(result.data).toEqual(plain);
  return true;
}

type Path = (string | number)[];
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => pathsOf(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  return [path];
}

const REPLACEMENTS: unknown[] = [
  null,
  '',
  ' 利通区 ',
  '利通区',
  'x\u0007',
  'a\nb',
  'a\tb',
  '幼儿园',
  '小学',
  'kindergarten',
  'primary',
  '县级',
  'county',
  'homework',
  '家长作业',
  '2023-09-01',
  '2023-02-29',
  '2024-02-29',
  '2023-9-1',
  '2023-2024',
  '2023-2025',
  '2164020003',
  ' 2164020003',
  0,
  -1,
  1,
  1.5,
  2022,
  1989,
  2101,
  2 ** 53,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  false,
  [],
  ['2023-09-01'],
  {},
  { start: '2023-09-01', end: '2024-01-19' },
];

/** One change at one place: a value replaced, a key removed, or an unknown key added. */
function mutate(base: unknown, pick: number, kind: number, replacement: number): unknown {
  const value = structuredClone(base);
  const paths = pathsOf(value).filter((p) => p.length > 0);
  const path = paths[pick % paths.length] ?? [];
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
  const key = path.at(-1) as string | number;
  const holder = parent as Record<string | number, unknown>;
  if (kind === 0 && !Array.isArray(parent)) delete holder[key];
  else if (kind === 1 && !Array.isArray(parent)) holder.unknownKey = 1;
  else holder[key] = REPLACEMENTS[replacement % REPLACEMENTS.length];
  return value;
}

describe('evidence taken as it is', () => {
  it('the typical, model, kindergarten and generated schools are (so the schema is not built for them)', () => {
    for (const name of ['typical-primary.yaml', 'model-primary.yaml', 'kindergarten.yaml']) {
      expect(sound(examples.find((e) => e.file === name)?.value), name).toBe(true);
    }
    expect(generated.filter(sound).length).toBe(generated.length);
  });

  it('a Chinese stage or level is put in English as the schema does; other rewrites are left to the schema', () => {
    const typical = examples.find((e) => e.file === 'typical-primary.yaml')?.value as Record<string, never>;
    const withSchool = (school: object) => ({ ...typical, school: { ...(typical.school as object), ...school } });
    expect(plainEvidence(withSchool({ stage: '小学' }))?.school.stage).toBe('primary');
    const county = { ...typical, projects: [{ title: '课题', level: '县级', year: 2022 }] };
    expect(plainEvidence(county)?.projects?.[0]?.level).toBe('county');
    expect(sound(county)).toBe(true);
    expect(plainEvidence(withSchool({ code: 2164020003 }))).toBeUndefined();
    expect(plainEvidence(withSchool({ name: ' 利通区示例第三小学' }))).toBeUndefined();
    // Each is still valid: the schema reads it.
    expect(evidenceSchema().safeParse(withSchool({ code: 2164020003 })).success).toBe(true);
  });

  it('every example, whatever the check says, holds to its promise', () => {
    for (const { value } of examples) sound(value);
  });

  it(`${RUNS} mutated schools: a yes is always the schema's yes with an equal value`, () => {
    const bases = [...examples.map((e) => e.value), ...generated.slice(0, 10)];
    let yes = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat({ max: 2 }), fc.nat(), (b, pick, kind, replacement) => {
        if (sound(mutate(bases[b % bases.length], pick, kind, replacement))) yes++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Some mutations keep the file valid and plain (a count changed to another count): those were compared too.
    expect(yes).toBeGreaterThan(RUNS / 20);
  });

  it('its tables of facts and record fields are the schema’s', () => {
    const kindOf = (s: unknown) => {
      const def = (s as { _zod: { def: { type: string; checks?: { _zod: { def: { format?: string } } }[] } } })._zod
        .def;
      if (def.type === 'boolean') return 'yesNo';
      if (def.type === 'number') return def.checks?.some((c) => c._zod.def.format === 'safeint') ? 'count' : 'money';
      return def.type;
    };
    const facts = factFields() as Record<string, unknown>;
    expect(Object.keys(FACT_KINDS).sort()).toEqual(Object.keys(facts).sort());
    for (const [key, kind] of Object.entries(FACT_KINDS)) expect([key, kindOf(facts[key])]).toEqual([key, kind]);
    const fields = recordFields() as Record<string, { unwrap?: () => unknown }>;
    expect(Object.keys(RECORD_FIELD_KINDS).sort()).toEqual(Object.keys(fields).sort());
    for (const [key, kind] of Object.entries(RECORD_FIELD_KINDS)) {
      const inner = fields[key]?.unwrap?.();
      const expected = kind === 'count' || kind === 'yesNo' ? kind : kind === 'files' ? 'array' : 'string';
      expect([key, kindOf(inner)]).toEqual([key, expected]);
    }
  });
});

describe('the date pattern written out', () => {
  it("is zod's own for z.iso.date(), so that both read the same dates", () => {
    expect(DATE.source).toBe(regexes.date.source);
    expect(DATE.flags).toBe(regexes.date.flags);
  });
});

describe('the label table a build embeds', () => {
  it('gives for every path what the schema gives', () => {
    const table = evidenceLabelTable();
    const keys = Object.keys(table);
    expect(keys.length).toBeGreaterThan(80);
    for (const key of keys) {
      const path = key.split('\u0000').map((k) => (k === '#' ? 0 : k));
      expect([key, table[key]]).toEqual([key, labelAt(evidenceSchema(), path) ?? null]);
    }
    expect(table[['facts', 'spending'].join('\u0000')]?.zh).toBe('家庭教育经费实际支出（元）');
    expect(table[['ledger', '#', 'completed'].join('\u0000')]?.zh).toBe('完成作业的家庭数');
  });
});
