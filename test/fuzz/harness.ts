// Fuzzing: inputs no clerk means to write (random bytes, random YAML, examples mutated with the mistakes
// and attacks real files contain) and the oracle every one of them must satisfy. `npm run fuzz` runs many;
// test/fuzz.test.ts runs a seeded share in the suite.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Rubric } from '../../src/engine/model.js';
import { scoreEvidence } from '../../src/engine/score.js';
import { message, problemLine } from '../../src/i18n/messages.js';
import { FORMATS } from '../../src/render/formats.js';
import { type Paint, TEXT_WIDTH } from '../../src/render/types.js';
import { buildSheet, type Sheet } from '../../src/report/sheet.js';
import { parseSchoolBytes } from '../../src/validation/school.js';
import { validateEvidence } from '../../src/validation/validate.js';

/** Every text format's sheet in both languages (the async, binary XLSX is checked in its own tests). */
const textRenders = (sheet: Sheet): string[] =>
  FORMATS.flatMap((f) =>
    (['zh', 'en'] as const).map((lang) => {
      const out = f.sheet(sheet, { lang, paint: PAINT, details: true, width: TEXT_WIDTH });
      return typeof out === 'string' ? out : '';
    }),
  );

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

/** The shipped examples and the bad-input fixtures: the seeds that mutations start from. */
export const SEEDS: string[] = [...yamlFiles('examples/schools'), ...yamlFiles('examples/county')]
  .concat(yamlFiles('test/fixtures/bad'))
  .sort()
  .map((f) => readFileSync(f, 'utf8'));

/** What IMEs, editors and attackers put into files. */
const HOSTILE = [
  '：',
  '，',
  '\t',
  '\u3000',
  '\u00a0',
  '２０',
  '2000元',
  '85%',
  '&a ',
  '*a',
  '*nope',
  '!!str ',
  '!!python/name:os.system ',
  '!money ',
  '? [a, b]\n',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '\n---\n',
  '\n...\n',
  '%YAML 1.1\n',
  '\r',
  '\u001b[2J',
  '\u202e',
  '\ufeff',
  '\u0000',
  '- ',
  '0x1F',
  '0o14',
  '0755',
  '1_0',
  '18240.5_0',
  '.nan',
  '.inf',
  '-.inf',
  '1e400',
  '9007199254740993',
  '~',
  'null',
  'yes',
  'on',
  '1:20',
  '2023/13/01',
  '0164020001',
  '__proto__: 1',
  'constructor: 1',
  '<script>alert(1)</script>',
  '=cmd|calc',
  '::warning file=x::y',
  '\n  ',
  ': ',
  ':\n',
  '|\n',
  '>\n',
  '\\',
  '\u2028',
  '\ud800',
  '\uFFFE',
  'a'.repeat(300),
];

/** Seeds that score: the values kind starts from these. */
const VALID = SEEDS.filter((t) => /^school:/m.test(t) && !/common-mistake|甲乙/.test(t)).slice(0, 12);

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'insert' | 'replace' | 'truncate'; at: number; with: number };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'replace', 'truncate'),
  at: fc.nat(),
  with: fc.nat(),
});

function mutate(text: string, ms: Mutation[]): string {
  let out = text;
  for (const m of ms) {
    const lines = out.split('\n');
    const i = m.at % Math.max(1, lines.length);
    const h = HOSTILE[m.with % HOSTILE.length] ?? '';
    const pos = m.at % Math.max(1, out.length);
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        out = lines.join('\n');
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        out = lines.join('\n');
        break;
      case 'swap': {
        const j = m.with % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        out = lines.join('\n');
        break;
      }
      case 'insert':
        out = out.slice(0, pos) + h + out.slice(pos);
        break;
      case 'replace':
        out = out.slice(0, pos) + h + out.slice(pos + 1 + (m.with % 8));
        break;
      case 'truncate':
        out = out.slice(0, pos);
        break;
    }
  }
  return out;
}

export interface FuzzCase {
  kind: string;
  bytes: Uint8Array;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** One arbitrary per kind of input. */
export const ARBITRARIES: Record<string, fc.Arbitrary<FuzzCase>> = {
  bytes: fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ kind: 'bytes', bytes })),
  yaml: fc
    .oneof(fc.anything(), fc.jsonValue(), fc.dictionary(fc.string(), fc.anything()))
    .map((v) => ({ kind: 'yaml', bytes: utf8(stringify(v, { aliasDuplicateObjects: false })) })),
  mutated: fc
    .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom('utf8', 'utf16le', 'bom'))
    .map(([seed, ms, encoding]) => {
      const text = mutate(SEEDS[seed % SEEDS.length] ?? '', ms);
      const bytes =
        encoding === 'utf16le'
          ? new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
          : utf8(encoding === 'bom' ? `\ufeff${text}` : text);
      return { kind: 'mutated', bytes };
    }),
  /** A valid school whose values are swapped for arbitrary ones: reaches the schema and the engine. */
  values: fc
    .tuple(
      fc.nat(),
      fc.nat(),
      fc.oneof(
        { arbitrary: fc.nat({ max: 100000 }), weight: 4 },
        { arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 2 },
        { arbitrary: fc.boolean(), weight: 2 },
        { arbitrary: fc.string(), weight: 2 },
        { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 },
        { arbitrary: fc.anything(), weight: 1 },
        { arbitrary: fc.double(), weight: 1 },
        { arbitrary: fc.bigInt(), weight: 1 },
      ),
    )
    .map(([seed, at, value]) => {
      const text = VALID[seed % VALID.length] ?? '';
      const lines = text.split('\n');
      const candidates = lines.flatMap((l, i) =>
        /^\s*[A-Za-z]+:\s+\S/.test(l) && !l.trim().startsWith('#') ? [i] : [],
      );
      const i = candidates[at % Math.max(1, candidates.length)] ?? 0;
      const shown = typeof value === 'bigint' ? value.toString() : (JSON.stringify(value) ?? 'null');
      lines[i] = (lines[i] ?? '').replace(/:\s+.*$/, `: ${shown}`);
      return { kind: 'values', bytes: utf8(lines.join('\n')) };
    }),
};

const plain = (t: string) => t;
const PAINT: Paint = { red: plain, yellow: plain, green: plain, dim: plain, bold: plain };

/**
 * The oracle: returns what went wrong, or null. Nothing may throw; every problem is a known message with a
 * sane position; a file that parses scores within [0, max], renders in every format, and means the same
 * when read again.
 */
export function checkCase(c: FuzzCase, rubric: Rubric): string | null {
  return check(c, rubric).failure;
}

/** The oracle's verdict, and whether the input got as far as a score. */
export function check(c: FuzzCase, rubric: Rubric): { failure: string | null; scored: boolean } {
  const failure = (why: string | null, scored = false) => ({ failure: why, scored });
  try {
    const parsed = parseSchoolBytes(c.bytes, rubric, 'fuzz.yaml');
    for (const p of parsed.problems) {
      for (const lang of ['zh', 'en'] as const) {
        if (message(p, lang) === `${p.code} ${JSON.stringify(p.params)}`)
          return failure(`unknown message code ${p.code}`);
        problemLine(p, lang);
      }
      for (const n of [p.line, p.col])
        if (n !== undefined && !(Number.isInteger(n) && n >= 1))
          return failure(`bad position ${p.line}:${p.col} (${p.code})`);
    }
    const hasError = parsed.problems.some((p) => p.severity === 'error');
    if (parsed.evidence && hasError) return failure('evidence returned together with errors');
    if (!parsed.evidence && !hasError) return failure('no evidence and no error');
    validateEvidence(c.bytes, 'fuzz.yaml', rubric, { strict: true });
    if (!parsed.evidence) return failure(null);
    const sheet = buildSheet(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence));
    if (!(sheet.total >= 0 && sheet.total <= sheet.max + (sheet.bonus?.cap ?? 0)))
      return failure(`total ${sheet.total} outside [0, ${sheet.max}]`);
    const rendered = textRenders(sheet);
    const again = parseSchoolBytes(c.bytes, rubric, 'fuzz.yaml');
    if (!again.evidence) return failure('read twice, parsed once');
    const sheet2 = buildSheet(rubric, again.evidence, scoreEvidence(rubric, again.evidence));
    const rendered2 = textRenders(sheet2);
    if (rendered.join('\0') !== rendered2.join('\0')) return failure('output differs between two runs', true);
    return failure(null, true);
  } catch (e) {
    return failure(`threw: ${(e as Error).stack ?? String(e)}`);
  }
}
