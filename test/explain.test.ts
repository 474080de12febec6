// `jiaxiao explain`: the tree, an id's requirements with their numbers, the fields they read, a YAML fragment
// that parses, validates and passes, in both languages and as JSON; unknown ids refused with suggestions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { add, cmp, type Exact, exact, ZERO } from '../src/base/exact.js';
import type { Rubric } from '../src/engine/model.js';
import { evidenceFields } from '../src/evidence/field-list.js';
import { scoreSchool } from '../src/index.js';
import { renderExplainJson, renderExplainText, snippetText } from '../src/render/explain.js';
import { width } from '../src/render/text.js';
import { type Explanation, explain, explainableIds, fieldFeeds } from '../src/report/explain.js';
import type { SnippetLine } from '../src/report/explain-example.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricText } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';
import { baseEvidence, rubricAround } from './helpers.js';

const identity = (s: string) => s;
const PAINT = { red: identity, yellow: identity, green: identity, dim: identity, bold: identity };
const text = (e: Explanation, lang: 'zh' | 'en' = 'zh', w = 100) =>
  renderExplainText(e, { lang, width: w, paint: PAINT });

const sample = (): Rubric => {
  const loaded = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8'), 'sample.yaml');
  if (!loaded.rubric) throw new Error('sample rubric invalid');
  return loaded.rubric;
};

function jiaxiao(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Deep merge of a fragment into the base evidence: objects merge, anything else replaces. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** The fragment as the reader sees it (comments and all), read back as YAML and put into a whole file. */
function schoolWith(lines: SnippetLine[], rubric: Rubric, stage = 'primary') {
  const yamlText = snippetText(lines, 'zh', 400).join('\n');
  const fragment = parse(yamlText) as Record<string, unknown>;
  const base = baseEvidence();
  (base.school as Record<string, unknown>).stage = stage;
  return parseSchoolText(stringify(merge(base, fragment)), rubric, 'fragment.yaml');
}

const itemsOf = (r: Rubric) => r.groups.flatMap((g) => g.indicators.flatMap((b) => b.items));

describe('explain without an id: the tree', () => {
  const e = explain(defaultRubric());
  it('lists the 12 indicators with points that add up to 100', () => {
    if (e.kind !== 'tree') throw new Error(e.kind);
    const indicators = e.groups.flatMap((g) => g.indicators);
    expect(indicators.map((b) => b.id)).toEqual([
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B10',
      'B11',
      'B12',
    ]);
    const total = indicators.reduce<Exact>((a, b) => add(a, b.points), ZERO);
    expect(cmp(total, exact(100))).toBe(0);
    const items = indicators.flatMap((b) => b.items);
    expect(
      cmp(
        items.reduce<Exact>((a, i) => add(a, i.points), ZERO),
        exact(100),
      ),
    ).toBe(0);
    expect(items.find((i) => i.id === 'B10.1')?.notFor).toEqual(['kindergarten']);
  });
  it('shows every indicator, its points and the not-applicable note, within the width', () => {
    for (const w of [60, 80, 120]) {
      const t = text(e, 'zh', w);
      for (const id of ['B1 管理制度', 'B6 家长学校', 'B12 家长满意度', 'B6.2 每月有作业']) expect(t).toContain(id);
      expect(t).toContain('55 分');
      for (const line of t.split('\n')) expect(width(line), line).toBeLessThanOrEqual(w);
    }
  });
  it('notes the stages an item does not apply to', () => {
    expect(text(e, 'zh', 200)).toContain('B10.1 学校整体教学质量有所提高(统测成绩和升学率)。（不适用于幼儿园）');
  });
  it('in English keeps words whole', () => {
    const t = text(e, 'en', 80);
    expect(t).toContain('Parent school');
    expect(t).toContain('55 points');
    expect(t).not.toMatch(/cooperatio\s*│.*\n.*│\s*n\b/);
    for (const word of ['cooperation', 'communication', 'satisfaction']) expect(t).toContain(word);
  });
  it("in English the rubric's notes and a check's note are English (notesEn, noteEn); in Chinese as written", () => {
    const en = text(explain(defaultRubric()), 'en', 200);
    const notes = en.slice(en.indexOf('Notes (how the rubric reads the source)'));
    expect(notes).toContain('- Each check passes or fails: a pass earns all its points, a fail 0.');
    // The only Chinese left is the source's own words it quotes (不少于, 以上…).
    expect(notes.replace(/不少于|以上|达到|高于|提高|降低/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text(explain(defaultRubric(), 'B7.3'), 'en', 200)).toContain(
      "Note: 'regularly' is read as at least once each term",
    );
    expect(text(explain(defaultRubric(), 'B7.3'), 'zh', 200)).toContain('说明：“定期”按每学期至少 1 次');
    expect(text(explain(defaultRubric()), 'zh', 200)).toContain(
      '- 每项核查只有通过或不通过：通过得该项全部分值，不通过得 0 分。',
    );
  });
  it("in English quotes the source's words, then the rubric's English rendering of them", () => {
    const item = explain(defaultRubric(), 'B6.2');
    const en = text(item, 'en', 200);
    expect(en).toContain('Source text: 每月有作业,有批改,有孩子签字,作业完成率达到50%以上。');
    expect(en).toContain('In English: Homework every month, marked, and signed by the child;');
    const zh = text(item, 'zh', 200);
    expect(zh).toContain('原文：每月有作业,有批改,有孩子签字,作业完成率达到50%以上。');
    expect(zh).not.toContain('Homework');
  });
  it('names the bonus, deductions, vetoes and levels of a rubric that has them', () => {
    const t = text(explain(sample()));
    expect(t).toContain('加分：X1 五年内市级及以上立项课题 3 分');
    expect(t).toContain('一票否决：V1 发生重大安全责任事故');
    expect(t).toContain('等级：合格 ≥ 60、先进 ≥ 75、示范 ≥ 85、卓越 ≥ 95');
  });
});

describe('explain B6.2', () => {
  const e = explain(defaultRubric(), 'B6.2');
  const t = text(e);
  const wide = text(e, 'zh', 200);
  it('gives the source text, the split and each check with its numbers', () => {
    expect(e.kind).toBe('item');
    expect(t).toContain('原文：每月有作业,有批改,有孩子签字,作业完成率达到50%以上。');
    expect(t).toContain('11 分由 4 项核查平均分配，每项 2.75 分');
    expect(t).toContain('每个教学月至少 1 条家长作业记录；缺任何一个教学月即不通过');
    expect(wide).toContain(
      '作业完成率 = 家长作业记录的完成作业的家庭数合计 ÷ 家长作业记录的布置作业的家庭数合计，要求 ≥ 50%',
    );
    expect(t).toContain('通过得全部 2.75 分，不通过得 0 分');
  });
  it('names the homework fields it reads, with their labels', () => {
    if (e.kind !== 'item') throw new Error(e.kind);
    const fields = e.items[0].checks.flatMap((c) => c.fields.map((f) => `${f.path} ${f.label.zh}`));
    expect(fields).toEqual([
      'ledger[].graded 作业有批改',
      'ledger[].signed 作业有孩子签字',
      'ledger[].completed 完成作业的家庭数',
      'ledger[].assigned 布置作业的家庭数',
    ]);
    expect(e.items[0].checks.every((c) => c.records.map((r) => r.type).join() === 'homework')).toBe(true);
    expect(t).toContain('台账 ledger[]，type: homework（家长作业）');
  });
  it('writes a fragment that parses, validates and passes every check of B6.2', () => {
    if (e.kind !== 'item') throw new Error(e.kind);
    expect(t).toMatch(/- type: homework +# 家长作业/);
    expect(t).toMatch(/completed: 950 +# 完成作业的家庭数/);
    const parsed = schoolWith(e.items[0].snippet, defaultRubric());
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const sheet = scoreSchool(defaultRubric(), parsed.evidence as never);
    const item = sheet.indicators.flatMap((b) => b.items).find((i) => i.id === 'B6.2');
    expect(item?.checks.map((c) => [c.id, c.passed])).toEqual([
      ['B6.2a', true],
      ['B6.2b', true],
      ['B6.2c', true],
      ['B6.2d', true],
    ]);
  });
  it('a check id shows its 要点 with that check only', () => {
    const c = explain(defaultRubric(), 'b3.1B');
    if (c.kind !== 'check') throw new Error(c.kind);
    expect(c.items[0].checks.map((x) => x.id)).toEqual(['B3.1b']);
    expect(text(c)).toContain('要求：家庭教育讲师人数 ≥ 10 人');
    expect(text(c)).toMatch(/lecturers: 12 +# 家庭教育讲师人数/);
  });
});

describe.each([
  ['the Wuzhong rubric', defaultRubric],
  ['the sample rubric', sample],
])('every id of %s', (_, rubricOf) => {
  const rubric = rubricOf();
  it('is explained in both languages and as JSON, with nothing undefined', () => {
    const ids = explainableIds(rubric);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of [undefined, ...ids]) {
      const e = explain(rubric, id);
      if (e.kind === 'unknown') throw new Error(`${id} unknown`);
      for (const out of [text(e), text(e, 'en', 70), renderExplainJson(e, 'zh'), renderExplainJson(e, 'en')]) {
        expect(out, id).not.toMatch(/undefined|\[object Object\]|NaN/);
        expect(out.length, id).toBeGreaterThan(40);
      }
      const json = JSON.parse(renderExplainJson(e, 'en'));
      expect(json.schemaVersion).toBe(1);
      expect(json.id).toBe(id ?? null);
    }
  });
  it("each 要点's fragment validates against the schema and earns the 要点's full points", () => {
    for (const item of itemsOf(rubric)) {
      const e = explain(rubric, item.id);
      if (e.kind !== 'item') throw new Error(item.id);
      for (const stage of ['primary', 'kindergarten']) {
        const parsed = schoolWith(e.items[0].snippet, rubric, stage);
        expect(
          parsed.problems.filter((p) => p.severity === 'error'),
          `${item.id} ${stage}`,
        ).toEqual([]);
        const sheet = scoreSchool(rubric, parsed.evidence as never);
        const got = sheet.indicators.flatMap((b) => b.items).find((i) => i.id === item.id);
        if (stage === 'primary') expect(got && got.score === got.max && got.max > 0, `${item.id}`).toBe(true);
      }
    }
  });
});

describe('English', () => {
  it('every requirement of the Wuzhong rubric reads in English', () => {
    for (const item of itemsOf(defaultRubric())) {
      const e = explain(defaultRubric(), item.id);
      if (e.kind !== 'item') throw new Error(item.id);
      for (const c of e.items[0].checks) {
        expect(c.requirement.en, c.id).not.toMatch(/\p{Script=Han}/u);
        expect(c.partial?.en, c.id).not.toMatch(/\p{Script=Han}/u);
      }
    }
    const t = text(explain(defaultRubric(), 'B4.1a'), 'en', 200);
    expect(t).toContain(
      'Requires: spending per student = family-education spending (yuan) ÷ enrolled students, required ≥ 20 yuan',
    );
    expect(t).toMatch(/spending: 30000 +# family-education spending \(yuan\)/);
  });
});

describe('fields and the 要点 they feed', () => {
  const feeds = fieldFeeds(defaultRubric());
  it('maps fields to the 要点 that read them', () => {
    expect(feeds.get('facts.spending')).toEqual(['B4.1']);
    expect(feeds.get('school.students')).toEqual(['B4.1', 'B10.2']);
    expect(feeds.get('ledger[].completed')).toEqual(['B6.2']);
    expect(feeds.get('ledger[].type=homework')).toEqual(['B6.2']);
    expect(feeds.get('projects')).toEqual(['B8.2']);
  });
  it('names only fields the schema has', () => {
    const paths = new Set(evidenceFields().map((r) => r.path));
    for (const key of feeds.keys()) if (!key.startsWith('ledger[].type=')) expect(paths, key).toContain(key);
  });
  it('docs/evidence-fields.md has the column', () => {
    const md = readFileSync('docs/evidence-fields.md', 'utf8');
    expect(md).toContain('| `facts.spending` | 家庭教育经费实际支出（元） |');
    expect(md).toMatch(/\| `facts.spending` .*\| B4.1 \|\n/);
    expect(md).toMatch(/\| `homework` \| 家长作业 \| parent homework \| B6.2 \|/);
  });
});

describe('rubric strings are escaped', () => {
  it('a control character in a label shows as an escape', () => {
    const r = rubricAround({ id: 'c', rule: 'flag', label: 'evil\u001b[2J', field: 'facts.textbook' });
    const out = text(explain(r, 'c'));
    expect(out).toContain('evil\\e[2J');
    expect(out).not.toContain('\u001b');
  });
});

describe('jiaxiao explain (CLI)', () => {
  it('an unknown id: exit 2 and the closest ids', () => {
    const r = jiaxiao(['explain', 'B6.9']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('细则中没有 B6.9。最接近的：B6.1、B6');
    const en = jiaxiao(['explain', 'B13', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('the rubric has no B13; closest: B1');
  });
  it('works with --rubric, --format json and --width', () => {
    const r = jiaxiao(['explain', 'B2.1', '--rubric', 'test/fixtures/sample-rubric/rubric.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.rubric.id).toBe('sample-parent-school');
    expect(json.items[0].checks[0].requirement).toContain('≥ 10 人 得 10 分；≥ 5 人 得 6 分；≥ 2 人 得 3 分');
    expect(json.items[0].snippet).toContain('lecturers: 12');
    const narrow = jiaxiao(['explain', '--width', '60']);
    expect(narrow.code).toBe(0);
    for (const line of narrow.out.split('\n')) expect(width(line), line).toBeLessThanOrEqual(60);
  });
});
