// Bad input real submissions contain: each gets a located problem with a code, never a crash or a score.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceBytes, parseEvidenceText } from '../src/evidence/parse.js';
import { problemLine } from '../src/i18n/messages.js';
import { lintLines } from '../src/io/yaml.js';
import { defaultRubric } from '../src/rubric/default.js';

const BASE = `school:
  name: 测试小学
  county: 利通区
  stage: primary
  students: 1000
  classes: 20
year: 2023-2024
terms:
  - { start: 2023-09-01, end: 2024-01-19 }
  - { start: 2024-02-26, end: 2024-07-05 }
facts:
  spending: 20000
  instructors: 2
  teachingPlan: true
ledger:
  - { type: lecture, dates: [2023-10-12, 2023-12-07] }
surveys:
  parents: { population: 100, respondents: 90, satisfied: 85 }
selfScores: { B4: 3 }
`;

const edit = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`fixture edit does not apply: ${from}`);
  return BASE.replace(from, to);
};

describe('a valid file', () => {
  it('parses without problems', () => {
    const r = parseEvidenceText(BASE, 'a.yaml', defaultRubric());
    expect(r.problems).toEqual([]);
    expect(r.evidence?.records.map((x) => x.date)).toEqual(['2023-10-12', '2023-12-07']);
  });
  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${BASE.replace(/\n/g, '\r\n')}`);
    const r = parseEvidenceBytes(bytes, 'a.yaml');
    expect(r.problems).toEqual([]);
    expect(r.evidence?.data.school.name).toBe('测试小学');
  });
  it('decodes GB18030/GBK and says so', () => {
    // "测试小学" and "利通区" in GBK, with the rest ASCII.
    const gbk = Buffer.concat([
      Buffer.from(BASE.slice(0, BASE.indexOf('测试小学')), 'utf8'),
      Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xd0, 0xa1, 0xd1, 0xa7]),
      Buffer.from('\n  county: ', 'utf8'),
      Buffer.from([0xc0, 0xfb, 0xcd, 0xa8, 0xc7, 0xf8]),
      Buffer.from(BASE.slice(BASE.indexOf('\n  stage')), 'utf8'),
    ]);
    const r = parseEvidenceBytes(gbk, 'gbk.yaml');
    expect(r.evidence?.data.school.name).toBe('测试小学');
    expect(r.evidence?.data.school.county).toBe('利通区');
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'info', code: 'file.gb18030' })]);
  });
  it('accepts the stage in Chinese', () => {
    expect(parseEvidenceText(edit('stage: primary', 'stage: 幼儿园')).evidence?.data.school.stage).toBe('kindergarten');
  });
});

type Case = [name: string, text: string, code: string, line: number, col: number];
const cases: Case[] = [
  ['full-width colon', edit('  students: 1000', '  students：1000'), 'yaml.fullWidthColon', 5, 11],
  ['tab indentation', edit('  classes: 20', '\tclasses: 20'), 'yaml.tabIndent', 6, 1],
  ['U+3000 indentation', edit('  classes: 20', '\u3000classes: 20'), 'yaml.oddSpaceIndent', 6, 1],
  ['U+3000 after a colon', edit('  classes: 20', '  classes:\u300020'), 'yaml.oddSpaceAfterColon', 6, 11],
  ['full-width digits', edit('students: 1000', 'students: １０００'), 'value.fullWidthDigits', 5, 13],
  ['a unit in a number', edit('spending: 20000', 'spending: 20000元'), 'value.unit', 12, 13],
  ['a percentage for a count', edit('satisfied: 85 }', 'satisfied: 85% }'), 'value.percent', 18, 59],
  ['是 for a yes/no', edit('teachingPlan: true', 'teachingPlan: 是'), 'value.yesNo', 14, 17],
  ['a misspelled key', edit('  instructors: 2', '  instructor: 2'), 'key.unknownSuggest', 13, 3],
  ['a duplicate key', edit('  classes: 20', '  classes: 20\n  classes: 21'), 'yaml.duplicateKey', 7, 3],
  ['zero students', edit('students: 1000', 'students: 0'), 'value.above', 5, 13],
  ['a negative number', edit('instructors: 2', 'instructors: -2'), 'value.min', 13, 16],
  ['a date in another form', edit('2023-10-12', '2023/10/12'), 'value.dateForm', 16, 30],
  ['a date outside the academic year', edit('2023-12-07', '2022-12-07'), 'date.outsideYear', 16, 42],
  ['satisfied > respondents', edit('satisfied: 85 }', 'satisfied: 95 }'), 'count.over', 18, 59],
  ['terms overlapping', edit('start: 2024-02-26', 'start: 2024-01-10'), 'term.overlap', 10, 14],
  ['a missing required field', edit('  county: 利通区\n', ''), 'value.required', 2, 3],
  ['a self-score above the points', edit('B4: 3', 'B4: 4'), 'self.range', 19, 19],
  ['a self-score for an unknown indicator', edit('B4: 3', 'B44: 3'), 'self.unknownIndicator', 19, 15],
  [
    'a YAML alias bomb',
    `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    'yaml.aliasBomb',
    1,
    1,
  ],
  ['a file that is not evidence', 'name: 张三\nage: 9\n', 'file.notEvidence', 1, 1],
  ['a YAML list at the top', '- a\n- b\n', 'file.notEvidence', 1, 1],
];

describe.each(cases)('%s', (_name, text, code, line, col) => {
  const r = parseEvidenceText(text, 'bad.yaml', defaultRubric());
  it(`is refused with ${code} at ${line}:${col}`, () => {
    expect(r.evidence).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', code, line, col, file: 'bad.yaml' });
  });
  it('has a message in both languages, naming the file and the place', () => {
    const p = r.problems[0];
    if (!p) throw new Error('no problem');
    expect(problemLine(p, 'zh')).toMatch(new RegExp(`^bad\\.yaml:${line}:${col} 错误 `));
    expect(problemLine(p, 'en')).toMatch(new RegExp(`^bad\\.yaml:${line}:${col} error `));
    expect(problemLine(p, 'zh')).not.toMatch(/\{|undefined/);
  });
});

describe('files that are not text', () => {
  it.each([
    ['empty', new Uint8Array(), 'file.empty'],
    ['only blanks', new TextEncoder().encode('  \n\n'), 'file.empty'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'file.binary'],
    ['huge', new Uint8Array(3 * 1024 * 1024).fill(0x61), 'file.tooLarge'],
    ['neither UTF-8 nor GB18030', new Uint8Array([0x61, 0xff, 0xff, 0xff, 0x62]), 'file.encoding'],
  ])('%s → %s', (_n, bytes, code) => {
    const r = parseEvidenceBytes(bytes, 'x.yaml');
    expect(r.evidence).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ code, file: 'x.yaml', line: 1, col: 1 });
  });
});

describe('label and hint', () => {
  it('names the field in Chinese and says what to write', () => {
    const r = parseEvidenceText(edit('students: 1000', 'students: 一千'), 'bad.yaml');
    const line = problemLine(r.problems[0] as never, 'zh');
    expect(line).toBe('bad.yaml:5:13 错误 在校学生数（school.students）：“一千”不是数字。写大于 0 的整数，如 1200');
  });
  it('warns of a date outside the terms but scores the file', () => {
    const r = parseEvidenceText(edit('2023-12-07', '2024-02-01'));
    expect(r.evidence).toBeDefined();
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'date.outsideTerms', line: 16 })]);
  });
});

describe('line-level checks look past comments', () => {
  it.each(['model-primary', 'typical-primary', 'kindergarten'])(
    '%s: Chinese punctuation in its comments is no mistake',
    (name) => {
      const text = readFileSync(`examples/schools/${name}.yaml`, 'utf8');
      expect(text).toMatch(/#.*[，：]/);
      expect(lintLines(text).problems).toEqual([]);
    },
  );
});

describe('one meaning, whichever reader reads the file', () => {
  it('1_200 is not a number, with or without full-width punctuation elsewhere in the file', () => {
    const plain = parseEvidenceText(BASE.replace('students: 1000', 'students: 1_200'));
    const withComment = parseEvidenceText(`# 注释，含全角逗号\n${BASE.replace('students: 1000', 'students: 1_200')}`);
    expect(plain.problems.map((p) => p.code)).toEqual(['value.notNumber']);
    expect(withComment.problems.map((p) => p.code)).toEqual(['value.notNumber']);
  });
});
