// The Markdown format: a sheet and a batch summary for a pull-request comment or a GitHub job summary.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/base/escape.js';
import type { Rubric } from '../../src/engine/model.js';
import { citationText } from '../../src/render/gains.js';
import { INVALID_LISTED } from '../../src/render/words.js';
import type { Sheet } from '../../src/report/sheet.js';
import { type Summary, SummaryBuilder, schoolRow, shapeOf } from '../../src/report/summary.js';
import { defaultRubric } from '../../src/rubric/default.js';
import { loadRubricText } from '../../src/rubric/load.js';
import {
  citySummary,
  countySummary,
  formatNamed,
  HOSTILE,
  hostileSheet,
  hostileSummary,
  kindergartenSheet,
  modelSheet,
  renderOptions,
  sheetOf,
  summaryOf,
  typicalSheet,
} from '../format-fixtures.js';
import { expectGolden } from '../golden.js';
import { markdownCells, unsafeIn } from '../safe-output.js';

const format = formatNamed('markdown');

const sheetMd = (sheet: Sheet, lang: 'zh' | 'en' = 'zh', details = false): string => {
  const out = format.sheet(sheet, { ...renderOptions(lang), details });
  if (typeof out !== 'string') throw new Error('markdown renders text');
  return out;
};
const summaryMd = (summary: Summary, lang: 'zh' | 'en' = 'zh'): string => {
  const out = format.summary(summary, renderOptions(lang));
  if (typeof out !== 'string') throw new Error('markdown renders text');
  return out;
};

/** Every GFM table of a document: its runs of lines starting with `|`, split into cells (escapes kept). */
function tablesOf(text: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) {
        current = [];
        tables.push(current);
      }
      current.push(cellsOf(line));
    } else current = undefined;
  }
  return tables;
}

/** A row's cells as GFM splits them: at pipes not escaped by a backslash, each trimmed. */
const cellsOf = (row: string): string[] =>
  row
    .slice(1, -1)
    .split(/(?<!\\)((?:\\\\)*)\|/)
    .reduce<string[]>((cells, part, k) => {
      // The split keeps the even run of backslashes before a separator: it belongs to the cell before.
      if (k % 2 === 1) cells[cells.length - 1] += part;
      else cells.push(part);
      return cells;
    }, [])
    .map((c) => c.trim());

/** The table whose header starts with `first`. */
function tableHeaded(text: string, first: string): string[][] {
  const t = tablesOf(text).find((rows) => rows[0]?.[0] === first);
  if (!t) throw new Error(`no table headed ${first}`);
  return t;
}

/** Every table keeps its header's cell count in every row, counted as test/safe-output.ts counts them. */
function expectTablesHold(text: string): void {
  const lines = text.split('\n');
  let expected: number | undefined;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      expected = undefined;
      continue;
    }
    expect(line.endsWith('|'), line).toBe(true);
    const n = markdownCells(line).length;
    expected ??= n;
    expect(n, line).toBe(expected);
  }
  for (const t of tablesOf(text)) expect(t[1]?.every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
}

/**
 * What of a line acts as Markdown: its block prefix, and the markup characters left once backslash escapes
 * and entities are taken out. A hostile document must have the same skeleton as its benign twin.
 */
const skeleton = (text: string): string[] =>
  text.split('\n').map((line) => {
    const prefix = /^(?:#+ |\s*- |\| |<\/?[a-z]+>|)/.exec(line)?.[0] ?? '';
    const rest = line
      .slice(prefix.length)
      .replace(/\\./g, '')
      .replace(/&(?:amp|lt|gt|#\d+);/g, '')
      .replace(/[^*_`~$|<>[\]&]/g, '');
    return `${prefix}${rest}`;
  });

/** Every tag in a document: none without details, and only our fixed wrapper with them. */
const tagsIn = (text: string): string[] => [...text.matchAll(/<[^<>\n]*>?/g)].map((m) => m[0]);

describe('the markdown format', () => {
  it('is registered as text written to .md, keeping no sheets in a batch', () => {
    expect(format).toMatchObject({ name: 'markdown', ext: '.md', binary: false, withSheets: false });
    expect(format.help.zh).toContain('Markdown');
    expect(format.help.en).toContain('Markdown');
  });

  it('matches its golden files, each with whole tables and safe lines', () => {
    const outputs: [string, string][] = [
      ['markdown/typical.zh.md', sheetMd(typicalSheet(), 'zh')],
      ['markdown/typical.en.md', sheetMd(typicalSheet(), 'en')],
      ['markdown/typical-details.zh.md', sheetMd(typicalSheet(), 'zh', true)],
      ['markdown/model.zh.md', sheetMd(modelSheet(), 'zh')],
      ['markdown/kindergarten.en.md', sheetMd(kindergartenSheet(), 'en')],
      ['markdown/county-summary.zh.md', summaryMd(countySummary())],
      ['markdown/city-summary.zh.md', summaryMd(citySummary())],
      ['markdown/city-summary.en.md', summaryMd(citySummary(), 'en')],
    ];
    for (const [name, text] of outputs) {
      expectGolden(name, text);
      expectTablesHold(text);
      expect(unsafeIn(text), name).toBeUndefined();
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), name).toBe(true);
    }
  });

  it('is pure: the same input gives the same bytes, and the input is left as it was', () => {
    const sheet = typicalSheet();
    const before = structuredClone(sheet);
    expect(sheetMd(sheet, 'zh', true)).toBe(sheetMd(typicalSheet(), 'zh', true));
    expect(sheet).toEqual(before);
    const summary = citySummary();
    const was = structuredClone(summary);
    expect(summaryMd(summary, 'en')).toBe(summaryMd(citySummary(), 'en'));
    expect(summary).toEqual(was);
  });
});

describe('the markdown sheet', () => {
  it('has a title and the total line with the numbers of the model', () => {
    const text = sheetMd(typicalSheet());
    const lines = text.split('\n');
    expect(lines[0]).toBe('## 利通区示例第三小学（利通区，小学）2023-2024 学年');
    expect(lines[2]).toBe('评分细则：吴忠市教育局家校共育示范学校自评细则 · 学校标识码 2164020003');
    expect(text).toContain('**得分合计 54.25 / 应得满分 100，折算分 54.25**（自评合计 100）');
    const en = sheetMd(kindergartenSheet(), 'en');
    expect(en).toContain('**Total 83.00 / applicable maximum 95, normalized 87.37** (self-score 80.5)');
  });

  it('has one table row per 二级指标 with 分值, 自评 and 得分 as the sheet holds them', () => {
    for (const sheet of [typicalSheet(), modelSheet(), kindergartenSheet()]) {
      const rows = tableHeaded(sheetMd(sheet), '一级指标');
      expect(rows[0]).toEqual(['一级指标', '二级指标', '分值', '自评', '得分']);
      const body = rows.slice(2, -1);
      expect(body.map((r) => r[1]?.split(' ')[0])).toEqual(sheet.indicators.map((b) => b.id));
      sheet.indicators.forEach((b, k) => {
        const [, , points, self, score] = body[k] ?? [];
        expect(points).toBe(b.max === b.points ? String(b.points) : `${b.points}（适用 ${b.max}）`);
        expect(self).toBe(b.selfScore === null ? '' : `${b.selfScore}${b.overclaim ? ' ⚠' : ''}`);
        expect(score).toBe(b.max === 0 ? '—' : `${b.score}${b.score === b.max ? ' ✓' : ''}`);
      });
      // 一级指标 named once, on its first row, as the attachment's merged cell.
      expect(body.map((r) => r[0]).filter((c) => c !== '')).toEqual(
        sheet.groups.map((g) => `${g.id} ${g.name.zh}（${g.points}）`),
      );
      expect(rows.at(-1)).toEqual([
        '**合计**',
        '',
        sheet.max === sheet.rubric.total ? String(sheet.max) : `${sheet.rubric.total}（适用 ${sheet.max}）`,
        sheet.selfTotal === null ? '' : String(sheet.selfTotal),
        `**${sheet.base}**`,
      ]);
    }
  });

  it('flags each overclaim in its row and lists it', () => {
    const sheet = typicalSheet();
    const text = sheetMd(sheet);
    const flagged = sheet.indicators.filter((b) => b.overclaim);
    expect(flagged.map((b) => b.id)).toEqual(['B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10', 'B12']);
    expect(text).toContain('### ⚠ 自评高于核定得分');
    for (const b of flagged)
      expect(text).toContain(`- ${b.id} ${b.name.zh}：自评 ${b.selfScore} 分，核定得分 ${b.score} 分`);
    expect(sheetMd(modelSheet())).not.toContain('⚠ 自评高于核定得分\n');
  });

  it('lists under 失分原因 each 要点 that lost points, what it earned, and every failed check’s reason', () => {
    const sheet = typicalSheet();
    const text = sheetMd(sheet);
    const section = text.slice(text.indexOf('### 失分原因'));
    const items = sheet.indicators.flatMap((b) => b.items);
    const lost = items.filter((i) => i.checks.some((c) => c.applicable && !c.passed));
    expect(lost.map((i) => i.id)).toEqual([...section.matchAll(/^- \*\*(B[\d.]+)\*\*/gm)].map((m) => m[1]));
    for (const i of lost) {
      expect(section).toContain(`- **${i.id}** ${i.text.zh}（得 ${i.score} / ${i.max} 分）`);
      for (const c of i.checks.filter((x) => x.applicable && !x.passed))
        expect(section).toContain(
          `  - ✗ ${c.id} ${escapeMarkdown(c.reason.zh)}${escapeMarkdown(citationText(sheet, c.cites, 'zh'))}\n`,
        );
    }
    // A failure that rests on a fact cites the fact's line.
    expect(section).toContain('  - ✗ B3.1b 家庭教育讲师人数 8 人，要求 ≥ 10 人（见 typical-primary.yaml 第 41 行）\n');
    // Passed checks only with details.
    const passed = items.flatMap((i) => i.checks).filter((c) => c.passed);
    expect(passed.length).toBeGreaterThan(0);
    for (const c of passed) expect(text).not.toContain(`✓ ${c.id} `);
    const details = sheetMd(sheet, 'zh', true);
    for (const c of passed) expect(details).toContain(`  - ✓ ${c.id} ${escapeMarkdown(c.reason.zh)}\n`);
    expect(details).toContain('<details>\n<summary>得满分的要点（');
    expect(tagsIn(details)).toEqual(['<details>', '<summary>', '</summary>', '</details>']);
    expect(tagsIn(text)).toEqual([]);
  });

  it('says when nothing was lost, and shows a 要点 that does not apply as —', () => {
    expect(sheetMd(modelSheet())).toMatch(/### 失分原因\n\n没有失分。\n/);
    const text = sheetMd(kindergartenSheet());
    expect(text).toContain(
      '### 不适用的要点\n\n- **B10.1** 学校整体教学质量有所提高(统测成绩和升学率)。（— 不适用：不适用于幼儿园）\n',
    );
    expect(text).not.toMatch(/^- \*\*B10\.1\*\*.*得/m);
    const b10 = tableHeaded(text, '一级指标').find((r) => r[1] === 'B10 教学质量');
    expect(b10?.slice(2)).toEqual(['10（适用 5）', '2.5', '5 ✓']);
  });

  it('shows bonus, deductions, vetoes and the level only for a rubric that has them', () => {
    const loaded = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8'));
    const rubric = loaded.rubric as Rubric;
    expect(rubric).toBeDefined();
    const c = sheetMd(sheetOf('test/fixtures/sample-rubric/schools/c-primary.yaml', rubric));
    expectGolden('markdown/sample-c-primary.zh.md', c);
    expect(c).toContain('\n### 加分（上限 5 分）：+3\n');
    expect(c).toContain('\n### 扣分（上限');
    expect(c).toContain(
      '\n- ✗ V2 家长满意度低于80%（触发，否决示范、卓越）：家长满意度 75%（满意人数 525 ÷ 有效答卷数 700），要求 ≥ 80%\n',
    );
    expect(c).toContain('\n- ✓ V1 发生重大安全责任事故（未触发）：');
    expect(c).toContain('\n### 等级：先进（按折算分；被一票否决：V2）\n');
    expect(c).toContain('\n基础得分 86.00，加分 +3，扣分 −0\n');
    expect(c).toContain('**得分合计 89.00 / 应得满分 100，折算分 89.00**');
    // Points lost with no failed check (a lower tier reached): the passed check's reason says why.
    expect(c).toContain(
      '- **B5.1** 家长满意度达到90%得20分，达到80%得12分，达到70%得6分。（得 6 / 20 分）\n  - ✓ B5.1a 家长满意度 75%（525 ÷ 700），达到“≥ 70%”一档，得 6/20 分（见 c-primary.yaml 第 21 行）\n',
    );
    const wuzhong = sheetMd(typicalSheet());
    for (const heading of ['### 加分', '### 扣分', '### 一票否决', '### 等级', '基础得分'])
      expect(wuzhong).not.toContain(heading);
  });
});

describe('the markdown summary', () => {
  it('ranks the schools with 全市排名 and 区县排名 when there are several counties', () => {
    const s = citySummary();
    const rows = tableHeaded(summaryMd(s), '全市排名');
    expect(rows[0]).toEqual([
      '全市排名',
      '区县排名',
      '学校',
      '区县',
      '学段',
      'A1',
      'A2',
      'A3',
      '总分',
      '折算分',
      '自评总分',
      '自评−得分',
    ]);
    expect(rows.slice(2).map((r) => [r[0], r[1], r[2], r[3], r[9]])).toEqual(
      s.ranking.map((r) => [String(r.rank), String(r.countyRank), r.name, r.county, (r.normalized / 100).toFixed(2)]),
    );
    const first = rows[2] ?? [];
    expect(first.slice(5)).toEqual(['10.00', '60.00', '25.00', '95.00', '100.00', '100.00', '+5.00']);
    const county = tableHeaded(summaryMd(s), '区县');
    expect(county.slice(2)).toEqual([
      ['利通区', '3', '89.86', '88.67', '88.42', '92.50'],
      ['盐池县', '4', '93.19', '92.13', '88.50', '100.00'],
    ]);
  });

  it('has one rank column and no county table for one county', () => {
    const text = summaryMd(countySummary());
    expect(text).toContain('共 10 所学校。');
    const rows = tableHeaded(text, '排名');
    expect(rows[0]?.slice(0, 2)).toEqual(['排名', '学校']);
    expect(rows).toHaveLength(12);
    expect(text).not.toContain('区县排名');
    expect(text).not.toContain('### 各区县折算分');
  });

  it('gives each 二级指标’s 满分率 and score statistics, and the ten 要点 most often missed', () => {
    const s = countySummary();
    const text = summaryMd(s);
    const attain = tableHeaded(text, '指标');
    expect(attain.slice(2).map((r) => r[0])).toEqual(s.indicators.map((a) => a.id));
    s.indicators.forEach((a, k) => {
      const pct = `${(a.rate / 100).toFixed(2)}%`;
      const st = [a.score.mean, a.score.median, a.score.min, a.score.max].map((x) => (x / 100).toFixed(2));
      expect(attain[k + 2]?.slice(3)).toEqual([pct, ...st]);
    });
    const missed = tableHeaded(text, '要点');
    expect(s.mostMissed.length).toBeGreaterThan(10);
    expect(missed.slice(2).map((r) => r[0])).toEqual(s.mostMissed.slice(0, 10));
    const top = s.items.find((a) => a.id === s.mostMissed[0]);
    expect(missed[2]?.slice(3)).toEqual([`${((top?.rate ?? 0) / 100).toFixed(2)}%`, `${top?.full}/${top?.schools}`]);
  });

  it('shows the level column when the rubric declares levels', () => {
    const rubric = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8')).rubric as Rubric;
    const dir = 'test/fixtures/sample-rubric/schools';
    const builder = new SummaryBuilder(shapeOf(rubric));
    for (const f of readdirSync(dir).sort()) builder.add(schoolRow(sheetOf(join(dir, f), rubric), f));
    const rows = tableHeaded(summaryMd(builder.finish()), '排名');
    expect(rows[0]?.at(-1)).toBe('等级');
    expect(rows.slice(2).map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ['1', '样例第一小学', '卓越'],
      ['1', '样例第四小学', '—'],
      ['3', '样例第三小学', '先进'],
      ['4', '样例幼儿园', '—'],
    ]);
    expect(tableHeaded(summaryMd(countySummary()), '排名')[0]).not.toContain('等级');
  });

  it('names each file not counted with its first problem, and counts those not listed', () => {
    const files = [{ file: 'a.yaml', sheet: typicalSheet() }];
    const builder = new SummaryBuilder(shapeOf(defaultRubric()));
    for (const { file, sheet } of files) builder.add(schoolRow(sheet, file));
    for (let k = 1; k <= INVALID_LISTED + 5; k++)
      builder.addInvalid(`bad/${k}.yaml`, [
        { severity: 'error', code: 'yaml.syntax', params: { detail: `d${k}` }, file: `bad/${k}.yaml`, line: k, col: 2 },
        { severity: 'warning', code: 'yaml.syntax', params: { detail: 'later' }, file: `bad/${k}.yaml`, line: 9 },
      ]);
    const text = summaryMd(builder.finish());
    expect(text).toContain(`共 1 所学校；另有 ${INVALID_LISTED + 5} 个文件因错误未计入（每个文件列出第一个问题）：`);
    const listed = text.split('\n').filter((l) => l.startsWith('- bad/'));
    expect(listed).toHaveLength(INVALID_LISTED);
    expect(listed[0]).toMatch(/^- bad\/1\.yaml:1:2：错误 YAML 格式错误。.*（另有 1 个问题）$/);
    expect(text).toContain('- ……另有 5 个文件未列出');
    const en = summaryMd(builder.finish(), 'en');
    expect(en.split('\n').find((l) => l.startsWith('- bad/2.yaml'))).toBe(
      '- bad/2.yaml:2:2: error YAML syntax error: d2; check indentation and colons (1 more problem)',
    );
    expect(en).not.toContain('later');
    expect(text).toContain('- ……另有 5 个文件未列出');
  });

  it('stays well under GitHub’s limits for a city of 500 schools', () => {
    const base = readdirSync('examples/county')
      .sort()
      .map((f) => sheetOf(join('examples/county', f)));
    const counties = ['利通区', '红寺堡区', '盐池县', '同心县', '青铜峡市'];
    const files = Array.from({ length: 500 }, (_, k) => {
      const sheet = structuredClone(base[k % base.length] as Sheet);
      const county = counties[k % counties.length] ?? '';
      sheet.school.county = county;
      sheet.school.name = `${county}第${k + 1}中心学校附属实验小学`;
      sheet.school.code = String(2164020000 + k);
      return { file: `${county}/${k}.yaml`, sheet };
    });
    const text = summaryMd(summaryOf(files), 'en');
    expect(tableHeaded(text, 'Rank')).toHaveLength(502);
    // A pull-request comment holds 65,536 characters, a job summary 1 MiB (measured: 60,225 characters
    // and 77 KiB in English, 52,703 and 72 KiB in Chinese).
    expect(text.length).toBeLessThan(65_536);
    expect(Buffer.byteLength(text)).toBeLessThan(128 * 1024);
    const zh = summaryMd(summaryOf(files));
    expect(zh.length).toBeLessThan(65_536);
    expect(Buffer.byteLength(zh)).toBeLessThan(128 * 1024);
  });
});

describe('hostile strings in markdown', () => {
  const outputs = () => ({
    'sheet zh': sheetMd(hostileSheet()),
    'sheet en details': sheetMd(hostileSheet(), 'en', true),
    'summary zh': summaryMd(hostileSummary()),
    'summary en': summaryMd(hostileSummary(), 'en'),
  });

  it('keep every table row’s cells, run no command, carry no raw control character and no tag', () => {
    for (const [name, text] of Object.entries(outputs())) {
      expect(unsafeIn(text), name).toBeUndefined();
      expectTablesHold(text);
      expect(
        text.split('\n').filter((l) => /^\s*::/.test(l)),
        name,
      ).toEqual([]);
      expect(text, name).not.toContain('<script');
      expect(text, name).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text, name).toContain('\\u202E');
      expect(text, name).toContain('\\e\\[31m');
      const tags = tagsIn(text);
      expect(tags, name).toEqual(
        name.includes('details') ? ['<details>', '<summary>', '</summary>', '</details>'] : [],
      );
    }
  });

  it('act as no Markdown: a hostile sheet has the same skeleton as the sheet it was made from', () => {
    expect(skeleton(sheetMd(hostileSheet()))).toEqual(skeleton(sheetMd(typicalSheet())));
    expect(skeleton(sheetMd(hostileSheet(), 'en', true))).toEqual(skeleton(sheetMd(typicalSheet(), 'en', true)));
    // Every string shows escaped exactly once, in one piece.
    const text = sheetMd(hostileSheet());
    expect(text).toContain(`## ${escapeMarkdown(`=${HOSTILE}`)}（${escapeMarkdown(`+${HOSTILE}`)}，小学）`);
    expect(text).toContain(`学校标识码 ${escapeMarkdown(`-${HOSTILE}`)}`);
  });

  it('act as no Markdown in a summary: the same skeleton as with a benign school and file', () => {
    const twin = (hostile: boolean): Summary => {
      const builder = new SummaryBuilder(shapeOf(defaultRubric()));
      const county = readdirSync('examples/county')
        .sort()
        .map((f) => join('examples/county', f));
      for (const file of county) builder.add(schoolRow(sheetOf(file), file));
      const odd = hostile ? hostileSheet() : typicalSheet();
      // In a county of its own, as the hostile school's county is.
      if (!hostile) odd.school.county = '某县';
      builder.add(schoolRow(odd, hostile ? `hostile/${HOSTILE}.yaml` : 'benign.yaml'));
      const bad = hostile ? `bad/${HOSTILE}.yaml` : 'bad/x.yaml';
      const detail = hostile ? HOSTILE : 'x';
      builder.addInvalid(bad, [
        { severity: 'error', code: 'yaml.syntax', params: { detail }, file: bad, line: 3, col: 7 },
      ]);
      return builder.finish();
    };
    const hostile = summaryMd(twin(true));
    expect(hostile).toBe(summaryMd(hostileSummary()));
    expect(skeleton(hostile)).toEqual(skeleton(summaryMd(twin(false))));
    // Two counties (the hostile school's is its own): 全市排名, 区县排名, then the school and its county.
    const row = tableHeaded(hostile, '全市排名').find((r) => r[2]?.startsWith('='));
    expect(row?.[2]).toBe(escapeMarkdown(`=${HOSTILE}`));
    expect(row?.[3]).toBe(escapeMarkdown(`+${HOSTILE}`));
  });
});
