// English everywhere (issue 11, item 8): --lang en before or after the command, help in English, commander's
// own words in English, and English tables that never break a word in the middle (cooperatio/n, School/s).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type Row, renderGrid, wordWidths } from '../src/render/grid.js';
import { width } from '../src/render/text.js';

function jiaxiao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const HAN = /\p{Script=Han}/u;
const SAMPLE = ['--rubric', 'test/fixtures/sample-rubric/rubric.yaml'];

describe('--lang is accepted before the command as well as after it', () => {
  const school = 'examples/schools/typical-primary.yaml';
  const english = 'academic year 2023-2024';

  it.each([
    [['--lang', 'en', 'score', school]],
    [['--lang=en', 'score', school]],
    [['score', school, '--lang', 'en']],
    [['score', '--lang', 'en', school]],
  ])('%j scores in English', (args) => {
    const r = jiaxiao(args);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(english);
    expect(r.out).not.toContain('2023-2024 学年');
  });

  it('validate and rubric check take it before the command too', () => {
    const v = jiaxiao(['--lang', 'en', 'validate', 'test/fixtures/bad/percent.yaml']);
    expect(v.code).toBe(1);
    // One of each in the singular: "1 file", "1 error", never "1 files".
    expect(v.out).toContain('1 file checked: 1 error, 0 warnings; 1 file with errors.');
    const r = jiaxiao(['--lang', 'en', 'rubric', 'check', 'rubric/wuzhong-2019.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('100 points; 3 groups, 12 indicators');
  });

  it('JIAXIAO_LANG=en still works, and --lang zh before the command overrides it', () => {
    expect(jiaxiao(['score', school], { JIAXIAO_LANG: 'en' }).out).toContain(english);
    const zh = jiaxiao(['--lang', 'zh', 'score', school], { JIAXIAO_LANG: 'en' });
    expect(zh.out).toContain('2023-2024 学年');
  });

  it('an unknown language is refused with exit 2, before the command as after it', () => {
    for (const args of [
      ['--lang', 'fr', 'score', school],
      ['score', school, '--lang', 'fr'],
    ]) {
      const r = jiaxiao(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/fr/);
    }
  });
});

describe('help in English', () => {
  /** The commands the root help lists: `score`, `rubric check`… (new commands are found here without edits). */
  function commands(): string[][] {
    const help = jiaxiao(['--help', '--lang', 'en']).out;
    const names = help
      .split('Commands:')[1]
      ?.split('\n')
      .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && n !== 'help');
    expect(names).toContain('score');
    return (names ?? []).flatMap((n) => {
      const sub = jiaxiao([n, '--help', '--lang', 'en']).out.split('Commands:')[1];
      const subs = (sub ?? '')
        .split('\n')
        .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
        .filter((s): s is string => s !== undefined && s !== 'help');
      return [[n], ...subs.map((s) => [n, s])];
    });
  }

  it('every command, argument and option is described in English', () => {
    const all = commands();
    expect(all).toContainEqual(['rubric', 'check']);
    const root = jiaxiao(['--help', '--lang', 'en']);
    // The notice's number is its name: the one Chinese the root help keeps.
    expect(root.out.replace('吴教发〔2019〕83号', '')).not.toMatch(HAN);
    for (const cmd of all) {
      for (const args of [
        [...cmd, '--help', '--lang', 'en'],
        ['--lang', 'en', ...cmd, '--help'],
        ['help', ...cmd],
      ]) {
        const r = jiaxiao(args, args[0] === 'help' ? { JIAXIAO_LANG: 'en' } : {});
        expect(r.code, args.join(' ')).toBe(0);
        expect(r.out, args.join(' ')).toContain('Usage:');
        const han = r.out.match(new RegExp(HAN.source, 'gu'));
        expect(han, `${args.join(' ')}:\n${r.out}`).toBeNull();
      }
    }
  });

  it('the English help describes the options, not only the headings', () => {
    const r = jiaxiao(['--lang', 'en', 'score', '--help']);
    expect(r.out).toContain('write the sheet (for a batch: the summary) to this file');
    expect(r.out).toContain('show help');
    expect(r.out).toMatch(/--lang <lang> +language of the output/);
  });

  it('Chinese stays the default', () => {
    const r = jiaxiao(['score', '--help']);
    expect(r.out).toContain('用法：');
    expect(r.out).toContain('同时列出已通过各项的理由');
  });

  it("commander's own messages are English under --lang en, Chinese otherwise", () => {
    const missing = jiaxiao(['--lang', 'en', 'score']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("error: missing required argument 'paths'");
    const unknown = jiaxiao(['--lang', 'en', 'scor']);
    expect(unknown.err).toContain("error: unknown command 'scor'");
    expect(unknown.err).not.toMatch(HAN);
    expect(jiaxiao(['score']).err).toContain('错误：缺少证据文件或文件夹');
  });
});

/** Headings of the English tables: words the tables print whole though no JSON holds them. */
const HEADINGS =
  'Level Content Pts Self Score Rank County rank Overall School Stage Total Normalized Schools Mean Median Min Max Id Indicator Full applies Item Reason Bonus Deductions Vetoes';

const wordsOf = (text: string) => new Set((text.match(/[A-Za-z]+/g) ?? []).map((w) => w.toLowerCase()));

/** The texts of a JSON document, not its keys (countyRank is no word a table prints). */
function textsOf(json: string, leaveOut?: string): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (typeof x === 'string') out.push(x);
    else if (x && typeof x === 'object') for (const v of Object.values(x)) walk(v);
  };
  const value = JSON.parse(json) as Record<string, unknown>;
  walk(leaveOut === undefined ? value : { ...value, [leaveOut]: null });
  return out.join(' ');
}

/**
 * Words broken across two lines: where a line (or a grid cell) ends in letters and the next line's same cell
 * starts with letters, and the two together make a word the output means (cooperatio + n).
 */
function brokenWords(out: string, vocabulary: Set<string>): string[] {
  const lines = out.split('\n');
  const found: string[] = [];
  const check = (a: string, b: string) => {
    const end = /([A-Za-z]+)\s*$/.exec(a)?.[1];
    const start = /^\s*([A-Za-z]+)/.exec(b)?.[1];
    if (end && start && vocabulary.has(`${end}${start}`.toLowerCase())) found.push(`${end}/${start}`);
  };
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i] ?? '';
    const b = lines[i + 1] ?? '';
    if (a.startsWith('│') && b.startsWith('│')) {
      const ca = a.split('│');
      const cb = b.split('│');
      // The same cells, as the same row's lines have them.
      if (ca.length !== cb.length || ca.some((c, k) => width(c) !== width(cb[k] ?? ''))) continue;
      for (const [k, c] of ca.entries()) check(c, cb[k] ?? '');
    } else if (!/^[┌│├└]/.test(a) && !/^[┌│├└]/.test(b)) {
      check(a, b);
    }
  }
  return found;
}

/** The English names of both rubrics (groups, indicators, checks, levels), from a sheet of each as JSON. */
let names: string | undefined;
const rubricNames = () => {
  names ??= ['examples/schools/typical-primary.yaml', 'test/fixtures/sample-rubric/schools/a-primary.yaml']
    .map((f, i) => textsOf(jiaxiao(['score', f, '--lang', 'en', '--format', 'json', ...(i === 1 ? SAMPLE : [])]).out))
    .join(' ');
  return names;
};

describe('English tables keep words whole', () => {
  it('the check finds a broken word (a column narrower than "Schools")', () => {
    const rows: Row[] = [{ cells: [{ text: 'Schools' }, { text: 'Home–school cooperation' }] }];
    const vocabulary = wordsOf('Schools Home school cooperation');
    const narrow = renderGrid([5, 9], rows);
    expect(brokenWords(narrow, vocabulary)).toEqual(['Schoo/ls', 'cooperati/on']);
    // Sized from its words, the same grid breaks none.
    const fitted = wordWidths([5, 9], rows);
    expect(fitted).toEqual([7, 11]);
    expect(brokenWords(renderGrid(fitted, rows), vocabulary)).toEqual([]);
  });

  const cases: [string, string[]][] = [
    ['sheet', ['score', 'examples/schools/typical-primary.yaml', '--details']],
    ['kindergarten sheet', ['score', 'examples/schools/kindergarten.yaml', '--details']],
    [
      'sheet with bonus, deductions, vetoes, levels',
      ['score', 'test/fixtures/sample-rubric/schools/a-primary.yaml', '--details', ...SAMPLE],
    ],
    ['county summary (ranking, attainment, most missed)', ['score', 'examples/county']],
    ['city summary (county ranks, counties)', ['score', 'examples/city']],
    ['summary with levels', ['score', 'test/fixtures/sample-rubric/schools', ...SAMPLE]],
  ];

  for (const [name, args] of cases)
    for (const w of [80, 100])
      it(`${name} at ${w} columns`, () => {
        const r = jiaxiao([...args, '--lang', 'en', '--width', String(w)]);
        expect(r.code).toBe(0);
        // What the output means: every English word of the same result as JSON (the rubric's English names,
        // reasons, levels), and the tables' headings.
        const raw = jiaxiao([...args, '--lang', 'en', '--format', 'json']).out;
        const json = textsOf(raw);
        const vocabulary = wordsOf(`${json} ${rubricNames()} ${HEADINGS}`);
        expect(vocabulary.has('cooperation')).toBe(true);
        expect(brokenWords(r.out, vocabulary)).toEqual([]);
        // …and the rubric's English names are there whole (no part of them is left alone on a line). A
        // summary's table shows the 要点 texts of the most missed only: its JSON's every 要点 is left out here.
        const names = textsOf(raw, name.includes('summary') ? 'items' : undefined);
        for (const word of ['Conditions', 'cooperation', 'communication', 'satisfaction', 'evaluation'])
          if (names.includes(word) && !name.includes('levels')) expect(r.out).toContain(word);
        // Every grid line fits the width.
        const grid = r.out.split('\n').filter((l) => /^[┌│├└]/.test(l));
        expect(grid.length).toBeGreaterThan(0);
        for (const l of grid) expect(width(l)).toBeLessThanOrEqual(w);
      });

  it('validate text in English breaks no word either', () => {
    const r = jiaxiao(['--lang', 'en', 'validate', 'test/fixtures/bad/many-mistakes.yaml', 'examples/schools']);
    expect(r.code).toBe(1);
    const json = jiaxiao([
      '--lang',
      'en',
      'validate',
      '-f',
      'json',
      'test/fixtures/bad/many-mistakes.yaml',
      'examples/schools',
    ]).out;
    expect(brokenWords(r.out, wordsOf(textsOf(json)))).toEqual([]);
    expect(r.out).toMatch(/\d+ files checked: \d+ errors/);
  });
});
