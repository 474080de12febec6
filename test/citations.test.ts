// Evidence citations: a failed check names the file and line of the evidence behind it. The engine cites
// paths; the report resolves them to lines where the document's positions are known; formats show them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreEvidence } from '../src/engine/score.js';
import { scoreSchool } from '../src/index.js';
import { FORMATS } from '../src/render/formats.js';
import type { Sheet, SheetCheck } from '../src/report/sheet.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';
import { sheetOf, typicalSheet } from './format-fixtures.js';

const TYPICAL = 'examples/schools/typical-primary.yaml';
const typicalLines = readFileSync(TYPICAL, 'utf8').split('\n');
const lineText = (n: number) => typicalLines[n - 1] ?? '';
const plain = { red: String, yellow: String, green: String, dim: String, bold: String };
/** A table's text without its grid and line breaks, so that a wrapped cell reads as one string. */
const flat = (s: string) => s.replace(/[│\s]+/g, '');

function check(sheet: Sheet, id: string): SheetCheck {
  const c = sheet.indicators.flatMap((b) => b.items.flatMap((i) => i.checks)).find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
}

async function render(name: string, sheet: Sheet, lang: 'zh' | 'en' = 'zh'): Promise<string> {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) throw new Error(name);
  return String(await format.sheet(sheet, { lang, paint: plain, width: 100, details: false }));
}

function jiaxiao(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'jiaxiao-cites-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('what a failed check cites', () => {
  const sheet = typicalSheet();

  it('B4.1a: the spending fact’s line and the student count’s', () => {
    const c = check(sheet, 'B4.1a');
    expect(c.cites).toEqual([
      { path: 'facts.spending', line: 44 },
      { path: 'school.students', line: 14 },
    ]);
    expect(lineText(44)).toMatch(/^\s+spending: 18240\b/);
    expect(lineText(14)).toMatch(/^\s+students: 1200\b/);
  });

  it('B6.4c: the reading activity written without a summary, by its ledger entry', () => {
    const c = check(sheet, 'B6.4c');
    expect(c.cites).toEqual([{ path: 'ledger[4]', line: 62 }]);
    expect(lineText(62)).toContain('type: reading');
    expect(lineText(62)).not.toContain('summarized');
  });

  it('a record in a block entry: the line of its "- type:"', () => {
    // The homework entry (a block, lines 54–59) not graded: B6.2b fails and cites the entry.
    const text = readFileSync(TYPICAL, 'utf8').replace(/graded: true {17}#/, 'graded: false                #');
    const parsed = parseSchoolText(text, defaultRubric(), 'school.yaml');
    if (!parsed.evidence || !parsed.source) throw new Error('school');
    const s = scoreSchool(defaultRubric(), parsed.evidence, { file: 'school.yaml', source: parsed.source });
    const c = check(s, 'B6.2b');
    expect(c.passed).toBe(false);
    expect(c.cites).toEqual([{ path: 'ledger[1]', line: 54 }]);
    expect(lineText(54)).toContain('- type: homework');
  });

  it('a fact, a trend, a list: each the line it was written on', () => {
    expect(check(sheet, 'B3.1b').cites).toEqual([{ path: 'facts.lecturers', line: 41 }]);
    expect(lineText(41)).toMatch(/^\s+lecturers: 8\b/);
    // This year's exam average and last year's, both on one line.
    expect(check(sheet, 'B10.1a').cites.map((c) => [c.path, c.line])).toEqual([
      ['outcomes.examAverage.current', 95],
      ['outcomes.examAverage.previous', 95],
    ]);
    expect(lineText(95)).toContain('examAverage: { current: 83.2');
    // The projects are there but too old: the list is cited (its key's line), from inside the any-of.
    expect(check(sheet, 'B8.2a').cites).toEqual([{ path: 'projects', line: 86 }]);
    expect(lineText(86)).toMatch(/^projects:/);
  });

  it('nothing where a reason already names it (months, weeks, counts per term) or a pass', () => {
    // The months with no homework are named in the reason itself.
    expect(check(sheet, 'B6.2a').cites).toEqual([]);
    expect(check(sheet, 'B6.2a').reason.zh).toContain('缺 2023-12、2024-03');
    expect(check(sheet, 'B6.3a').cites).toEqual([]);
    for (const c of sheet.indicators.flatMap((b) => b.items.flatMap((i) => i.checks)).filter((x) => x.passed))
      expect(c.cites, c.id).toEqual([]);
  });

  it('is a path from the engine, which knows no positions', () => {
    const parsed = parseSchoolText(readFileSync(TYPICAL, 'utf8'), defaultRubric(), TYPICAL);
    if (!parsed.evidence) throw new Error('school');
    const scored = scoreEvidence(defaultRubric(), parsed.evidence);
    const b41a = scored.groups
      .flatMap((g) => g.indicators.flatMap((b) => b.items.flatMap((i) => i.checks)))
      .find((c) => c.check.id === 'B4.1a');
    expect(b41a?.finding.cites).toEqual([
      ['facts', 'spending'],
      ['school', 'students'],
    ]);
    // Without the document (the API with evidence alone): no citations, no file.
    const bare = scoreSchool(defaultRubric(), parsed.evidence);
    expect(bare.evidenceFile).toBeNull();
    expect(check(bare, 'B4.1a').cites).toEqual([]);
  });

  it('the sample rubric: a tier below the top cites the figure it was read from', () => {
    const rubric = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8')).rubric;
    if (!rubric) throw new Error('rubric');
    const file = 'test/fixtures/sample-rubric/schools/c-primary.yaml';
    const c = check(sheetOf(file, rubric), 'B5.1a');
    expect(c.passed).toBe(true);
    expect(c.cites.map((x) => x.path)).toEqual(['surveys.parents.satisfied', 'surveys.parents.respondents']);
    expect(readFileSync(file, 'utf8').split('\n')[(c.cites[0]?.line ?? 0) - 1]).toContain('parents:');
  });
});

describe('where citations show', () => {
  it('table: after the reason, zh and en', async () => {
    const zh = flat(await render('table', typicalSheet()));
    expect(zh).toContain(flat('要求 ≥ 20 元（见 typical-primary.yaml 第 14、44 行）'));
    expect(zh).toContain(flat('要求全部（见 typical-primary.yaml 第 62 行）'));
    const en = flat(await render('table', typicalSheet(), 'en'));
    expect(en).toContain(flat('required: all (see typical-primary.yaml:62)'));
    expect(en).toContain(flat('required ≥ 10 (see typical-primary.yaml:41)'));
  });

  it('JSON: each check’s cites and the file they point into', async () => {
    const j = JSON.parse(await render('json', typicalSheet()));
    expect(j.evidenceFile).toBe(TYPICAL);
    const b4 = j.indicators.find((b: { id: string }) => b.id === 'B4');
    expect(b4.items[0].checks[0].cites).toEqual([
      { path: 'facts.spending', line: 44 },
      { path: 'school.students', line: 14 },
    ]);
    const gain = j.gains.find((g: { id: string }) => g.id === 'B6.4c');
    expect(gain.cites).toEqual([{ path: 'ledger[4]', line: 62 }]);
  });

  it('HTML: beside the reason', async () => {
    const out = await render('html', typicalSheet());
    expect(out).toContain('<span class="cite">（见 typical-primary.yaml 第 62 行）</span></li>');
    expect(out).toContain('<span class="cite">（见 typical-primary.yaml 第 14、44 行）</span></li>');
  });

  it('many lines: six named, the rest counted', async () => {
    const sheet = typicalSheet();
    const c = check(sheet, 'B4.1a');
    c.cites = [9, 3, 8, 1, 7, 2, 3, 5].map((line) => ({ path: `x${line}`, line }));
    expect(flat(await render('table', sheet))).toContain(
      flat('（见 typical-primary.yaml 第 1、2、3、5、7、8 行 等 7 处）'),
    );
    const en = await render('markdown', sheet, 'en');
    expect(en).toContain('(see typical-primary.yaml:1, 2, 3, 5, 7, 8 and 1 more)\n');
  });

  it('a hostile file name is escaped in every format that shows it', async () => {
    const sheet = typicalSheet();
    // A folder and a name: the name is shown (a sheet is about one file), escaped.
    sheet.evidenceFile = 'up/<img src=x onerror=alert(1)>\u001b[31m\u202e.yaml';
    const table = await render('table', sheet);
    expect(flat(table)).toContain(flat('（见 <img src=x onerror=alert(1)>\\e[31m\\u202E.yaml 第 62 行）'));
    expect(table.includes('\u001b') || table.includes('\u202e')).toBe(false);
    const html = await render('html', sheet);
    expect(html).not.toContain('<img');
    expect(html).toContain('（见 &lt;img src=x onerror=alert(1)&gt;\\e[31m\\u202E.yaml 第 62 行）');
    const md = await render('markdown', sheet);
    expect(md).not.toContain('<img');
    // Markdown shows the escapes as written: its own escaping backslash-escapes \ and [.
    expect(md).toContain('onerror=alert(1)&gt;\\\\e\\[31m\\\\u202E.yaml 第 62 行）');
    const json = await render('json', sheet);
    expect(JSON.parse(json).evidenceFile).toBe(sheet.evidenceFile);
    expect(json.includes('\u001b') || json.includes('\u202e')).toBe(false);
  });

  it('through the CLI, with a file name from the disk', () => {
    const name = 'a<b>&c.yaml';
    copyFileSync(TYPICAL, join(tmp, name));
    const r = jiaxiao(['score', join(tmp, name), '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('（见 a&lt;b&gt;&amp;c.yaml 第 41 行）');
    const t = jiaxiao(['score', join(tmp, name)]);
    expect(t.out).toContain('（见 a<b>&c.yaml 第 41 行）');
  });

  it('a batch’s sheets with --out cite their own files', () => {
    const out = join(tmp, 'out');
    const r = jiaxiao(['score', 'examples/county', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.json') && !f.startsWith('summary'),
    );
    expect(files.length).toBeGreaterThan(0);
    let cited = 0;
    for (const f of files) {
      const j = JSON.parse(readFileSync(join(out, f), 'utf8'));
      expect(j.evidenceFile).toMatch(/^examples\/county\/.+\.yaml$/);
      const lines = readFileSync(j.evidenceFile, 'utf8').split('\n');
      for (const b of j.indicators)
        for (const i of b.items)
          for (const c of i.checks)
            for (const cite of c.cites) {
              // The cited line holds the key the path ends in (or starts the ledger entry).
              const key = String(cite.path.split('.').at(-1)).replace(/\[\d+\]$/, '');
              expect(lines[cite.line - 1], `${f} ${c.id} ${cite.path}`).toMatch(
                key === 'ledger' ? /^\s*- / : new RegExp(`\\b${key}\\b`),
              );
              cited++;
            }
    }
    expect(cited).toBeGreaterThan(10);
  });
});
