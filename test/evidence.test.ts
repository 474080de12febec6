// Bad input real submissions contain: each gets a located problem with a code, never a crash or a score.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseEvidenceBytes, parseEvidenceText } from '../src/evidence/parse.js';
import { problemLine } from '../src/i18n/messages.js';
import { badUtf8At } from '../src/io/decode.js';
import { lintLines } from '../src/io/yaml.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';

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
    const r = parseSchoolText(BASE, defaultRubric(), 'a.yaml');
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
    2,
    8,
  ],
  ['an alias to no anchor', edit('instructors: 2', 'instructors: *nope'), 'yaml.undefinedAlias', 13, 16],
  ['an unclosed [', edit('  name: 测试小学', '  name: [测试小学'), 'yaml.unclosedBracket', 2, 9],
  ['an unclosed { in a list', edit('2023-12-07] }', '2023-12-07]'), 'yaml.unclosedBracket', 16, 5],
  ['.nan', edit('spending: 20000', 'spending: .nan'), 'number.notFinite', 12, 13],
  ['.inf', edit('spending: 20000', 'spending: -.Inf'), 'number.notFinite', 12, 13],
  ['1e400', edit('spending: 20000', 'spending: 1e400'), 'number.notFinite', 12, 13],
  ['a Python tag', edit('spending: 20000', 'spending: !!python/name:os.system'), 'yaml.tag', 12, 13],
  ['a tagged number', edit('spending: 20000', 'spending: !money 30000'), 'yaml.tag', 12, 13],
  ['a core-schema tag', edit('instructors: 2', 'instructors: !!int "2"'), 'yaml.tag', 13, 16],
  ['a list as a key', edit('facts:', '? [a, b]\n: 1\nfacts:'), 'yaml.complexKey', 11, 3],
  ['a list as a key in { }', edit('{ B4: 3 }', '{ [B4]: 3 }'), 'yaml.complexKey', 19, 15],
  ['a null key', edit('facts:', '~: 1\nfacts:'), 'yaml.nullKey', 11, 1],
  ['__proto__ as a self-score', edit('{ B4: 3 }', '{ __proto__: 99 }'), 'yaml.protoKey', 19, 15],
  ['__proto__ as a field', edit('  teachingPlan: true', '  __proto__: {}'), 'yaml.protoKey', 14, 3],
  ['an integer past 2^53', edit('spending: 20000', 'spending: 9007199254740993'), 'number.tooLarge', 12, 13],
  ['an unquoted code with a leading 0', edit('  county:', '  code: 0164020001\n  county:'), 'code.quote', 3, 9],
  ['an unquoted code past 2^53', edit('  county:', '  code: 216402000100000000\n  county:'), 'code.quote', 3, 9],
  ['an octal count', edit('instructors: 2', 'instructors: 0o14'), 'number.octal', 13, 16],
  ['a hex count', edit('instructors: 2', 'instructors: 0xC'), 'number.hex', 13, 16],
  ['a count with a leading 0', edit('instructors: 2', 'instructors: 0755'), 'number.leadingZero', 13, 16],
  ['content after ...', `${BASE}...\nawards: []\n`, 'yaml.afterEnd', 21, 1],
  ['content after ... on its line', `${BASE}... awards: []\n`, 'yaml.afterEnd', 20, 5],
  ['a directive after ...', `${BASE}...\n%YAML 1.2\n`, 'yaml.afterEnd', 21, 1],
  ['a %YAML 1.1 directive', `%YAML 1.1\n---\n${BASE}`, 'yaml.version', 1, 1],
  ['a file that is not evidence', 'name: 张三\nage: 9\n', 'file.notEvidence', 1, 1],
  ['a YAML list at the top', '- a\n- b\n', 'file.notEvidence', 1, 1],
];

describe.each(cases)('%s', (_name, text, code, line, col) => {
  const r = parseSchoolText(text, defaultRubric(), 'bad.yaml');
  it(`is refused with ${code} at ${line}:${col}`, () => {
    expect(r.evidence).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', code, line, col, file: 'bad.yaml' });
  });
  it('has a message in both languages, naming the file and the place', () => {
    const p = r.problems[0];
    if (!p) throw new Error('no problem');
    expect(problemLine(p, 'zh')).toMatch(new RegExp(`^bad\\.yaml:${line}:${col} 错误 `));
    expect(problemLine(p, 'en')).toMatch(new RegExp(`^bad\\.yaml:${line}:${col} error `));
    expect(problemLine(p, 'zh')).not.toMatch(/\$\{|\{\w*\}|undefined/);
  });
});

describe('files that are not text', () => {
  it.each([
    ['empty', new Uint8Array(), 'file.empty'],
    ['only blanks', new TextEncoder().encode('  \n\n'), 'file.empty'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'file.binary'],
    ['huge', new Uint8Array(3 * 1024 * 1024).fill(0x61), 'file.tooLarge'],
    ['neither UTF-8 nor GB18030', new Uint8Array([0xff, 0xff, 0xff, 0x62]), 'file.encoding'],
  ])('%s → %s', (_n, bytes, code) => {
    const r = parseEvidenceBytes(bytes, 'x.yaml');
    expect(r.evidence).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ code, file: 'x.yaml', line: 1, col: 1 });
  });
  it('neither UTF-8 nor GB18030: placed where UTF-8 stops, in characters as every column is', () => {
    const utf8 = (t: string) => [...new TextEncoder().encode(t)];
    // A UTF-8 file with a pasted stretch no encoding reads (0xFF never occurs in UTF-8 or GB18030), after a BOM.
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...utf8('school:\r\n  name: 示例学校\r\n  county: 利通'),
      0xff,
      0xfe,
      ...utf8('\n'),
    ]);
    const r = parseEvidenceBytes(bytes, 'x.yaml');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'file.encoding', line: 3, col: 13 })]);
    const first = new Uint8Array([0xef, 0xbb, 0xbf, 0xff]);
    expect(parseEvidenceBytes(first, 'x.yaml').problems[0]).toMatchObject({ line: 1, col: 1 });
    // The very first byte, in a file of several lines: line 1, not the last line.
    const opening = new Uint8Array([0xff, ...utf8('a: 1\nb: 2\n')]);
    expect(parseEvidenceBytes(opening, 'x.yaml').problems[0]).toMatchObject({ line: 1, col: 1 });
  });
  it('badUtf8At: the first byte that does not continue valid UTF-8, overlong forms and surrogates included', () => {
    const at = (...b: number[]) => badUtf8At(new Uint8Array(b));
    expect(at(0x61, 0xe4, 0xbd, 0xa0)).toBe(4); // 你: all valid
    expect(at(0x61, 0xc0, 0x80)).toBe(1); // an overlong NUL
    expect(at(0xe0, 0x80, 0x80)).toBe(0); // overlong, 3 bytes
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // a UTF-16 surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // past U+10FFFF
    expect(at(0xf0, 0x9f, 0x98, 0x80, 0x62)).toBe(5); // 😀
    expect(at(0xe4, 0xbd)).toBe(0); // cut short
    expect(at(0x62, 0xbd)).toBe(1); // a lone continuation byte
    // It agrees with the platform's own strict decoder on bytes made of UTF-8's pieces: the prefix before it
    // decodes, and one byte more (or the whole, when it is the end) does not.
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const pieces = [
      0x61, 0x0a, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 3000; n++) {
      const b = new Uint8Array(Array.from({ length: 1 + (next() % 8) }, () => pieces[next() % pieces.length] ?? 0));
      const k = badUtf8At(b);
      expect(decodes(b.subarray(0, k))).toBe(true);
      expect(decodes(b)).toBe(k === b.length);
    }
  });
});

describe('label and hint', () => {
  it('a wrong type is named as a clerk would name it, not as JavaScript does (array, record)', () => {
    const r = parseEvidenceText(edit('selfScores: { B4: 3 }', 'selfScores: 5'), 'x.yaml');
    const line = problemLine(r.problems[0] as never, 'zh');
    expect(line).toContain('类型不对：应为一组“名称: 值”，实际写的是数字');
    expect(line).not.toMatch(/record|number/);
    const en = problemLine(r.problems[0] as never, 'en');
    expect(en).toContain('wrong type: expected a group of name: value pairs, got a number');
  });
  it('a line-level mistake is labelled by the field at its place: students under school, or under surveys', () => {
    const label = (text: string) => parseEvidenceText(text, 'x.yaml').problems[0]?.label?.zh;
    expect(label(edit('  students: 1000', '  students：1000'))).toBe('在校学生数');
    const survey = '  students：{ population: 100, respondents: 90, satisfied: 85 }\n  parents:';
    expect(label(edit('  parents:', survey))).toBe('学生对家庭成长环境的满意度调查');
    // Under a list item's key: the item's keys are not its parents (ledger[].dates, not type.dates).
    const item = '  - type: lecture\n    dates：[2023-10-12]\n  - { type: lecture';
    expect(label(edit('  - { type: lecture', item))).toBe('日期列表');
    // A key that only one field has keeps its label wherever it is.
    expect(label(edit('  instructors: 2', '  instructors：2'))).toBe('家庭教育指导师人数');
  });
  it('names the field in Chinese and says what to write', () => {
    const r = parseEvidenceText(edit('students: 1000', 'students: 一千'), 'bad.yaml');
    const line = problemLine(r.problems[0] as never, 'zh');
    expect(line).toBe('bad.yaml:5:13 错误 在校学生数（school.students）：“一千”不是数字。写大于 0 的整数，如 1200');
  });
  it('many dates outside the terms: the first five by place, then how many more; a date outside the year is an error', () => {
    const dates = ['2024-01-22', '2024-01-23', '2024-01-24', '2024-01-25', '2024-01-26', '2024-01-29', '2024-01-30'];
    const text = edit(
      '  - { type: lecture, dates: [2023-10-12, 2023-12-07] }',
      `  - { type: lecture, date: 2024-01-20 }\n  - { type: lecture, dates: [${dates.join(', ')}] }\n  - { type: reading, dates: [2023-10-12, 2024-09-02] }`,
    );
    const r = parseEvidenceText(text);
    const codes = r.problems.map((p) => `${p.severity} ${p.code} ${p.path ?? ''}`);
    expect(codes).toEqual([
      'warning date.outsideTerms ledger[0].date',
      ...[0, 1, 2, 3].map((j) => `warning date.outsideTerms ledger[1].dates[${j}]`),
      'error date.outsideYear ledger[2].dates[1]',
      'warning date.outsideTermsMore terms',
    ]);
    expect(r.problems.at(-1)?.params).toEqual({ more: 3, total: 8 });
    expect([r.problems[5]?.line, r.problems[5]?.col]).toEqual([18, 42]);
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
    expect(plain.problems.map((p) => p.code)).toEqual(['value.underscore']);
    expect(withComment.problems.map((p) => p.code)).toEqual(['value.underscore']);
  });
});

describe('one meaning: numbers YAML 1.2 does not read as numbers', () => {
  it.each([
    ['18240.5_0', 'value.underscore'],
    ['1__0', 'value.underscore'],
    ['0x1_F', 'value.notNumber'],
    ['0b101', 'value.notNumber'],
    ['1:20', 'value.notNumber'],
  ])('%s is text to both readers', (input, code) => {
    const plain = parseEvidenceText(edit('spending: 20000', `spending: ${input}`));
    // A %YAML 1.2 directive sends the file to the careful reader and means nothing else.
    const careful = parseEvidenceText(`%YAML 1.2\n---\n${edit('spending: 20000', `spending: ${input}`)}`);
    for (const r of [plain, careful]) {
      expect(r.evidence).toBeUndefined();
      expect(r.problems.map((p) => [p.code, p.params.input])).toEqual([[code, input]]);
    }
  });
  it('%YAML 1.1 is refused, and the file is read as YAML 1.2 for its other mistakes', () => {
    const r = parseEvidenceText(`%YAML 1.1\n---\n${edit('teachingPlan: true', 'teachingPlan: yes')}`);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([
      ['yaml.version', 1],
      ['value.yesNo', 16],
    ]);
  });
  it('%YAML 1.2 changes nothing', () => {
    const r = parseEvidenceText(`%YAML 1.2\n---\n${BASE}`);
    expect(r.problems).toEqual([]);
    expect(r.evidence?.data).toEqual(parseEvidenceText(BASE).evidence?.data);
  });
  it('a value refused as written is not reported again as read', () => {
    const r = parseEvidenceText(edit('spending: 20000', 'spending: .inf'));
    expect(r.problems.map((p) => p.code)).toEqual(['number.notFinite']);
  });
});

describe('no warning of the YAML reader reaches stderr', () => {
  it('a complex key is a located problem, not a Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const r = parseEvidenceText(edit('facts:', '? [a, b]\n: 1\n? { c: 1 }\n: 2\nfacts:'));
      expect(r.problems.map((p) => [p.code, p.line, p.col])).toEqual([
        ['yaml.complexKey', 11, 3],
        ['yaml.complexKey', 13, 3],
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('a full-width comma is a mistake only where YAML misreads it', () => {
  it.each([
    ['plain text', '  name: 第2，3年级家长学校'],
    ['quoted text', '  name: "第2，3年级家长学校"'],
  ])('in %s it is text', (_n, line) => {
    const r = parseEvidenceText(edit('  name: 测试小学', line));
    expect(r.problems).toEqual([]);
    expect(r.evidence?.data.school.name).toBe('第2，3年级家长学校');
  });
  it('in quotes inside [ ] or { } it is text', () => {
    const r = parseEvidenceText(
      edit('dates: [2023-10-12, 2023-12-07] }', 'dates: [2023-10-12], title: "第2，3年级" }'),
    );
    expect(r.problems).toEqual([]);
    expect(r.evidence?.records[0]?.fields.title).toBe('第2，3年级');
  });
  it('between the items of [ ], also on a continuation line, it is refused', () => {
    const r = parseEvidenceText(
      edit('dates: [2023-10-12, 2023-12-07]', 'dates: [2023-10-12,\n      2023-12-07，2024-03-01]'),
    );
    expect(r.problems.map((p) => [p.code, p.line, p.col])).toEqual([['yaml.fullWidthComma', 17, 17]]);
  });
  it('in a rubric text copied from a notice it is text', () => {
    const text = readFileSync('rubric/wuzhong-2019.yaml', 'utf8').replace(
      '  - 每项核查只有通过或不通过',
      '  - 县级2，市级4。每项核查只有通过或不通过',
    );
    expect(text).toContain('县级2，市级4。');
    expect(loadRubricText(text).problems).toEqual([]);
  });
});
