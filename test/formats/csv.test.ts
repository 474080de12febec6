// The CSV format: golden files, and every file read back with an RFC 4180 reader (below) to check what a
// spreadsheet would see: the BOM, CRLF records, the header, one row per 要点 or per school, the values of
// the model, numbers unquoted, formulas neutralised and no raw control character.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from '../../src/base/escape.js';
import type { Rubric } from '../../src/engine/model.js';
import { csvPieces, csvText } from '../../src/render/csv/write.js';
import type { Output } from '../../src/render/types.js';
import type { Sheet } from '../../src/report/sheet.js';
import { type Summary, SummaryBuilder, schoolRow, shapeOf } from '../../src/report/summary.js';
import { loadRubricText } from '../../src/rubric/load.js';
import {
  citySummary,
  countySummary,
  formatNamed,
  hostileSheet,
  hostileSummary,
  kindergartenSheet,
  outputText,
  renderOptions,
  sheetOf,
  typicalSheet,
} from '../format-fixtures.js';
import { expectGolden } from '../golden.js';
import { RAW_UNSAFE, unsafeIn } from '../safe-output.js';

const csv = formatNamed('csv');
const sheetCsv = (sheet: Sheet, lang: 'zh' | 'en' = 'zh', details = false) =>
  csv.sheet(sheet, { ...renderOptions(lang), details }) as string;
const summaryCsv = (summary: Summary, lang: 'zh' | 'en' = 'zh') =>
  outputText(csv.summary(summary, renderOptions(lang)) as Output);

interface Field {
  text: string;
  quoted: boolean;
}

/**
 * RFC 4180, strictly: a BOM first, records ended by CRLF (a bare CR or LF outside quotes is an error), a
 * field quoted whole or not at all, "" for a quote inside quotes.
 */
function readCsv(text: string): Field[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM');
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 1;
  const endField = (f: Field) => {
    record.push(f);
    const c = text[i];
    if (c === ',') {
      i++;
      return;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      return;
    }
    throw new Error(`expected , or CRLF at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  while (i < text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += text[i++];
      }
      endField({ text: value, quoted: true });
    } else {
      let value = '';
      while (i < text.length && !/[,\r\n]/.test(text[i] ?? '')) {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        value += text[i++];
      }
      endField({ text: value, quoted: false });
    }
  }
  return records;
}

const cells = (records: Field[][]) => records.map((r) => r.map((f) => f.text));
/** Rows as objects by header, up to the first empty row. */
function table(records: Field[][]): Record<string, string>[] {
  const [head, ...rest] = cells(records);
  const end = rest.findIndex((r) => r.length === 1 && r[0] === '');
  return (end < 0 ? rest : rest.slice(0, end)).map((r) =>
    Object.fromEntries((head ?? []).map((h, k) => [h, r[k] ?? ''])),
  );
}
/** The label–value rows after the first empty row: label → [value, note]. */
function foot(records: Field[][]): Map<string, string[]> {
  const rows = cells(records);
  const start = rows.findIndex((r) => r.length === 1 && r[0] === '');
  return new Map(rows.slice(start + 1).map((r) => [r[0] ?? '', r.slice(1)]));
}

const NUMBER = /^-?\d+(\.\d{1,2})?$/;
const cents = (text: string) => Math.round(Number(text) * 100);
const SHEET_HEAD = [
  '一级指标编号',
  '一级指标',
  '二级指标编号',
  '二级指标',
  '二级指标分值',
  '二级指标适用分值',
  '自评',
  '自评高于得分',
  '二级指标得分',
  '要点编号',
  '评估内容',
  '要点分值',
  '要点适用分值',
  '要点得分',
  '要点结果',
  '未通过的检查（理由）',
  '不适用的检查',
];

/** What a spreadsheet must never see: a formula, a raw control character, a CI command; and CRLF only. */
function expectSafeCsv(text: string) {
  expect(text.startsWith('\uFEFF')).toBe(true);
  // Every CR ends a record; with them gone nothing unsafe is left, and no line is a workflow command.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(unsafeIn(text.replace(/\r\n/g, '\n'))).toBeUndefined();
  const records = readCsv(text);
  // One record per line: no value spans lines.
  expect(records.length).toBe(text.split('\r\n').length - 1);
  for (const f of records.flat()) {
    expect(f.text, f.text).not.toMatch(RAW_UNSAFE);
    if (!NUMBER.test(f.text)) expect(f.text, f.text).not.toMatch(/^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/);
  }
  return records;
}

describe('escapeCsvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 123', "'+86 123"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['  =1', "'  =1"],
    ['\u3000=1', "'\u3000=1"],
    ['＝1＋1', "'＝1＋1"],
    ['－2', "'－2"],
    ['＠x', "'＠x"],
    // A tab or a CR is shown escaped, so the cell starts with a backslash: no formula, nothing raw.
    ['\t=1', '\\t=1'],
    ['\r=1', '\\r=1'],
    ['a\nb\u202ec\u001b[2J', 'a\\nb\\u202Ec\\e[2J'],
    ['::error::x', '\\x3a:error::x'],
    ['a ##[error]b', 'a \\x23#[error]b'],
    // Ordinary values, and signs that do not start a cell, stay as written.
    ['利通区示例第三小学', '利通区示例第三小学'],
    ['2023-2024', '2023-2024'],
    ['a=b, "c"', 'a=b, "c"'],
    ['B4.1a 生均经费 15.20 元，要求 ≥ 20 元', 'B4.1a 生均经费 15.20 元，要求 ≥ 20 元'],
  ])('%j is written %j', (value, written) => {
    expect(escapeCsvCell(value)).toBe(written);
  });

  it('no string comes out a formula, a second line or raw', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', '＝', '::', '##[', '\u202e', '"', ',');
    fc.assert(
      fc.property(fc.array(fc.oneof(risky, fc.string({ unit: 'binary' })), { maxLength: 6 }), (parts) => {
        const cell = escapeCsvCell(parts.join(''));
        expect(cell).not.toMatch(RAW_UNSAFE);
        expect(cell).not.toContain('\n');
        expect(cell).not.toMatch(/^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/);
        expect(unsafeIn(cell)).toBeUndefined();
      }),
      { numRuns: 2000, seed: 20261130 },
    );
  });
});

describe('csvText', () => {
  it('writes numbers as numbers (negative ones too), without float noise; strings that look like numbers are neutralised', () => {
    const text = csvText([['a', 54.25, -2, 0.1 + 0.2, 100, null, '-2', 'x,"y"'], []]);
    expect(text).toBe('\uFEFFa,54.25,-2,0.3,100,,\'-2,"x,""y"""\r\n\r\n');
  });
  it('in pieces (a summary written a few hundred rows at a time): one BOM, and the same text joined', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.integer({ min: -10000, max: 10000 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 700 }), (rows) => {
        const pieces = [...csvPieces(rows)];
        expect(pieces.join('')).toBe(csvText(rows));
        expect(pieces.filter((p) => p.includes('\uFEFF'))).toHaveLength(1);
        expect(pieces.length).toBe(Math.max(1, Math.ceil(rows.length / 256)));
      }),
      { numRuns: 100, seed: 20261207 },
    );
  });
});

describe('sheet', () => {
  it.each([
    ['zh', 'typical.zh.csv'],
    ['en', 'typical.en.csv'],
  ] as const)('the typical sheet in %s (golden)', (lang, file) => {
    expectGolden(`csv/${file}`, sheetCsv(typicalSheet(), lang));
  });

  it('the kindergarten sheet (golden): a 要点 that does not apply shows —', () => {
    const text = sheetCsv(kindergartenSheet());
    expectGolden('csv/kindergarten.zh.csv', text);
    const rows = table(readCsv(text));
    const b101 = rows.find((r) => r.要点编号 === 'B10.1');
    expect(b101).toMatchObject({
      要点分值: '5',
      要点适用分值: '—',
      要点得分: '—',
      要点结果: '—',
      '未通过的检查（理由）': '',
    });
    expect(b101?.不适用的检查).toMatch(/^B10\.1a .+；B10\.1b /);
    // The 二级指标 shows the points that apply to a kindergarten.
    expect(rows.find((r) => r.二级指标编号 === 'B10' && r.二级指标分值 !== '')).toMatchObject({
      二级指标分值: '10',
      二级指标适用分值: '5',
      二级指标得分: '5',
    });
  });

  it('reads back: the BOM, the header, one row per 要点 with the model’s values', () => {
    const sheet = typicalSheet();
    const text = sheetCsv(sheet);
    const records = expectSafeCsv(text);
    expect(cells(records)[0]).toEqual(SHEET_HEAD);
    const rows = table(records);
    const items = sheet.indicators.flatMap((b) => b.items);
    expect(items.length).toBe(28); // the Wuzhong rubric's 要点
    expect(rows.length).toBe(items.length);
    rows.forEach((r, k) => {
      const item = items[k];
      expect([r.要点编号, r.要点分值, r.要点适用分值, r.要点得分]).toEqual([
        item?.id,
        String(item?.points),
        String(item?.max),
        String(item?.score),
      ]);
    });
    expect(rows.find((r) => r.要点编号 === 'B4.1')).toEqual({
      一级指标编号: 'A1',
      一级指标: '保障条件',
      二级指标编号: 'B4',
      二级指标: '经费保障',
      二级指标分值: '3',
      二级指标适用分值: '3',
      自评: '3',
      自评高于得分: '是',
      二级指标得分: '0',
      要点编号: 'B4.1',
      评估内容: '每学年按生均家庭教育经费实际支出不少于20元。',
      要点分值: '3',
      要点适用分值: '3',
      要点得分: '0',
      要点结果: '✗',
      '未通过的检查（理由）':
        'B4.1a 生均经费 15.20 元（家庭教育经费实际支出（元） 18240 ÷ 在校学生数 1200），要求 ≥ 20 元',
      不适用的检查: '',
    });
    // Failed checks' reasons are joined with "；"; a 要点 with full points has none.
    expect(rows.find((r) => r.要点编号 === 'B5.1')?.要点结果).toBe('✗');
    expect(rows.find((r) => r.要点编号 === 'B1.1')).toMatchObject({ 要点结果: '✓', '未通过的检查（理由）': '' });
  });

  it('分值, 自评 and 得分 of a 二级指标 sit on its first row only, so that every numeric column adds up', () => {
    const sheet = typicalSheet();
    const rows = table(readCsv(sheetCsv(sheet)));
    for (const b of sheet.indicators) {
      const mine = rows.filter((r) => r.二级指标编号 === b.id);
      expect(mine.map((r) => r.二级指标得分)).toEqual([String(b.score), ...b.items.slice(1).map(() => '')]);
      expect(mine[0]?.自评).toBe(b.selfScore === null ? '' : String(b.selfScore));
      expect(mine[0]?.自评高于得分).toBe(b.overclaim ? '是' : '');
    }
    const sum = (col: string) => rows.reduce((a, r) => a + (r[col] === '' ? 0 : cents(r[col] ?? '')), 0);
    expect(sum('二级指标得分')).toBe(cents(String(sheet.base)));
    expect(sum('要点得分')).toBe(cents(String(sheet.base)));
    expect(sum('二级指标适用分值')).toBe(cents(String(sheet.max)));
    expect(sum('自评')).toBe(cents(String(sheet.selfTotal)));
  });

  it('numbers are unquoted with at most two decimals, and the numeric columns hold nothing else', () => {
    const records = readCsv(sheetCsv(typicalSheet()));
    const head = records[0]?.map((f) => f.text) ?? [];
    const numeric = [
      '二级指标分值',
      '二级指标适用分值',
      '自评',
      '二级指标得分',
      '要点分值',
      '要点适用分值',
      '要点得分',
    ];
    const rows = records.slice(1, 29);
    for (const r of rows)
      for (const name of numeric) {
        const f = r[head.indexOf(name)];
        if (f?.text !== '') expect(f).toEqual({ text: expect.stringMatching(NUMBER), quoted: false });
      }
    // Somewhere a value with two decimals, written as it is.
    expect(rows.some((r) => r[head.indexOf('二级指标得分')]?.text === '26.58')).toBe(true);
    for (const f of records.flat()) if (NUMBER.test(f.text)) expect(f.quoted).toBe(false);
  });

  it('the totals below the 要点 equal the sheet’s, their values in a text column', () => {
    const sheet = typicalSheet();
    const f = foot(readCsv(sheetCsv(sheet)));
    expect(f.get('得分合计')).toEqual(['54.25']);
    expect(f.get('应得满分')).toEqual(['100']);
    expect(f.get('折算分')).toEqual(['54.25']);
    expect(f.get('自评合计')).toEqual(['100']);
    expect(f.get('A2 家校合作 得分')).toEqual(['30.25']);
    expect(f.get('学校')).toEqual(['利通区示例第三小学']);
    expect(f.get('学校标识码')).toEqual(['2164020003']);
    expect(f.get('学段')).toEqual(['小学']);
    expect([...f.keys()].some((k) => /加分|扣分|等级|一票否决/.test(k))).toBe(false);
    const en = foot(readCsv(sheetCsv(sheet, 'en')));
    expect([en.get('Total'), en.get('Applicable maximum'), en.get('Normalized score')]).toEqual([
      ['54.25'],
      ['100'],
      ['54.25'],
    ]);
  });

  it('English headers and texts with lang en', () => {
    const records = readCsv(sheetCsv(typicalSheet(), 'en'));
    expect(cells(records)[0]?.slice(0, 4)).toEqual(['Level 1 ID', 'Level 1', 'Level 2 ID', 'Level 2']);
    const b41 = table(records).find((r) => r['Item ID'] === 'B4.1');
    expect(b41?.['Self-score above score']).toBe('yes');
    expect(b41?.['Failed checks (reasons)']).toMatch(/^B4\.1a .*20/);
  });

  it('--details adds the passed checks', () => {
    const rows = table(readCsv(sheetCsv(typicalSheet(), 'zh', true)));
    expect(rows.find((r) => r.要点编号 === 'B2.2')?.通过的检查).toBe(
      'B2.2a 建有家校合作指导站：是；B2.2b 指导站有相关资料展示：是',
    );
    expect(Object.keys(rows[0] ?? {})).toHaveLength(SHEET_HEAD.length + 1);
  });

  it('a rubric with 加分, 扣分, 一票否决 and levels: each below the totals', () => {
    const loaded = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8'));
    const rubric = loaded.rubric as Rubric;
    const sheet = sheetOf('test/fixtures/sample-rubric/schools/c-primary.yaml', rubric);
    const f = foot(expectSafeCsv(sheetCsv(sheet)));
    expect(f.get('基础得分')).toEqual(['86']);
    expect(f.get('加分')).toEqual(['3', '上限 5 分']);
    expect(f.get('得分合计')).toEqual(['89']);
    expect(f.get('等级')).toEqual(['先进', '按折算分；被一票否决：V2']);
    expect([...f.entries()].find(([k]) => k.startsWith('一票否决 V2'))?.[1]).toEqual([
      '触发',
      '家长满意度 75%（满意人数 525 ÷ 有效答卷数 700），要求 ≥ 80%',
    ]);
    expect([...f.keys()].filter((k) => k.startsWith('加分 ')).length).toBe(sheet.bonus?.items.length);

    // 扣分 are negative numbers, not text: 基础得分 + 加分 + 扣分 = 得分合计 in a spreadsheet.
    const records = readCsv(sheetCsv(sheetOf('test/fixtures/sample-rubric/schools/a-primary.yaml', rubric)));
    const row = (label: string) => records.find((r) => r[0]?.text === label)?.[1];
    expect(row('扣分')).toEqual({ text: '-2', quoted: false });
    expect(records.find((r) => r[0]?.text.startsWith('扣分 D1'))?.[1]).toEqual({ text: '-2', quoted: false });
    expect(['基础得分', '加分', '扣分'].reduce((a, l) => a + cents(row(l)?.text ?? ''), 0)).toBe(
      cents(row('得分合计')?.text ?? ''),
    );
  });

  it('the hostile sheet: formulas neutralised, nothing raw, every value still there', () => {
    for (const lang of ['zh', 'en'] as const) {
      const records = expectSafeCsv(sheetCsv(hostileSheet(), lang));
      const rows = table(records);
      expect(rows).toHaveLength(28);
      const f = foot(records);
      const label =
        lang === 'zh' ? ['学校', '区县', '学校标识码', '学年'] : ['School', 'County', 'School code', 'Academic year'];
      expect(label.map((l) => f.get(l)?.[0]?.slice(0, 2))).toEqual(["'=", "'+", "'-", "'@"]);
      // The string itself is all there, its control characters shown as escapes.
      expect(f.get(label[0] ?? '')?.[0]).toContain("<script>alert(1)</script> =cmd|' /C calc'!A0 +1 -2 @SUM(A1)");
      expect(f.get(label[0] ?? '')?.[0]).toContain('\\e[31m \\u202E \\r\\n\\t& "q"');
      expect(f.get(label[0] ?? '')?.[0]).toContain('\\x23#[error]y');
    }
  });

  it('is deterministic: the same sheet gives the same text', () => {
    for (const make of [typicalSheet, hostileSheet]) expect(sheetCsv(make())).toBe(sheetCsv(make()));
    const sheet = typicalSheet();
    expect(sheetCsv(sheet, 'en', true)).toBe(sheetCsv(structuredClone(sheet), 'en', true));
  });
});

describe('summary', () => {
  it('the county (golden) reads back: one row per school in ranking order, A and B columns', () => {
    const summary = countySummary(true);
    const text = summaryCsv(summary);
    expectGolden('csv/county-summary.zh.csv', text);
    const records = expectSafeCsv(text);
    const head = cells(records)[0] ?? [];
    expect(head.slice(0, 8)).toEqual([
      '排名',
      '学校',
      '学校标识码',
      '区县',
      '学段',
      'A1 保障条件',
      'A2 家校合作',
      'A3 教育成效',
    ]);
    expect(head).not.toContain('区县排名');
    expect(head).not.toContain('等级');
    expect(head.slice(8, 20)).toEqual(
      summary.shape.indicators.map((b) => expect.stringMatching(new RegExp(`^${b.id} `))),
    );
    const rows = table(records);
    expect(rows).toHaveLength(summary.ranking.length);
    rows.forEach((r, k) => {
      const ranked = summary.ranking[k];
      const sheet = summary.sheets[k];
      expect([r.排名, r.学校, r.学校标识码, r.文件]).toEqual([
        String(ranked?.rank),
        ranked?.name,
        ranked?.code,
        ranked?.file,
      ]);
      // B1–B12 are the school's own sheet's scores; the totals its sheet's too.
      expect(sheet?.indicators.map((b) => r[head[8 + sheet.indicators.indexOf(b)] ?? ''])).toEqual(
        sheet?.indicators.map((b) => String(b.score)),
      );
      expect([r.总分, r.应得满分, r.折算分, r.自评总分]).toEqual(
        [sheet?.total, sheet?.max, sheet?.normalized, sheet?.selfTotal].map(String),
      );
      expect(r['A2 家校合作']).toBe(String(sheet?.groups[1]?.score));
    });
    expect(rows[9]).toMatchObject({
      学校: '利通区示例第五小学',
      折算分: '67.75',
      'B6 家长学校': '30.25',
      '自评−得分': '32.25',
    });
  });

  it('the city (golden): 区县排名 when several counties', () => {
    const summary = citySummary();
    const text = summaryCsv(summary);
    expectGolden('csv/city-summary.zh.csv', text);
    const rows = table(expectSafeCsv(text));
    expect(rows.map((r) => [r.排名, r.区县排名, r.区县])).toEqual(
      summary.ranking.map((r) => [String(r.rank), String(r.countyRank), r.county]),
    );
    const en = readCsv(summaryCsv(summary, 'en'));
    expect(cells(en)[0]?.slice(0, 3)).toEqual(['Rank', 'County rank', 'School']);
  });

  it('a rubric with levels: a 等级 column', () => {
    const rubric = loadRubricText(readFileSync('test/fixtures/sample-rubric/rubric.yaml', 'utf8')).rubric as Rubric;
    const builder = new SummaryBuilder(shapeOf(rubric));
    for (const f of ['a-primary', 'b-kindergarten', 'c-primary', 'd-primary']) {
      const file = `test/fixtures/sample-rubric/schools/${f}.yaml`;
      builder.add(schoolRow(sheetOf(file, rubric), file));
    }
    const rows = table(readCsv(summaryCsv(builder.finish())));
    expect(Object.fromEntries(rows.map((r) => [r.文件?.replace(/^.*\//, ''), r.等级]))).toEqual({
      'a-primary.yaml': '卓越',
      'b-kindergarten.yaml': '—',
      'c-primary.yaml': '先进',
      'd-primary.yaml': '—',
    });
  });

  it('the hostile summary: formulas neutralised, nothing raw; the invalid file listed below the schools', () => {
    for (const lang of ['zh', 'en'] as const) {
      const records = expectSafeCsv(summaryCsv(hostileSummary(), lang));
      const rows = table(records);
      expect(rows).toHaveLength(11);
      const hostile = records.find((r) => r.some((f) => f.text.startsWith("'=<script>")));
      expect(hostile?.map((f) => f.text.slice(0, 2))).toEqual(expect.arrayContaining(["'=", "'+", "'-"]));
      const invalid = records[records.length - 1]?.map((f) => f.text) ?? [];
      expect(invalid[0]).toBe(lang === 'zh' ? '未计入（文件有错误）' : 'Not counted (errors in the file)');
      expect(invalid[1]).toMatch(/^bad\/<script>.*\\u202E \\r\\n\\t/);
      expect(invalid[2]).toMatch(/^3:7 /);
    }
  });

  it('is deterministic', () => {
    expect(summaryCsv(hostileSummary())).toBe(summaryCsv(hostileSummary()));
    expect(summaryCsv(citySummary(), 'en')).toBe(summaryCsv(citySummary(), 'en'));
  });
});

describe('the CLI (the bundle)', () => {
  const bin = 'bin/jiaxiao.cjs';
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  it('score --format csv writes the sheet a renderer makes', () => {
    const r = run(['score', 'examples/schools/typical-primary.yaml', '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(sheetCsv(typicalSheet()));
  });

  it('score a folder --out: every sheet and summary.csv, each a CSV with its BOM', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jiaxiao-csv-')), 'out');
    try {
      const r = run(['score', 'examples/county', '--out', out, '--format', 'csv']);
      expect(r.status).toBe(0);
      const files = readdirSync(out).sort();
      expect(files).toHaveLength(11);
      expect(files).toContain('summary.csv');
      for (const f of files) expectSafeCsv(readFileSync(join(out, f), 'utf8'));
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(summaryCsv(countySummary()));
      expect(r.stdout).toBe(summaryCsv(countySummary()));
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });
});
