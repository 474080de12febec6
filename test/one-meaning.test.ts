// One meaning for every file: the fast reader (js-yaml) gives the careful reader's (`yaml`, YAML 1.2 core
// schema) value or leaves the file to it, over generated documents holding scalars of every YAML 1.1 and 1.2
// shape, in every place a scalar can stand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../src/evidence/parse.js';
import { mayBeUnsure, readFast, UNSURE } from '../src/io/fast-yaml.js';
import { CORE_BOOL, CORE_FLOAT, CORE_INT, CORE_NULL, notAString } from '../src/io/scalars.js';
import { LINE_SUSPECT, mayHoldLineMistakes, parseYaml } from '../src/io/yaml.js';

const SEED = Number(process.env.FC_SEED ?? 20261129);
const RUNS = Number(process.env.FC_RUNS ?? 1200);

const sign = fc.constantFrom('', '', '+', '-');
const digits = fc.stringMatching(/^[0-9]{1,6}$/);
/** Numbers as YAML 1.1 and 1.2 write them, and near misses. */
const numberLike = fc.oneof(
  fc.tuple(sign, digits).map(([s, d]) => s + d), // 12, -0, 0755, 00
  fc.tuple(sign, fc.stringMatching(/^[0-9]{1,3}(_[0-9]{1,3}){1,2}$/)).map(([s, d]) => s + d), // 1_000
  fc.stringMatching(/^[-+]?0o[0-9_]{1,4}$/), // 0o14, 0o19
  fc.stringMatching(/^[-+]?0x[0-9a-fA-FgG_]{1,5}$/), // 0xC, 0x1_F, -0x1F
  fc.stringMatching(/^[-+]?0b[0-2_]{1,6}$/), // 0b101
  fc.stringMatching(/^[-+]?[0-9]{1,3}(:[0-5]?[0-9]){1,2}(\.[0-9]{1,2})?$/), // sexagesimal 1:20, 190:20:30.15
  fc.stringMatching(/^[-+]?([0-9]{0,4}\.[0-9_]{0,4}|[0-9]{1,4})([eE][-+]?[0-9]{1,3})?$/), // 1.5, .5, 1., 1e3
  fc.stringMatching(/^[-+]?[0-9]{1,3}(\.[0-9]+)?[eE][-+]?[34][0-9]{2}$/), // 1e400, 1e-400
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String), // past 2^53
  fc.constantFrom('9007199254740991', '9007199254740992', '-9007199254740993', '18240.5_0', '1__0', '0x1_F'),
  fc.constantFrom('.inf', '.Inf', '.INF', '+.inf', '-.Inf', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'NaN'),
);
const wordLike = fc.constantFrom(
  ...['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N'],
  ...['true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fAlse'],
  ...['~', 'null', 'Null', 'NULL', 'nULL', '', '-', '.', '<<', '='],
  ...['2023-09-01', '2023-9-1', '2002-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5'],
  ...['第2，3年级', '县级2，市级4。', '利通区', 'a b', 'it’s', '30000元', '１２００', '85%'],
);
const plain = fc.oneof({ weight: 3, arbitrary: numberLike }, { weight: 2, arbitrary: wordLike });
const doubleQuoted = plain.map((s) => JSON.stringify(s));
const singleQuoted = plain.map((s) => `'${s.replace(/'/g, "''")}'`);
const tagged = fc
  .tuple(
    fc.constantFrom('!!str', '!!int', '!!float', '!!bool', '!!null', '!money', '!', '!!python/name:os.system'),
    plain,
  )
  .map(([t, s]) => `${t} ${s}`);
const scalar = fc.oneof(
  { weight: 12, arbitrary: plain },
  { weight: 4, arbitrary: doubleQuoted },
  { weight: 2, arbitrary: singleQuoted },
  { weight: 1, arbitrary: tagged },
);
/** A key: usually a name, sometimes a scalar of any shape (null, numbers, booleans as keys). */
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('k', 'name', 'B1') }, { weight: 1, arbitrary: plain });

/** Plain scalars with flow indicators or a comment sign are not plain in a flow collection: leave them out there. */
const flowSafe = (s: string) => !/[,[\]{}#]|^[-?:](\s|$)|:\s|\s$/.test(s) || /^["'!]/.test(s);

const document = fc
  .record({
    head: fc.constantFrom('', '', '', '', '', '---\n', '%YAML 1.2\n---\n', '%YAML 1.1\n---\n'),
    block: scalar,
    item: scalar,
    flow: fc.array(scalar, { minLength: 1, maxLength: 3 }),
    map: scalar,
    key,
    tail: fc.constantFrom('', '', '', '', '', '...\n', '...\nz: 1\n', '---\nz: 1\n', '--- z\n', '# end\n'),
  })
  .map((g) => {
    const flow = g.flow.map((s) => (flowSafe(s) ? s : JSON.stringify(s)));
    const map = flowSafe(g.map) ? g.map : JSON.stringify(g.map);
    return `${g.head}a: ${g.block}\nb:\n  - ${g.item}\nc: [${flow.join(', ')}]\nd: { x: ${map} }\n${g.key}: 1\n${g.tail}`;
  });

describe('the fast reader means what the careful reader means', () => {
  it(`gives the careful reader's value, or leaves the file to it (${RUNS} documents)`, () => {
    let fastRead = 0;
    let refused = 0;
    fc.assert(
      fc.property(document, (text) => {
        const fast = readFast(text);
        const careful = parseYaml(text);
        const accepted = careful.source !== undefined && careful.problems.length === 0;
        if (!accepted) refused++;
        if (fast === undefined) return;
        fastRead++;
        expect(accepted).toBe(true);
        expect(fast.value).toEqual(careful.value);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Both outcomes are exercised: many documents are read fast, many are refused.
    expect(fastRead).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});

const BASE = `school:
  name: 测试小学
  code: CODE
  county: 利通区
  stage: primary
  students: 1000
  classes: 20
year: 2023-2024
terms:
  - { start: 2023-09-01, end: 2024-01-19 }
  - { start: 2024-02-26, end: 2024-07-05 }
facts:
  spending: SPENDING
  instructors: INSTRUCTORS
  teachingPlan: PLAN
ledger:
  - { type: lecture, dates: [2023-10-12, 2023-12-07], title: TITLE }
selfScores: { SELFKEY: SELF }
`;

const evidenceFile = fc
  .record({
    code: scalar,
    spending: scalar,
    instructors: scalar,
    plan: scalar,
    title: scalar,
    selfKey: fc.oneof(fc.constantFrom('B4', '__proto__'), plain),
    self: scalar,
  })
  .map((g) =>
    BASE.replace('CODE', g.code)
      .replace('SPENDING', g.spending)
      .replace('INSTRUCTORS', g.instructors)
      .replace('PLAN', g.plan)
      .replace('TITLE', flowSafe(g.title) ? g.title : JSON.stringify(g.title))
      .replace('SELFKEY', flowSafe(g.selfKey) && g.selfKey !== '' ? g.selfKey : JSON.stringify(g.selfKey))
      .replace('SELF', flowSafe(g.self) ? g.self : JSON.stringify(g.self)),
  );

/** The same file as the careful reader alone reads it: a %YAML 1.2 directive sends it there, meaning nothing. */
const carefully = (text: string) => parseEvidenceText(`%YAML 1.2\n---\n${text}`);
const verdict = (r: ReturnType<typeof parseEvidenceText>, shift: number) => ({
  data: r.evidence?.data,
  problems: r.problems.map((p) => `${p.code} ${p.path ?? ''} ${(p.line ?? 0) - shift}:${p.col ?? 0}`),
});

describe('an evidence file has one verdict, whichever reader reads it', () => {
  it('the same data or the same problems, at the same places (300 files)', () => {
    fc.assert(
      fc.property(evidenceFile, (text) => {
        expect(verdict(parseEvidenceText(text), 0)).toEqual(verdict(carefully(text), 2));
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

/**
 * A quick look answers as the full pattern does, on 5,000 texts of up to `most` of the pieces the pattern's
 * shapes are made of; both answers come up often (else the texts would test little).
 */
function quickLookAgrees(pieces: string[], most: number, full: RegExp, quick: (text: string) => boolean): void {
  let found = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: most }), (chosen) => {
      const text = chosen.join('');
      const answer = full.test(text);
      if (answer) found++;
      expect(quick(text)).toBe(answer);
    }),
    { numRuns: 5000, seed: SEED },
  );
  expect(found).toBeGreaterThan(500);
  expect(found).toBeLessThan(4500);
}

describe('the quick look for shapes the fast reader leaves alone', () => {
  it('says what the full pattern says, on text made of the characters those shapes are made of', () => {
    const pieces = [
      ...['%', '...', '..', '!', '&', '*', '?', '~', 'null', 'Null', 'NULL', 'nul', '__proto__', '__proto'],
      ...[']', '}', '[', '{', ',', ':', ' ', '  ', '\t', '\n', '- ', 'a', '1', '：', '利通区', '#'],
    ];
    quickLookAgrees(pieces, 24, UNSURE, mayBeUnsure);
  });
});

describe('the quick look for line-level mistakes (full-width colons, tabs, lecturers:12)', () => {
  it('says what the full pattern says, on text made of the characters those mistakes are made of', () => {
    const pieces = [
      ...[':', '：', '，', '［', '］', '｛', '｝', '\t', '\u3000', '\u00a0', ' ', '\n', '/', '//', 'http://'],
      ...['a', 'Z', '_', 'key', '1', '-', '{', ',', '利通区', '#', '2023-09-01', "'"],
    ];
    quickLookAgrees(pieces, 16, LINE_SUSPECT, mayHoldLineMistakes);
  });
});

describe('a key YAML reads as something other than its text', () => {
  it('is found by its first character as the four core-schema patterns find it', () => {
    const anyKey = fc.oneof(plain, fc.string({ maxLength: 6 }), fc.constantFrom('school', 'B1', '_x', 'nul', 'tru'));
    let notText = 0;
    fc.assert(
      fc.property(anyKey, (key) => {
        const full = [CORE_INT, CORE_FLOAT, CORE_BOOL, CORE_NULL].some((p) => p.test(key));
        if (full) notText++;
        expect(notAString(key)).toBe(full);
      }),
      { numRuns: 3000, seed: SEED },
    );
    expect(notText).toBeGreaterThan(300);
  });
});
