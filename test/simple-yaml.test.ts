// The quickest reading (src/io/simple-yaml.ts) gives the careful reader's value or gives up: on every example
// and fixture, on generated schools, on random YAML written in every style it follows and many it does not,
// and on that YAML with a character put in, taken out or a line doubled anywhere.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { quoteDates, random, schoolYaml } from '../scripts/gen-schools.mjs';
import { plainLines } from '../src/io/decode.js';
import { forCarefulReader } from '../src/io/fast-yaml.js';
import { readSimple } from '../src/io/simple-yaml.js';
import { parseYaml } from '../src/io/yaml.js';
import { yamlFiles } from './helpers.js';

const SEED = Number(process.env.FC_SEED ?? 20261129);
const RUNS = Number(process.env.FC_RUNS ?? 1500);

/**
 * True when the simple reading read the text (as readFast asks it: after the shapes and line-level mistakes
 * left to the careful reader); it then holds the careful reading's value.
 */
function agrees(text: string): boolean {
  const simple = forCarefulReader(text) ? undefined : readSimple(text);
  if (simple === undefined) return false;
  const careful = parseYaml(text);
  expect(careful.problems, text).toEqual([]);
  expect(careful.source, text).toBeDefined();
  // Deep strict equality (same prototypes and keys); vitest's own looks at a `constructor` key as a class.
  if (!isDeepStrictEqual(simple.value, careful.value)) expect(simple.value, text).toEqual(careful.value);
  expect(isDeepStrictEqual(simple.value, careful.value), text).toBe(true);
  return true;
}

describe('the simple reading', () => {
  it('agrees on every example and fixture, and reads the shipped example schools', () => {
    let read = 0;
    for (const file of [...yamlFiles('examples'), ...yamlFiles('test/fixtures')])
      if (agrees(plainLines(readFileSync(file, 'utf8')))) read++;
    for (const name of ['typical-primary', 'model-primary', 'kindergarten'])
      expect(readSimple(readFileSync(`examples/schools/${name}.yaml`, 'utf8')), name).toBeDefined();
    expect(read).toBeGreaterThan(20);
  });

  it('agrees on 300 generated schools, plain and quoted, and reads them all', () => {
    const rnd = random(11);
    for (let i = 0; i < 300; i++) {
      const text = schoolYaml(i, rnd) as string;
      expect(agrees(i % 2 === 1 ? (quoteDates(text) as string) : text)).toBe(true);
    }
  });

  it('gives up on shapes it does not follow', () => {
    const other = [
      'note: |\n  a\n', // block scalar
      'title: a long\n  title\n', // plain scalar over lines
      'title: "a\n  b"\n', // quoted over lines
      'dates: [2023-09-01\n  , 2023-09-02]\n', // flow broken before a comma
      'dates: [2023-09-01,\n2023-09-02]\n', // flow over lines not indented
      'dates: [2023-09-01,\n  2023-09-02\n]\n', // closing bracket on its own line
      '"school": {}\n', // quoted key
      'a b: 1\n', // key with a space
      'ledger:\n-\n  type: homework\n', // lone dash
      'ledger:\n- - 1\n', // list in a list
      'school:\n   name: a\n  county: b\n', // odd indentation
      'a: "x\\ty"\n', // escape
      'a: 1\na: 2\n', // key twice
      'a: { b: 1, b: 2 }\n',
      'true: 1\n', // key read as a boolean
      'a: [1, 2, ]\n', // trailing comma
      'a: { b: }\n', // empty flow value
      'a: [b: 1]\n', // a pair in a list
      'a: b: c\n',
      'a: 0755\n', // refused number
      'a:\tb\n', // tab
      'a: 1\r\n', // CR
      '--- x\n',
      '- 1\n', // not a mapping
      '# only a comment\n',
      `a: ${'['.repeat(40)}${']'.repeat(40)}\n`, // deeper than evidence goes
      `${'a'.repeat(1025)}: 1\n`, // a key longer than the careful reader takes
      `k:\n- ${'a'.repeat(1025)}: 1\n`,
      Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
      '',
    ];
    for (const text of other) expect(readSimple(text), JSON.stringify(text)).toBeUndefined();
    // Near those shapes, what it does read (each also as the careful reader reads it).
    const read = [`${'a'.repeat(1024)}: 1\n`, 'a: .5\nb: +\nc: -5\nd: 2023-09-01\ne: -0\n', 'a: [b,\n# 注释\n  c]\n'];
    for (const text of read) expect(agrees(text), JSON.stringify(text)).toBe(true);
  });

  // Random YAML: a tree of maps, lists and scalars of many shapes, written block or flow, with lists at their
  // key's indentation or deeper, any indentation step, spaces after dashes, comments and blank lines.
  /** Mostly what evidence files hold, now and then a shape YAML reads otherwise or this reading leaves. */
  const mostly = (usual: string[], odd: string[]) =>
    fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
  const key = mostly(
    ['school', 'name', 'type', 'dates', 'a', 'b1', 'x_y', 'B1', 'constructor', 'toString'],
    ['true', 'Null', 'null', '__proto__', '1', 'a-b', 'a b', '"q"', "'s'", '利通区', 'k:', 'k#', '-k', '?k'],
  );
  const scalar = mostly(
    [
      ...['12', '-3', '+4', '1.5', '.5', '1e3', '2023-09-01', '2023-2024', 'true', 'False', 'yes', 'null'],
      ...['homework', '利通区', 'a b', 'C#', 'http://x.cn/a', '10:30', 'a:b', '-a', '"a: b # c"', '"x"', "'it''s'"],
    ],
    [
      ...['0755', '0x1F', '1_000', '.inf', '9007199254740993', '~', 'NULL', 'a #c', 'a: b', 'a:', '-', '- a', '?a'],
      ...[':a', '[a', 'a]', 'a,b', 'a{b', '""', "''", '"a\\"b"', '"unclosed', "'unclosed", '&a x', '*a', '!!str 1'],
      ...['|\n  block', '>-\n  folded', 'plain\n  continued', '\u3000x', '｛ x }', '1：2', '#', '%a', '@a', '`a'],
    ],
  );
  type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.record({ map: fc.array(fc.tuple(key, tie('node')), { minLength: 0, maxLength: 4 }) }),
      fc.record({ seq: fc.array(tie('node'), { minLength: 0, maxLength: 3 }) }),
    ),
  })).node;
  /** The writer's choices, drawn in turn. */
  const choices = fc.array(fc.nat(11), { minLength: 8, maxLength: 40 });

  function write(root: Tree, picks: number[]): string {
    let n = 0;
    const pick = (k: number) => (picks[n++ % picks.length] ?? 0) % k;
    /** A flow collection, now and then over lines (after a bracket or comma, before the closing one). */
    const flow = (t: Tree, indent: number): string => {
      if (typeof t === 'string') return t;
      const br = () =>
        pick(4) === 0 ? `${pick(3) === 0 ? ' # 注释' : ''}\n${' '.repeat(Math.max(0, indent + pick(5) - 1))}` : '';
      const sp = pick(3) === 0 ? '' : ' ';
      const items =
        'map' in t ? once(t.map).map(([k, v]) => `${k}: ${flow(v, indent)}`) : t.seq.map((v) => flow(v, indent));
      const [open, close] = 'map' in t ? ['{', '}'] : ['[', ']'];
      return `${open}${sp}${br()}${items.join(pick(2) ? `, ${br()}` : ',')}${pick(6) === 0 ? br() : sp}${close}`;
    };
    /** Each key once, but now and then one written twice. */
    const once = (entries: [string, Tree][]) => {
      const seen = new Set<string>();
      return entries.filter(([k]) => (!seen.has(k) || pick(8) === 0 ? seen.add(k) : false));
    };
    const tail = () => [' # 注释', '', '', '  ', ''][pick(5)] ?? '';
    const lines: string[] = [];
    const block = (t: Tree, indent: number, lead: string) => {
      const pad = ' '.repeat(indent);
      if (pick(9) === 0) lines.push(`${' '.repeat(pick(6))}${['# 注释', '', '#'][pick(3)]}`);
      if (typeof t === 'string' || pick(6) === 0 || ('map' in t ? t.map.length : t.seq.length) === 0) {
        lines.push(`${lead}${flow(t, indent)}${tail()}`);
        return;
      }
      const step = 1 + pick(4);
      if ('map' in t) {
        once(t.map).forEach(([k, v], i) => {
          const first = i === 0 ? lead : pad;
          if (typeof v === 'string' || pick(3) === 0) lines.push(`${first}${k}: ${flow(v, indent)}${tail()}`);
          else {
            lines.push(`${first}${k}:${tail()}`);
            const childIndent = 'seq' in v && pick(2) === 0 ? indent : indent + step;
            block(v, childIndent, ' '.repeat(childIndent));
          }
        });
      } else {
        t.seq.forEach((v, i) => {
          const dash = `${i === 0 ? lead : pad}-${' '.repeat(1 + pick(3))}`;
          if (typeof v === 'string' || pick(3) === 0 || ('seq' in v && pick(2)))
            lines.push(`${dash}${flow(v, indent)}${tail()}`);
          else block(v, dash.length, dash);
        });
      }
    };
    block(root, 0, pick(8) === 0 ? '---\n' : '');
    return `${lines.join('\n')}\n`;
  }

  const document = fc
    .tuple(fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 4 }), choices)
    .map(([entries, picks]) => write({ map: entries }, picks));

  /** How many of RUNS texts drawn from `texts` the simple reading read (all agreeing). */
  const readOf = (texts: fc.Arbitrary<string>): number => {
    let read = 0;
    fc.assert(
      fc.property(texts, (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    return read;
  };

  it(`gives the careful reader's value or gives up, on random YAML (${RUNS} documents)`, () => {
    const read = readOf(document);
    // Both outcomes are exercised: many documents are read, many given up.
    expect(read).toBeGreaterThan(RUNS / 5);
    expect(read).toBeLessThan(RUNS - RUNS / 5);
  });

  it(`gives the careful reader's value or gives up, on that YAML with one edit anywhere (${RUNS} documents)`, () => {
    const piece = fc.constantFrom(' ', '  ', '-', ':', ': ', ',', '[', ']', '{', '}', '#', ' #', '"', "'", '\n', 'a');
    const edited = fc.tuple(document, fc.nat(), fc.nat(3), piece).map(([text, at, how, p]) => {
      const i = at % (text.length + 1);
      if (how === 0) return text.slice(0, i) + p + text.slice(i);
      if (how === 1) return text.slice(0, i) + text.slice(i + 1);
      const lines = text.split('\n');
      const j = at % lines.length;
      return [...lines.slice(0, j + 1), ...lines.slice(j)].join('\n');
    });
    expect(readOf(edited)).toBeGreaterThan(RUNS / 10);
  });
});
