// The terminal table: fitted to a width, wrapped by display width with Chinese line-breaking rules, and no
// character of any cell lost at 80, 100 or 160 columns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { width, wrap } from '../../src/render/text.js';
import { INVALID_LISTED } from '../../src/render/words.js';
import type { Sheet } from '../../src/report/sheet.js';
import { SummaryBuilder, schoolRow, shapeOf } from '../../src/report/summary.js';
import { defaultRubric } from '../../src/rubric/default.js';
import {
  citySummary,
  countySummary,
  formatNamed,
  hostileSheet,
  kindergartenSheet,
  renderOptions,
  typicalSheet,
} from '../format-fixtures.js';
import { expectGolden } from '../golden.js';

const table = formatNamed('table');
const render = (sheet: Sheet, lang: 'zh' | 'en', w: number, details = false) =>
  table.sheet(sheet, { ...renderOptions(lang, w), details }) as string;

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The text of column k (1: 一级指标, 2: 二级指标, 3: 评估内容 and the reason rows spanning from it), top to bottom. */
function column(out: string, k: number): string {
  return out
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) => l.split('│')[k] ?? '')
    .join('');
}

describe('the sheet fits the width', () => {
  for (const w of [80, 100, 160])
    for (const lang of ['zh', 'en'] as const)
      it(`${w} columns, ${lang}: every line fits, every 要点 and reason is whole`, () => {
        for (const sheet of [typicalSheet(), kindergartenSheet()]) {
          const out = render(sheet, lang, w, true);
          const grid = out.split('\n').filter((l) => /^[┌│├└]/.test(l));
          const widths = new Set(grid.map(width));
          // One width for every line of the grid, and within the asked width.
          expect(widths.size).toBe(1);
          expect([...widths][0]).toBeLessThanOrEqual(w);
          const content = squeeze(column(out, 3));
          for (const b of sheet.indicators)
            for (const item of b.items) {
              expect(content).toContain(squeeze(item.text[lang]));
              for (const c of item.checks) expect(content).toContain(squeeze(`${c.id}${c.reason[lang]}`));
            }
          // 一级指标 and 二级指标 names are whole in their columns too.
          const groups = squeeze(column(out, 1));
          const names = squeeze(column(out, 2));
          for (const g of sheet.groups) expect(groups).toContain(squeeze(`${g.id}${g.name[lang]}`));
          for (const b of sheet.indicators) expect(names).toContain(squeeze(`${b.id}${b.name[lang]}`));
        }
      });

  it('at 160 columns 评估内容 is wider than at 80, and the table wider', () => {
    const narrow = render(typicalSheet(), 'zh', 80).split('\n')[2] ?? '';
    const wide = render(typicalSheet(), 'zh', 160).split('\n')[2] ?? '';
    expect(width(wide)).toBeGreaterThan(width(narrow));
  });

  it('分值 · 自评 · 得分 once per 二级指标, as the attachment gives them', () => {
    const out = render(typicalSheet(), 'zh', 100);
    const b6 = out.split('\n').find((l) => l.includes('│ B6'));
    // B6 of the typical school: 分值 55, 自评 55, 得分 26.58; its 要点 show their own points in 评估内容.
    expect(
      b6
        ?.split('│')
        .slice(4, 7)
        .map((c) => c.trim()),
    ).toEqual(['55', '55', '26.58']);
    expect(squeeze(column(out, 3))).toContain(
      squeeze('每月有作业,有批改,有孩子签字,作业完成率达到50%以上。（8.25/11）'),
    );
  });

  it('a kindergarten says which points do not apply', () => {
    expect(render(kindergartenSheet(), 'zh', 100)).toContain('细则满分 100，其中 5 分的要点不适用，应得满分 95');
  });

  it('golden: the typical school at 80 columns in Chinese, at 100 in English', () => {
    expectGolden('table/typical-zh-80.txt', render(typicalSheet(), 'zh', 80));
    expectGolden('table/typical-en-100.txt', render(typicalSheet(), 'en', 100));
  });

  it('a hostile sheet: no raw control character, every line the same width', () => {
    const out = render(hostileSheet(), 'zh', 80, true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    const grid = out.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(new Set(grid.map(width)).size).toBe(1);
  });
});

describe('the batch ranking fits the width', () => {
  it('a city: county rank beside the city-wide rank', () => {
    const out = table.summary(citySummary(), renderOptions('zh', 120)) as string;
    const head = out.split('\n').find((l) => l.includes('区县排名')) ?? '';
    expect(head).toContain('全市排名');
    // 盐池县示例幼儿园: first in its county and in the city.
    const row = out.split('\n').find((l) => l.includes('盐池县示例幼')) ?? '';
    expect(
      row
        .split('│')
        .slice(1, 3)
        .map((c) => c.trim()),
    ).toEqual(['1', '1']);
  });
  for (const w of [80, 100, 160])
    it(`${w} columns: every line fits; a column left out is named`, () => {
      const out = table.summary(countySummary(), renderOptions('zh', w)) as string;
      const grid = out.split('\n').filter((l) => /^[┌│├└]/.test(l));
      for (const line of grid) expect(width(line)).toBeLessThanOrEqual(w);
      const head = out.split('\n').find((l) => l.startsWith('│') && l.includes('学校')) ?? '';
      const dropped = ['学段', 'A1', 'A2', 'A3', '自评总分'].filter((c) => !head.includes(c));
      if (dropped.length > 0) expect(out).toContain(`略去了 ${dropped.join('、')} 列`);
      else expect(out).not.toContain('略去了');
      if (w === 160) expect(dropped).toEqual([]);
    });
});

describe('wrap', () => {
  const text = fc.string({
    unit: fc.constantFrom(...'家校共育示范学校，。、；：？！）」』】（《「abc 12.5 -/'.split('')),
    maxLength: 80,
  });
  it('keeps every character and fits every line (unless one character is wider than the width)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 40 }), fc.integer({ min: 0, max: 3 }), (t, w, hang) => {
        const out = wrap(t, w, hang);
        expect(squeeze(out)).toBe(squeeze(t));
        // A line may only overflow when it holds one character wider than what is left beside the indent.
        for (const line of out.split('\n')) if ([...line.trim()].length > 1) expect(width(line)).toBeLessThanOrEqual(w);
      }),
      { numRuns: 2000 },
    );
  });
  // Text as it is written: characters and spaced ASCII words, each followed by at most one mark, in columns
  // several words wide (a mark after a word that fills a whole line cannot be kept off the next line's start).
  const prose = fc
    .array(
      fc.tuple(
        fc.constantFrom(...'家校共育示范学校'.split(''), 'abc ', '12.5 ', ' 2023-09-01 '),
        fc.constantFrom('', '', '，', '。', '、', '；', '）', '」', ' '),
        fc.constantFrom('', '', '', '（', '《', '「'),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.map(([word, close, open]) => `${word}${close}${open}`).join(''));
  it('no line starts with closing punctuation or ends with an opening one', () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 24, max: 60 }), (t, w) => {
        const lines = wrap(t, w).split('\n');
        lines.forEach((line, k) => {
          if (k > 0) expect(line).not.toMatch(/^[，。、；：？！）」』】]/);
          if (k < lines.length - 1) expect(line).not.toMatch(/[（《「]$/);
        });
      }),
      { numRuns: 2000 },
    );
  });
  it('no last line of a single character', () => {
    // Six characters a line; the full stop may not start the last one, and takes 度 with it.
    expect(wrap('家庭教育学习和交流等制度。', 12)).toBe('家庭教育学习\n和交流等制\n度。');
    expect(wrap('组建家庭教育志愿者队伍', 10)).toBe('组建家庭教\n育志愿者\n队伍');
  });
});

describe('files not counted', () => {
  it('are listed under the title with their first problem (a summary saved to a file says which), the rest counted', () => {
    const builder = new SummaryBuilder(shapeOf(defaultRubric()));
    builder.add(schoolRow(typicalSheet(), 'a.yaml'));
    for (let k = 1; k <= INVALID_LISTED + 3; k++)
      builder.addInvalid(`bad/${k}.yaml`, [
        { severity: 'error', code: 'yaml.syntax', params: { detail: `d${k}` }, file: `bad/${k}.yaml`, line: k, col: 2 },
        { severity: 'warning', code: 'yaml.syntax', params: { detail: 'later' }, file: `bad/${k}.yaml`, line: 9 },
      ]);
    const lines = (table.summary(builder.finish(), renderOptions('zh', 120)) as string).split('\n');
    expect(lines[1]).toBe(
      `2023-2024 学年，共 1 所学校；另有 ${INVALID_LISTED + 3} 个文件因错误未计入（各列出第一个问题）：`,
    );
    const listed = lines.filter((l) => l.startsWith('  bad/'));
    expect(listed).toHaveLength(INVALID_LISTED);
    expect(listed[0]).toMatch(/^ {2}bad\/1\.yaml:1:2 错误 YAML 格式错误.*（另有 1 个问题）$/);
    expect(lines).toContain('  ……另有 3 个文件未列出（jiaxiao validate 列出全部问题）');
    const en = (table.summary(builder.finish(), renderOptions('en', 120)) as string).split('\n');
    expect(en.find((l) => l.startsWith('  bad/2.yaml'))).toMatch(
      /^ {2}bad\/2\.yaml:2:2 error YAML syntax error: d2.* \(1 more problem\)$/,
    );
  });
});
