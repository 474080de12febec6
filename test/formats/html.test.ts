// The HTML format: escaping (escapeHtml, htmlLines, the html`` template), golden files, the form's layout
// (merged cells, per-要点 points and reasons, totals, flags), the batch report (ranking, charts, one sheet
// per school), and hostile strings that must show as text and never act. Browser checks: html-browser.test.ts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlLines } from '../../src/base/escape.js';
import { html, join, raw } from '../../src/render/html/markup.js';
import { bins } from '../../src/render/html/report.js';
import { fitLabel, n1 } from '../../src/render/html/svg.js';
import type { Sheet } from '../../src/report/sheet.js';
import type { Summary } from '../../src/report/summary.js';
import { loadRubricText } from '../../src/rubric/load.js';
import {
  citySummary,
  countySummary,
  formatNamed,
  HOSTILE,
  hostileSheet,
  hostileSummary,
  kindergartenSheet,
  renderOptions,
  sheetOf,
  typicalSheet,
} from '../format-fixtures.js';
import { expectGolden } from '../golden.js';
import { RAW_UNSAFE, unsafeIn, xmlProblem } from '../safe-output.js';

const format = formatNamed('html');

const sheetHtml = (sheet: Sheet, lang: 'zh' | 'en' = 'zh', details = false): string => {
  const out = format.sheet(sheet, { ...renderOptions(lang), details });
  if (typeof out !== 'string') throw new Error('the HTML sheet is not text');
  return out;
};
const summaryHtml = (summary: Summary, lang: 'zh' | 'en' = 'zh'): string => {
  const out = format.summary(summary, renderOptions(lang));
  if (typeof out !== 'string') throw new Error('the HTML summary is not text');
  return out;
};

/** The document as XML: our markup closes every element (void ones with />), so it parses as such. */
const wellFormed = (doc: string) => xmlProblem(doc.replace(/^<!DOCTYPE html>\n/, ''));

/** The cells of the form's body, row by row, as [tag attributes, inner html]. */
function formRows(doc: string): string[][] {
  const form = /<table class="form">([\s\S]*?)<\/table>/.exec(doc)?.[1] ?? '';
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(form)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    // Top-level cells only: a cell's content holds no <td> of its own.
    [...(r[1] ?? '').matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => `${c[1]}|${c[2]}`),
  );
}
const text = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#58;/g, ':')
    .replace(/&#35;/g, '#')
    .replace(/&amp;/g, '&');

describe('escapeHtml and htmlLines', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`a"b'c&d`, 'a&quot;b&#39;c&amp;d'],
    ['&amp;', '&amp;amp;'],
    ['x\n<y>\u001b[31m\u202e', 'x\\n&lt;y&gt;\\e[31m\\u202E'],
    ['利通区第一小学 😀', '利通区第一小学 😀'],
  ])('%j is shown as %j', (value, shown) => {
    expect(escapeHtml(value)).toBe(shown);
  });

  it('any string comes out with no markup character and no raw control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
        expect(RAW_UNSAFE.test(out)).toBe(false);
      }),
    );
  });

  it('breaks workflow commands with character references, other lines as they are', () => {
    expect(htmlLines(['::error::x', '  ::warning::y', 'a ##[error]b', 'a::b', '<p>ok</p>'])).toBe(
      '&#58;:error::x\n  &#58;:warning::y\na &#35;#[error]b\na::b\n<p>ok</p>',
    );
  });
});

describe('the html template', () => {
  it('escapes every interpolated string, keeps our markup, numbers and lists, drops nothing-values', () => {
    const name = '<b onclick="x">A&B</b>';
    const out = html`<td title="${name}">${name}${raw('<br/>')}${3.5}${['<i>', html`<i>${'&'}</i>`]}${null}${undefined}${false}</td>`;
    expect(out.text).toBe(
      '<td title="&lt;b onclick=&quot;x&quot;&gt;A&amp;B&lt;/b&gt;">&lt;b onclick=&quot;x&quot;&gt;A&amp;B&lt;/b&gt;<br/>3.5&lt;i&gt;<i>&amp;</i></td>',
    );
    expect(join(['<a>', html`<b></b>`], ' & ').text).toBe('&lt;a&gt; &amp; <b></b>');
  });

  it('SVG coordinates in tenths, labels cut to the columns they may take', () => {
    expect([n1(0.1 + 0.2), n1(123.456), n1(-0.04), n1(680)]).toEqual(['0.3', '123.5', '0', '680']);
    expect(fitLabel('B1 管理制度', 28)).toBe('B1 管理制度');
    expect(fitLabel('B1 家庭教育指导服务计入教师工作量对班主任有考核', 12)).toBe('B1 家庭教育…');
  });
});

describe('golden files', () => {
  it('the typical sheet, zh and en', () => {
    expectGolden('html/typical.zh.html', sheetHtml(typicalSheet(), 'zh'));
    expectGolden('html/typical.en.html', sheetHtml(typicalSheet(), 'en'));
  });
  it('the city summary with its sheets, zh', () => {
    expectGolden('html/city.zh.html', summaryHtml(citySummary(true), 'zh'));
  });
});

describe('the sheet as the attachment lays it out', () => {
  const sheet = typicalSheet();
  const doc = sheetHtml(sheet);
  const rows = formRows(doc);
  const items = sheet.indicators.flatMap((b) => b.items);

  it('is a self-contained document: charset, language, a strict CSP, no script, nothing fetched', () => {
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(sheetHtml(sheet, 'en')).toContain('<html lang="en">');
    expect(doc).toContain('<meta charset="utf-8"/>');
    expect(doc).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"/>`,
    );
    expect(doc).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import|@font-face/i);
    // The only URL is the SVG namespace, which nothing fetches.
    expect(doc.match(/https?:\/\/[^"\s]*/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(doc).toContain('@page { size: A4; margin: 15mm; }');
    expect(doc).toContain('"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"');
    expect(wellFormed(doc)).toBeUndefined();
  });

  it('has the six columns of the form, a header repeated on every page', () => {
    expect(doc).toContain(
      '<thead><tr><th>一级指标</th><th>二级指标</th><th>评估内容</th><th>分值</th><th>自评</th><th>得分</th></tr></thead>',
    );
  });

  it('one row per 要点; 一级指标 merged over its group, 二级指标 and its 分值 · 自评 · 得分 over its 要点', () => {
    expect(rows).toHaveLength(items.length + 1);
    const groupCells = rows.flat().filter((c) => c.includes('class="group"'));
    expect(groupCells.map((c) => /rowspan="(\d+)"/.exec(c)?.[1])).toEqual(
      sheet.groups.map((g) =>
        String(sheet.indicators.filter((b) => b.group === g.id).reduce((n, b) => n + b.items.length, 0)),
      ),
    );
    const indicatorCells = rows.flat().filter((c) => c.includes('class="indicator"'));
    expect(indicatorCells.map((c) => [/>(B\d+)</.exec(c)?.[1], /rowspan="(\d+)"/.exec(c)?.[1]])).toEqual(
      sheet.indicators.map((b) => [b.id, b.items.length > 1 ? String(b.items.length) : undefined]),
    );
    // The first row of B6: its 分值 55, 自评 55 (flagged) and 得分 26.58, each spanning its five 要点.
    const b6 = rows.find((r) => r.some((c) => c.includes('>B6<'))) ?? [];
    const perB = b6.slice(-3).map((c) => [/rowspan="(\d+)"/.exec(c)?.[1], text(c.replace(/^[^|]*\|/, ''))]);
    expect(perB).toEqual([
      ['5', '55'],
      ['5', '55⚠ 偏高'],
      ['5', '26.58'],
    ]);
    // Other rows of B6 hold only their 评估内容.
    const next = rows[rows.indexOf(b6) + 1] ?? [];
    expect(next).toHaveLength(1);
  });

  it('each 要点 with ✓/✗, its own points, and the reasons of the checks that failed', () => {
    const contents = rows.map((r) => text(r.find((c) => c.includes('class="item'))?.replace(/^[^|]*\|/, '') ?? ''));
    expect(contents).toContain(
      '✗2. 每月有作业,有批改,有孩子签字,作业完成率达到50%以上。（8.25/11）✗B6.2a 家长作业覆盖 7/9 个教学月，缺 2023-12、2024-03',
    );
    expect(contents).toContain('✓1. 学校发展规划中有家庭教育的实施项目。（0.5/0.5）');
    // Without --details, passed checks give no line; with it, they do.
    expect(doc).not.toContain('B1.1a');
    expect(sheetHtml(sheet, 'zh', true)).toContain('✓</span>B1.1a 学校发展规划中有家庭教育实施项目：是');
    // Every failed, applicable check's reason is there.
    for (const c of items.flatMap((i) => i.checks).filter((x) => x.applicable && !x.passed))
      expect(doc).toContain(`${c.id} ${escapeHtml(c.reason.zh)}`);
  });

  it('totals: 合计 row with 分值 · 自评 · base, then 得分合计, 应得满分, 折算分; overclaims flagged', () => {
    expect(rows.at(-1)?.map((c) => text(c.replace(/^[^|]*\|/, '')))).toEqual(['合计', '100', '100', '54.25']);
    expect(text(doc)).toContain('得分合计 54.25应得满分 100折算分 54.25');
    const flagged = sheet.indicators.filter((b) => b.overclaim);
    expect(flagged.length).toBeGreaterThan(0);
    for (const b of flagged)
      expect(text(doc)).toContain(
        `⚠ ${b.id} ${b.name.zh}：自评 ${b.selfScore} 分，核定得分 ${b.score} 分（自评高于核定得分）`,
      );
    expect(text(doc)).not.toContain('B1 管理制度：自评');
    // The default rubric declares no 加分, 扣分, 一票否决 or 等级: no such section.
    expect(doc).not.toMatch(/加分|扣分|一票否决|等级/);
    expect(text(doc)).toContain('学校（盖章）＿＿＿＿＿＿填表人＿＿＿＿审核人＿＿＿＿日期＿＿＿＿＿＿');
  });

  it('a chart of attainment per 二级指标: one bar per indicator, its width in proportion', () => {
    const svg = /<svg[\s\S]*?<\/svg>/.exec(doc)?.[0] ?? '';
    const bars = [...svg.matchAll(/<rect x="176" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(sheet.indicators.length);
    // 404 units is 100%: B1 full, B4 0, B6 26.58 of 55.
    expect([bars[0], bars[3], bars[5]]).toEqual([404, 0, 195.2]);
    expect(text(svg)).toContain('B6 家长学校48.33%（26.58/55）');
    // Every coordinate is a number in tenths.
    for (const m of svg.matchAll(/\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g))
      expect(m[1]).toMatch(/^-?\d+(\.\d)?$/);
  });

  it('a kindergarten: 要点 that do not apply show — and 不适用, with the applicable points', () => {
    const k = kindergartenSheet();
    const kdoc = sheetHtml(k);
    expect(text(kdoc)).toContain('—1. 学校整体教学质量有所提高(统测成绩和升学率)。（不适用）–B10.1a（不适用）');
    const b10 = k.indicators.find((b) => b.id === 'B10');
    expect(b10 && b10.max < b10.points).toBe(true);
    expect(kdoc).toContain(`${b10?.points}<br/><span class="small">适用 ${b10?.max}</span>`);
    expect(text(kdoc)).toContain(`应得满分 ${k.max}`);
  });

  it('a rubric with 加分, 扣分, 一票否决 and 等级 shows each section', () => {
    const loaded = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8'));
    if (!loaded.rubric) throw new Error('sample rubric invalid');
    const s = sheetOf('test/fixtures/sample-rubric/schools/c-primary.yaml', loaded.rubric);
    const out = text(sheetHtml(s));
    expect(out).toContain('加分（上限 5 分）：+3');
    expect(out).toContain('扣分（上限 10 分）：−0');
    expect(out).toContain('一票否决');
    expect(out).toContain('✗触发，否决示范、卓越');
    expect(out).toContain('等级：先进（按折算分；被一票否决：V2）');
    expect(out).toContain('基础得分 86.00加分 +3扣分 −0得分合计 89.00');
    // A 要点 short of full points with no failed check (a graded one) shows how far it got.
    expect(out).toContain('✗1. 家长满意度达到90%得20分');
    expect(out).toMatch(/（6\/20）✓B5\.1a/);
  });
});

describe('the batch report', () => {
  const city = citySummary(true);
  const doc = summaryHtml(city);

  it('the ranking: one row per school in order, 区县排名 beside 排名, links to each sheet', () => {
    const table = /<table class="ranking">([\s\S]*?)<\/table>/.exec(doc)?.[1] ?? '';
    expect(table).toContain(
      '<th>排名</th><th>区县排名</th><th>学校</th><th>区县</th><th>学段</th><th>A1</th><th>A2</th><th>A3</th><th>总分</th><th>折算分</th><th>自评总分</th><th>自评−得分</th>',
    );
    const rows = [...(/<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)];
    expect(rows).toHaveLength(city.schools);
    city.ranking.forEach((r, k) => {
      const cells = [...(rows[k]?.[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1] ?? ''));
      expect(cells.slice(0, 4)).toEqual([String(r.rank), String(r.countyRank), r.name, r.county]);
      expect(cells[9]).toBe((r.normalized / 100).toFixed(2));
      expect(rows[k]?.[1]).toContain(`<a href="#school-${k + 1}">`);
    });
    // One county: no 区县排名, no county comparison.
    const county = summaryHtml(countySummary(true));
    expect(county).not.toContain('区县排名');
    expect(county).not.toContain('id="counties"');
  });

  it("every school's sheet follows, in ranking order, each on a new page with its anchor", () => {
    const sections = [...doc.matchAll(/<section class="sheet school" id="school-(\d+)">[\s\S]*?<b>([^<]*)<\/b>/g)];
    expect(sections.map((m) => [Number(m[1]), m[2]])).toEqual(city.ranking.map((r, k) => [k + 1, r.name]));
    expect(doc).toContain('.school { break-before: page;');
    // Without the sheets (another format's summary), the ranking links nowhere.
    const bare = summaryHtml(citySummary(false));
    expect(bare).not.toContain('href="#school-');
    expect(bare).not.toContain('class="sheet');
  });

  it('the histogram of 折算分 counts every school once, in bins of 10 points', () => {
    expect(bins(city.ranking).reduce((a, b) => a + b, 0)).toBe(city.schools);
    expect(bins(city.ranking)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 3, 4]);
    const svg = [...doc.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]).find((s) => s.includes('折算分分布'));
    expect(text(svg ?? '')).toMatch(/3.*80–90.*4.*90–100/);
  });

  it('full marks per 二级指标, the most-missed 要点 and the counties compared', () => {
    const out = text(doc);
    expect(out).toContain('B6 家长学校42.86%（3/7）');
    expect(out).toContain('B6.5利用微信群等学习平台周周组织家长开展主题读书活动。1171.43%5/7');
    for (const c of city.counties)
      expect(out).toContain(`${c.county}${c.schools}${(c.normalized.mean / 100).toFixed(2)}`);
    expect(doc).toMatch(/<svg[^>]*aria-label="各区县折算分平均与中位数"/);
    expect(out).toContain('共 7 所学校，2 个区县。');
  });

  it('is well-formed and the same bytes every time', () => {
    expect(wellFormed(doc)).toBeUndefined();
    expect(summaryHtml(citySummary(true))).toBe(doc);
    expect(sheetHtml(typicalSheet())).toBe(sheetHtml(typicalSheet()));
  });
});

describe('hostile strings show as text and never act', () => {
  const docs = [
    ['sheet zh', sheetHtml(hostileSheet(), 'zh', true)],
    ['sheet en', sheetHtml(hostileSheet(), 'en', true)],
    ['summary zh', summaryHtml(hostileSummary(true), 'zh')],
    ['summary en', summaryHtml(hostileSummary(true), 'en')],
  ] as const;

  it.each(docs)('%s: no raw tag, script, control character or CI command; well-formed', (_, doc) => {
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(unsafeIn(doc)).toBeUndefined();
    expect(wellFormed(doc)).toBeUndefined();
    // Every link is ours: an in-page anchor.
    for (const m of doc.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z]+(-\d+)?$/);
    // The hostile string reads back as written, its control characters shown escaped.
    expect(text(doc)).toContain(
      HOSTILE.replaceAll('\u001b', '\\e')
        .replaceAll('\u202e', '\\u202E')
        .replaceAll('\r', '\\r')
        .replaceAll('\n', '\\n')
        .replaceAll('\t', '\\t'),
    );
  });

  it('the invalid file is listed with its first problem', () => {
    const doc = summaryHtml(hostileSummary(true));
    const section = /<section id="invalid">([\s\S]*?)<\/section>/.exec(doc)?.[1] ?? '';
    expect(text(section)).toContain('bad/<script>alert(1)</script>');
    expect(text(section)).toMatch(/3:7 错误 /);
    expect(doc).toContain('<li><a href="#invalid">未计入的文件</a></li>');
  });
});
