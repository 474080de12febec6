// Clerks' mistakes (issue 11, item 7): Chinese keys and record types get the English name they stand for,
// UTF-16 files from Notepad are read, hints give plausible examples, and no record type is named twice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/base/problem.js';
import { byChineseName } from '../src/evidence/issues.js';
import { labelAt } from '../src/evidence/labels.js';
import { parseEvidenceBytes, parseEvidenceText } from '../src/evidence/parse.js';
import { evidenceSchema, RECORD_TYPES } from '../src/evidence/schema.js';
import { problemText } from '../src/i18n/messages.js';
import { decodeBytes } from '../src/io/decode.js';
import { defaultRubric } from '../src/rubric/default.js';
import { parseSchoolText } from '../src/validation/school.js';
import { validateEvidence } from '../src/validation/validate.js';

const TYPICAL = readFileSync('examples/schools/typical-primary.yaml', 'utf8');

/** The typical school with one line changed; fails the test if the line is not there. */
function edit(from: string, to: string): string {
  expect(TYPICAL).toContain(from);
  return TYPICAL.replace(from, to);
}

const problemsOf = (text: string): Problem[] => parseEvidenceText(text, 'school.yaml').problems;
const errors = (text: string) => problemsOf(text).filter((p) => p.severity === 'error');

describe('a key written by its Chinese label', () => {
  it.each([
    ['指导师人数: 2', '  instructors: 3 ', 'facts.指导师人数', 'instructors（家庭教育指导师人数）'],
    ['指导师: 2', '  instructors: 3 ', 'facts.指导师', 'instructors（家庭教育指导师人数）'],
    ['讲师人数: 8', '  lecturers: 8 ', 'facts.讲师人数', 'lecturers（家庭教育讲师人数）'],
    ['经费: 18240', '  spending: 18240', 'facts.经费', 'spending（家庭教育经费实际支出（元））'],
    [
      '家委会班级数: 22',
      '  classesWithCommittee: 22',
      'facts.家委会班级数',
      'classesWithCommittee（建立家长委员会的班级数）',
    ],
    ['班级数: 24', '  classes: 24 ', 'school.班级数', 'classes（班级数）'],
    ['学生数: 1200', '  students: 1200 ', 'school.学生数', 'students（在校学生数）'],
  ])('%s → the one English key, not the list', (written, line, path, meant) => {
    const text = edit(line, `  ${written} `);
    const found = errors(text).find((p) => p.path === path);
    expect(found?.code).toBe('key.chinese');
    const zh = problemText(found as Problem, 'zh');
    expect(zh).toContain(`字段名要写英文：写作 ${meant}`);
    // No dump of every key of the object.
    expect(zh).not.toContain('developmentPlanProject');
    expect(zh).not.toContain('可用的字段');
    const en = problemText(found as Problem, 'en');
    expect(en).toContain(`keys are English: write ${meant.split('（')[0]} (`);
  });

  it('is located at the key, line and column', () => {
    const text = edit('  instructors: 3 ', '  指导师人数: 2 ');
    const line = text.split('\n').findIndex((l) => l.includes('指导师人数')) + 1;
    expect(errors(text).find((p) => p.code === 'key.chinese')).toMatchObject({ line, col: 3, file: 'school.yaml' });
  });

  it('keeps the list of keys where no label comes near', () => {
    const found = errors(edit('  instructors: 3 ', '  天气: 2 ')).find((p) => p.path === 'facts.天气');
    expect(found?.code).toBe('key.unknown');
    expect(problemText(found as Problem, 'zh')).toContain('可用的字段：developmentPlanProject');
  });

  it('an English near miss still gets "did you mean"', () => {
    const found = errors(edit('  instructors: 3 ', '  instructor: 3 ')).find((p) => p.path === 'facts.instructor');
    expect(found).toMatchObject({ code: 'key.unknownSuggest', params: { suggestion: 'instructors' } });
  });
});

describe('a record type written by its Chinese name', () => {
  const typeProblem = (type: string) => {
    const found = errors(edit('{ type: lecture, dates', `{ type: ${type}, dates`)).filter((p) =>
      p.path?.endsWith('.type'),
    );
    expect(found).toHaveLength(1);
    return found[0] as Problem;
  };

  it.each([
    ['讲座', 'lecture（专题培训讲座）'],
    ['专题讲座', 'lecture（专题培训讲座）'],
    ['家长会', 'parentMeeting（家长会）'],
    ['开放日', 'openDay（校园开放日）'],
    ['接待', 'receptionDay（接待日）'],
    ['社区指导', 'community（社区家庭教育指导）'],
    ['家委会案例', 'committeeCase（家委会解决问题案例）'],
  ])('type: %s → %s', (type, meant) => {
    const p = typeProblem(type);
    expect(p.code).toBe('value.chinese');
    const zh = problemText(p, 'zh');
    expect(zh).toBe(`台账类型（${p.path}）：“${type}”要写英文名称：写作 ${meant}`);
  });

  it('two equally close types are both named (读书活动: reading or onlineReading)', () => {
    const zh = problemText(typeProblem('读书活动'), 'zh');
    expect(zh).toContain('写作 reading（家庭教育读书活动） 或 onlineReading（线上主题读书活动）');
  });

  it('a type near nothing lists the types once, each with its Chinese name', () => {
    const p = typeProblem('其他');
    expect(p.code).toBe('value.enum');
    const zh = problemText(p, 'zh');
    // Before: the list in the message and again in the hint.
    expect(zh.match(/committeeCase/g)).toHaveLength(1);
    expect(zh).toContain('lecture（专题培训讲座）');
    // In English (no Chinese hint) the message itself lists them, once.
    expect(problemText(p, 'en').match(/committeeCase/g)).toHaveLength(1);
  });

  it('a stage written short (九年一贯制) is matched to its value', () => {
    const p = errors(edit('  stage: primary ', '  stage: 九年一贯制 ')).find((x) => x.path === 'school.stage');
    expect(problemText(p as Problem, 'zh')).toContain('写作 nine-year（九年一贯制学校）');
  });
});

describe('byChineseName', () => {
  const types = Object.entries(RECORD_TYPES).map(([key, v]) => ({ key, ...v }));
  it('prefers the label itself, then the closest containing one', () => {
    expect(byChineseName('家长作业', types).map((t) => t.key)).toEqual(['homework']);
    expect(byChineseName('作业', types).map((t) => t.key)).toEqual(['homework']);
  });
  it('finds nothing for ASCII, single characters, or unrelated words', () => {
    expect(byChineseName('lecture', types)).toEqual([]);
    expect(byChineseName('会', types)).toEqual([]);
    expect(byChineseName('天气预报', types)).toEqual([]);
  });
});

describe('UTF-16 files (Notepad "Unicode")', () => {
  const le = (text: string, bom = true) =>
    Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
  const be = (text: string, bom = true) => {
    const b = Buffer.from(text, 'utf16le');
    b.swap16();
    return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), b]);
  };

  it.each([
    ['little-endian with BOM', le(TYPICAL), 'UTF-16LE'],
    ['big-endian with BOM', be(TYPICAL), 'UTF-16BE'],
    ['little-endian without BOM', le(TYPICAL, false), 'UTF-16LE'],
    ['big-endian without BOM', be(TYPICAL, false), 'UTF-16BE'],
  ])('%s: decoded to the same evidence, with a note naming the encoding', (_, bytes, encoding) => {
    const parsed = parseEvidenceBytes(bytes, 'school.yaml');
    const utf8 = parseEvidenceText(TYPICAL, 'school.yaml');
    expect(parsed.evidence?.data).toEqual(utf8.evidence?.data);
    const notes = parsed.problems.filter((p) => p.code.startsWith('file.'));
    expect(notes).toEqual([
      expect.objectContaining({ severity: 'info', code: 'file.utf16', params: expect.objectContaining({ encoding }) }),
    ]);
    const zh = problemText(notes[0] as Problem, 'zh');
    expect(zh).toContain(`文件是 ${encoding} 编码`);
    expect(zh).toContain('建议另存为 UTF-8');
    expect(zh).not.toContain('二进制');
  });

  it('the same school scores the same from UTF-16 as from UTF-8, positions included', () => {
    const text = edit('  instructors: 3 ', '  指导师人数: 2 ');
    const fromUtf16 = parseEvidenceBytes(le(text), 'school.yaml').problems.filter((p) => p.severity === 'error');
    expect(fromUtf16).toEqual(errors(text));
    const rubric = defaultRubric();
    expect(parseSchoolText(TYPICAL, rubric, 'a.yaml').evidence).toBeDefined();
  });

  it('an odd byte count is named as broken UTF-16 with advice, not as binary', () => {
    const d = decodeBytes(Buffer.concat([le('school:\n  name: 甲\n'), Buffer.from([0x41])]));
    expect(d.text).toBeUndefined();
    expect(d.problems).toMatchObject([{ severity: 'error', code: 'file.utf16Broken' }]);
    expect(problemText(d.problems[0] as Problem, 'zh')).toContain('另存为');
  });

  it('a binary file with scattered NULs is still binary', () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00, 0x9c, 0x37]);
    expect(decodeBytes(bytes).problems).toMatchObject([{ code: 'file.binary' }]);
    // UTF-16 by its look, yet holding NUL characters: not text either.
    expect(decodeBytes(le('a\u0000b\u0000c')).problems).toMatchObject([{ code: 'file.binary' }]);
  });

  it('the shipped binary fixture is still called binary', () => {
    const d = decodeBytes(readFileSync('test/fixtures/bad/binary.yaml'));
    expect(d.problems.map((p) => p.code)).toEqual(['file.binary']);
  });
});

describe('hints give plausible examples', () => {
  const hintOf = (path: (string | number)[]) => labelAt(evidenceSchema(), path)?.hint ?? '';
  const example = (path: (string | number)[]) => Number(/如 (\d+(?:\.\d+)?)/.exec(hintOf(path))?.[1]);

  it.each([
    [['school', 'classes'], 10, 80],
    [['school', 'students'], 300, 3000],
    [['school', 'households'], 300, 3000],
    [['facts', 'instructors'], 1, 10],
    [['facts', 'lecturers'], 5, 30],
    [['facts', 'volunteers'], 1, 100],
    [['facts', 'spending'], 10000, 100000],
    [['facts', 'classesWithCommittee'], 10, 80],
    [['facts', 'safetyIncidents'], 0, 2],
    [['outcomes', 'complaints', 'current'], 0, 20],
    [['outcomes', 'examAverage', 'current'], 50, 100],
  ])('%j: its example lies in [%i, %i]', (path, low, high) => {
    const n = example(path);
    expect(n).toBeGreaterThanOrEqual(low);
    expect(n).toBeLessThanOrEqual(high);
  });

  it('a class count in error is shown a class count, not 1200', () => {
    const p = errors(edit('  classes: 24 ', '  classes: 0 ')).find((x) => x.path === 'school.classes');
    expect(problemText(p as Problem, 'zh')).toMatch(/如 24$/);
  });
});

describe('no record type or field named twice', () => {
  const noLedger = () => {
    const start = TYPICAL.indexOf('\nledger:');
    const end = TYPICAL.indexOf('\nprojects:');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    return `${TYPICAL.slice(0, start)}\n${TYPICAL.slice(end)}`;
  };

  const validate = (text: string) =>
    validateEvidence(Buffer.from(text), 'examples/schools/typical-primary.yaml', defaultRubric(), { strict: false });

  it('validate asks once for homework records, never "家长作业、家长作业"', () => {
    const { problems } = validate(noLedger());
    const texts = problems.filter((p) => p.code === 'missing.records').map((p) => problemText(p, 'zh'));
    expect(texts.join('\n')).not.toContain('家长作业、家长作业');
    expect(texts.join('\n')).not.toContain('homework, homework');
    expect(texts.filter((t) => t.includes('“家长作业”'))).toHaveLength(1);
  });

  it('no message of any file repeats a word in a list', () => {
    for (const text of [noLedger(), readFileSync('test/fixtures/bad/many-mistakes.yaml', 'utf8')]) {
      const { problems } = validate(text);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems)
        for (const lang of ['zh', 'en'] as const) {
          const t = problemText(p, lang);
          expect(t).not.toMatch(/([\p{Script=Han}\w]{2,})[、,] ?\1(?![\p{Script=Han}\w])/u);
        }
    }
  });
});
