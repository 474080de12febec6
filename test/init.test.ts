// `jiaxiao init`: the evidence template — every field, the 要点 each feeds, blanks and 【待填】 examples that
// validate as incomplete (warnings only) and score low, a modeline that resolves beside the file, no overwrite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { academicYearOf, stageNamed } from '../src/cli/commands/init.js';
import { evidenceFields } from '../src/evidence/field-list.js';
import { evidenceJsonSchemaText } from '../src/evidence/json-schema.js';
import { parseEvidenceText } from '../src/evidence/parse.js';
import { STAGES } from '../src/evidence/schema.js';
import { evidenceTemplate } from '../src/render/template.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { fieldMap, idsFor } from '../src/validation/field-map.js';
import { validateEvidence } from '../src/validation/validate.js';

const TODAY = { JIAXIAO_TODAY: '2024-03-01' };
const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jiaxiao(args: string[], env: Record<string, string> = TODAY) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const template = (stage: (typeof STAGES)[number], lang: 'zh' | 'en' = 'zh') =>
  evidenceTemplate({
    rubric: defaultRubric(),
    stage,
    year: '2023-2024',
    lang,
    stageGiven: true,
    yearGiven: true,
    schemaFile: 'evidence.schema.json',
  });

/** The template with its example entries (`# - { … }`) uncommented. */
const uncommented = (text: string) => text.replace(/^(\s*)# (- \{.*)$/gm, '$1$2');

/** Every key path of a YAML value, list indices as []. */
function pathsOf(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((v) => [
      ...(v !== null && typeof v === 'object' ? [`${prefix}[]`] : []),
      ...pathsOf(v, `${prefix}[]`),
    ]);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return [p, ...pathsOf(v, p)];
  });
}

describe('jiaxiao init on every stage', () => {
  it.each(STAGES)('%s: validate gives warnings only (exit 0; 1 under --strict), score gives 0 (exit 0)', (stage) => {
    const file = join(dir, `fresh-${stage}.yaml`);
    const made = jiaxiao(['init', '--stage', stage, '-o', file]);
    expect(made.code).toBe(0);
    expect(made.err).toContain(file);

    const v = jiaxiao(['validate', file, '--format', 'json']);
    expect(v.code).toBe(0);
    const problems = JSON.parse(v.out).files[0].problems as { severity: string; code: string; path?: string }[];
    expect(problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    const codes = new Set(problems.map((p) => p.code));
    expect([...codes].sort()).toEqual(['missing.field', 'missing.records', 'template.placeholder']);
    // The required fields hold marked examples, each named.
    expect(problems.filter((p) => p.code === 'template.placeholder').map((p) => p.path)).toEqual([
      'school.name',
      'school.county',
      'school.students',
      'school.classes',
      'terms[0]',
      'terms[1]',
    ]);
    expect(jiaxiao(['validate', file, '--strict']).code).toBe(1);

    const s = jiaxiao(['score', file, '--format', 'json']);
    expect(s.code).toBe(0);
    const sheet = JSON.parse(s.out);
    expect(sheet.total).toBe(0);
    expect(sheet.school.stage).toBe(stage);
    expect(sheet.max).toBe(stage === 'kindergarten' ? 95 : 100);
  });

  it('takes the Chinese names, with or without 学校, and the English ones', () => {
    expect(stageNamed('幼儿园')).toBe('kindergarten');
    expect(stageNamed('九年一贯制')).toBe('nine-year');
    expect(stageNamed('九年一贯制学校')).toBe('nine-year');
    expect(stageNamed('完全中学')).toBe('complete');
    expect(stageNamed('junior')).toBe('junior');
    expect(stageNamed('senior secondary school')).toBe('senior');
    expect(stageNamed('大学')).toBeUndefined();
    const r = jiaxiao(['init', '--stage', '大学']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知学段 大学');
    expect(r.out).toBe('');
  });
});

describe('the template', () => {
  it.each(STAGES)('%s: holds every field of the evidence file (examples uncommented), and parses so', (stage) => {
    const text = uncommented(template(stage));
    const written = new Set(pathsOf(parse(text)));
    const missing = evidenceFields()
      .map((r) => r.path)
      .filter((p) => !written.has(p));
    expect(missing).toEqual([]);
    // The examples are valid entries: uncommented, they parse with no errors.
    const parsed = parseEvidenceText(text, 't.yaml');
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parsed.evidence?.records.length).toBeGreaterThan(13);
  });

  it('names the 要点 each field feeds, as the rubric reads them', () => {
    const text = template('primary');
    const comment = (key: string) => {
      const line = text.split('\n').find((l) => new RegExp(`^\\s*${key}:`).test(l));
      return line?.slice(line.indexOf('#')) ?? '';
    };
    expect(comment('instructors')).toMatch(/家庭教育指导师人数.*→ B3\.1$/);
    expect(comment('spending')).toMatch(/→ B4\.1$/);
    expect(comment('students')).toMatch(/→ B4\.1、B10\.2$/);
    expect(comment('households')).toMatch(/→ B9\.1$/);
    expect(comment('safetyIncidents')).toMatch(/本细则不计分/);
    expect(text).toMatch(/# - \{ type: homework,.*assigned: 1180.*\} # 家长作业 → B6\.2$/m);
    expect(text).toMatch(/# - \{ type: course,.*form: .*reached: .*\} # 家庭教育指导课程或菜单 → B9\.1$/m);
    // Every comment's 要点 are those of the field map, field by field.
    const map = fieldMap(defaultRubric(), 'primary');
    for (const r of evidenceFields().filter((f) => f.path.startsWith('facts.'))) {
      const ids = idsFor(map, r.path);
      const c = comment(r.path.slice('facts.'.length));
      if (ids.length > 0) expect(c.endsWith(`→ ${ids.join('、')}`), r.path).toBe(true);
      else expect(c).toContain('不计分');
    }
  });

  it('says what does not apply to the stage: a kindergarten is not scored on exams', () => {
    const text = template('kindergarten');
    expect(text).toMatch(/^ {2}examAverage: +# 统测平均分 （幼儿园不计分）$/m);
    expect(template('primary')).toMatch(/^ {2}examAverage: +# 统测平均分 → B10\.1$/m);
  });

  it('follows a rubric given with --rubric: its own map and indicators', () => {
    const rubricText = readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8');
    const loaded = loadRubricText(rubricText, 'rubric.yaml');
    if (!loaded.rubric) throw new Error('sample rubric invalid');
    const map = fieldMap(loaded.rubric, 'primary');
    expect(idsFor(map, 'awards')).toContain('B6.1');
    expect(idsFor(map, 'facts.safetyIncidents')).toContain('V1');
    const r = jiaxiao(['init', '--rubric', 'test/fixtures/sample-rubric/rubric.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^awards: +# 荣誉表彰 → B6\.1$/m);
    expect(r.out).toMatch(/^ {2}safetyIncidents: .*→ V1$/m);
  });

  it('is the same bytes for the same arguments and day; the year is the one the day falls in', () => {
    const a = jiaxiao(['init', '--name', '利通区第一小学']);
    const b = jiaxiao(['init', '--name', '利通区第一小学']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/^year: 2023-2024 /m);
    expect(a.out).toMatch(/^ {2}name: "利通区第一小学" +# 学校名称$/m);
    expect(a.out).toContain('未指定 --stage，默认为小学');
    expect(jiaxiao(['init'], { JIAXIAO_TODAY: '2024-09-01' }).out).toMatch(/^year: 2024-2025 /m);
    expect(jiaxiao(['init', '--year', '2022-2023']).out).toMatch(/^year: 2022-2023 /m);
    expect(jiaxiao(['init', '--year', '2022-2024']).code).toBe(2);
    expect(academicYearOf('2024-08-31')).toBe('2023-2024');
    expect(academicYearOf('2024-09-01')).toBe('2024-2025');
  });

  it('writes a name as a YAML string, whatever its characters', () => {
    const r = jiaxiao(['init', '--name', 'a: "b" # c']);
    expect(r.code).toBe(0);
    expect(parse(r.out).school.name).toBe('a: "b" # c');
    expect(jiaxiao(['init', '--name', 'x\u001b[2J']).code).toBe(2);
  });

  it('in English: English comments, the same fields', () => {
    const r = jiaxiao(['init', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}instructors: +# family-education instructors: a whole number → B3\.1$/m);
    expect(r.out).not.toContain('怎么填');
    expect(r.out).toContain('How to fill it in:');
    const paths = (text: string) => [...new Set(pathsOf(parse(uncommented(text))))].sort();
    expect(paths(r.out)).toEqual(paths(template('primary')));
  });
});

describe('the schema modeline and file', () => {
  it('names evidence.schema.json beside the template, and -o writes it there when absent', () => {
    const sub = mkdtempSync(join(dir, 'modeline-'));
    const file = join(sub, '2023-2024.yaml');
    expect(jiaxiao(['init', '-o', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=evidence.schema.json');
    expect(readFileSync(join(sub, 'evidence.schema.json'), 'utf8')).toBe(evidenceJsonSchemaText());
    // A second template in the folder leaves the schema file as it is.
    writeFileSync(join(sub, 'evidence.schema.json'), '{}\n');
    expect(jiaxiao(['init', '-o', join(sub, 'other.yaml')]).code).toBe(0);
    expect(readFileSync(join(sub, 'evidence.schema.json'), 'utf8')).toBe('{}\n');
  });

  it('the JSON Schema accepts a fresh template, blanks and all, as editors read it', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(evidenceJsonSchemaText()));
    for (const stage of STAGES) {
      expect(validate(parse(template(stage))), stage).toBe(true);
      expect(validate(parse(uncommented(template(stage)))), stage).toBe(true);
    }
  });

  it('is in the package', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).files).toContain('schema');
  });
});

describe('-o refuses to overwrite', () => {
  it('leaves an existing file as it was, exit 2, and says so', () => {
    const file = join(dir, 'taken.yaml');
    writeFileSync(file, 'school: {}\n');
    const r = jiaxiao(['init', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file} 已存在，没有覆盖`);
    expect(readFileSync(file, 'utf8')).toBe('school: {}\n');
    expect(jiaxiao(['init', '-o', file, '--lang', 'en']).err).toContain('exists and was not overwritten');
  });

  it('reports a folder it cannot write to, exit 2, and leaves no temporary', () => {
    const file = join(dir, 'no-such-folder', 'x.yaml');
    const r = jiaxiao(['init', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法写入');
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });
});

describe('blanks and 【待填】 in any evidence file', () => {
  const base = `school: { name: 测试小学, county: 利通区, stage: primary, students: 1000, classes: 20 }
year: 2023-2024
terms:
  - { start: 2023-09-01, end: 2024-01-19 }
  - { start: 2024-02-26, end: 2024-07-05 }
`;
  const problems = (text: string) =>
    validateEvidence(new TextEncoder().encode(text), 'x.yaml', defaultRubric(), { strict: false }).problems;

  it('a blank optional field, or a section of blanks, is missing data (a warning), not an error', () => {
    const p = problems(
      `${base}facts:\n  instructors:\n  lecturers: 12\nsurveys:\n  parents: { population: , respondents: , satisfied: }\n`,
    );
    expect(p.filter((x) => x.severity === 'error')).toEqual([]);
    expect(p.find((x) => x.path === 'facts.instructors')?.code).toBe('missing.field');
    expect(p.find((x) => x.path === 'surveys.parents.satisfied')?.code).toBe('missing.field');
  });

  it('a blank field with a comment after it is placed at its key, not where the comment starts', () => {
    const text = `${base}facts:\n  instructors:                 # 家庭教育指导师人数\n  lecturers: 12\n`;
    const line = text.split('\n').findIndex((l) => l.startsWith('  instructors:')) + 1;
    const blank = problems(text).find((x) => x.path === 'facts.instructors');
    expect(blank).toMatchObject({ code: 'missing.field', line, col: 3 });
  });

  it('a blank among filled fields of a section, or a blank required field, is still an error', () => {
    const partial = problems(`${base}surveys:\n  parents: { population: 100, respondents: , satisfied: 80 }\n`);
    expect(partial.filter((x) => x.severity === 'error').map((x) => [x.path, x.code])).toEqual([
      ['surveys.parents.respondents', 'value.empty'],
    ]);
    const required = problems(base.replace('students: 1000', 'students: '));
    expect(required.filter((x) => x.severity === 'error').map((x) => x.path)).toEqual(['school.students']);
  });

  it("【待填】 is a warning on a value's line only, not in a comment of its own", () => {
    const p = problems(`# 【待填】 instructions\n${base.replace('classes: 20 }', 'classes: 20 }   # 【待填】')}`);
    const marked = p.filter((x) => x.code === 'template.placeholder');
    expect(marked.map((x) => [x.line, x.path])).toEqual([[2, 'school']]);
  });
});
