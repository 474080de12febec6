// The XLSX format, read back with exceljs: sheets, merges, values and their types, number formats, widths,
// print set-up, the batch's sheets and names, hostile strings, and the same bytes for the same input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXlsx } from '../../src/base/escape.js';
import { UNSAFE_CHARS } from '../../src/base/unsafe-chars.js';
import { problemText } from '../../src/i18n/messages.js';
import { fitWidth, textWidth } from '../../src/render/xlsx/cells.js';
import { SHEET_NAME_MAX, SheetNamer, safeSheetName } from '../../src/render/xlsx/sheet-names.js';
import { fixZipTimes } from '../../src/render/xlsx/workbook.js';
import type { Sheet } from '../../src/report/sheet.js';
import { type Summary, SummaryBuilder, shapeOf } from '../../src/report/summary.js';
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
  typicalSheet,
} from '../format-fixtures.js';
import { expectGolden } from '../golden.js';

const xlsx = formatNamed('xlsx');
type Lang = 'zh' | 'en';

async function bytesOfSheet(sheet: Sheet, lang: Lang = 'zh', details = false): Promise<Uint8Array> {
  const out = await xlsx.sheet(sheet, { ...renderOptions(lang), details });
  expect(out).toBeInstanceOf(Uint8Array);
  return out as Uint8Array;
}
async function bytesOfSummary(summary: Summary, lang: Lang = 'zh'): Promise<Uint8Array> {
  const out = await xlsx.summary(summary, renderOptions(lang));
  expect(out).toBeInstanceOf(Uint8Array);
  return out as Uint8Array;
}
async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}
const readSheet = async (sheet: Sheet, lang: Lang = 'zh', details = false) =>
  load(await bytesOfSheet(sheet, lang, details));
const readSummary = async (summary: Summary, lang: Lang = 'zh') => load(await bytesOfSummary(summary, lang));

const sheetsOf = (wb: ExcelJS.Workbook) => wb.worksheets;
const first = (wb: ExcelJS.Workbook): ExcelJS.Worksheet => {
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
};
const named = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no worksheet ${name}`);
  return ws;
};
const merges = (ws: ExcelJS.Worksheet): string[] => [...(ws.model.merges ?? [])].sort();
const str = (ws: ExcelJS.Worksheet, row: number, col: number): string => {
  const v = ws.getCell(row, col).value;
  if (typeof v !== 'string') throw new Error(`${ws.name}!${ws.getCell(row, col).address} is not a string: ${v}`);
  return v;
};
/** Rows whose first cell (or any cell) holds exactly `text`. */
const rowWith = (ws: ExcelJS.Worksheet, text: string, col = 1): number => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  throw new Error(`${ws.name}: no row with ${text} in column ${col}`);
};

/** The workbook as text for golden files: sheets, set-up, widths, merges, and every cell with type and format. */
function dump(wb: ExcelJS.Workbook): string {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    out.push(`## ${ws.name}`);
    const p = ws.pageSetup;
    out.push(
      `page: paper ${p.paperSize} ${p.orientation} fitToPage ${p.fitToPage} ${p.fitToWidth}x${p.fitToHeight} titles ${p.printTitlesRow}`,
    );
    out.push(`views: ${JSON.stringify(ws.views)}`);
    if (ws.autoFilter) out.push(`autoFilter: ${JSON.stringify(ws.autoFilter)}`);
    out.push(`widths: ${(ws.columns ?? []).map((c) => c.width ?? '-').join(' ')}`);
    out.push(`merges: ${merges(ws).join(' ')}`);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (v === null || v === undefined) return;
        const fmt = cell.numFmt ? ` [${cell.numFmt}]` : '';
        cells.push(typeof v === 'number' ? `${cell.address}=${v}${fmt}` : `${cell.address}:${JSON.stringify(v)}`);
      });
      if (cells.length > 0) out.push(`${r}${row.height ? ` (${row.height})` : ''} ${cells.join(' | ')}`);
    });
  }
  return `${out.join('\n')}\n`;
}

/** Every cell of every sheet (a merged block once, as its top-left cell). */
function allCells(wb: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (!cell.isMerged || cell.master === cell) cells.push(cell);
      });
    });
  return cells;
}

const itemCount = (sheet: Sheet) => sheet.indicators.reduce((n, b) => n + b.items.length, 0);
const HEAD_ROW = 4;
const FIRST_ROW = HEAD_ROW + 1;

describe('the xlsx format', () => {
  it('is registered as a binary format that keeps the sheets of a batch', () => {
    expect(xlsx).toMatchObject({ name: 'xlsx', ext: '.xlsx', binary: true, withSheets: true });
    expect(xlsx.help.zh).toContain('Excel');
  });

  it('loads exceljs only when asked: no module imports it at the top, and the CLI bundle leaves it out', () => {
    const files = spawnSync('git', ['ls-files', 'src'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const extra = ['src/render/xlsx/cells.ts', 'src/render/xlsx/workbook.ts', 'src/render/formats/xlsx.ts'];
    for (const file of [...new Set([...files, ...extra])].filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(file, 'utf8');
      // `import type` is erased; a value import would load the library with the module.
      expect(text, file).not.toMatch(/^import (?!type )[^;]*from 'exceljs'/m);
    }
    expect(readFileSync('src/render/xlsx/workbook.ts', 'utf8')).toContain("(await import('exceljs')).default");
    expect(readFileSync('scripts/build.mjs', 'utf8')).toMatch(/external: \['exceljs'\]/);
    // The test run builds the bundle first (global-setup): it requires exceljs, and does not contain it.
    const bundle = readFileSync('dist/cli.cjs', 'utf8');
    expect(bundle).toContain('require("exceljs")');
    expect(bundle).not.toContain('xl/worksheets/_rels/');
  });
});

describe('a school sheet', () => {
  it('has the title rows, the header, one row per 要点, and merged 一级/二级指标, 分值, 自评, 得分', async () => {
    const sheet = typicalSheet();
    const wb = await readSheet(sheet);
    expect(sheetsOf(wb).map((w) => w.name)).toEqual([sheet.school.name]);
    const ws = first(wb);
    expect(str(ws, 1, 1)).toBe(sheet.rubric.name.zh);
    expect(str(ws, 2, 1)).toContain(`学校：${sheet.school.name}`);
    expect(str(ws, 2, 1)).toContain(`学校标识码：${sheet.school.code}`);
    expect(str(ws, 3, 1)).toBe(`区县：${sheet.school.county}    学段：小学    学年：${sheet.school.year}`);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => str(ws, HEAD_ROW, c))).toEqual([
      '一级指标',
      '二级指标',
      '评估内容',
      '要点分值',
      '要点得分',
      '分值',
      '自评',
      '得分',
    ]);

    const expected: string[] = ['A1:H1', 'A2:H2', 'A3:H3'];
    let row = FIRST_ROW;
    for (const g of sheet.groups) {
      const top = row;
      for (const b of sheet.indicators.filter((x) => x.group === g.id)) {
        const bTop = row;
        expect(str(ws, bTop, 2)).toBe(`${b.id}\n${b.name.zh}`);
        expect(ws.getCell(bTop, 6).value).toBe(b.points);
        expect(ws.getCell(bTop, 7).value).toBe(b.selfScore);
        expect(ws.getCell(bTop, 8).value).toBe(b.score);
        for (const item of b.items) {
          expect(str(ws, row, 3)).toContain(item.text.zh);
          expect(ws.getCell(row, 4).value).toBe(item.max);
          expect(ws.getCell(row, 5).value).toBe(item.score);
          expect(ws.getCell(row, 5).type).toBe(ExcelJS.ValueType.Number);
          row++;
        }
        if (row - 1 > bTop) for (const c of 'BFGH') expected.push(`${c}${bTop}:${c}${row - 1}`);
      }
      expect(str(ws, top, 1)).toBe(`${g.id}\n${g.name.zh}\n（${g.points} 分）`);
      expected.push(`A${top}:A${row - 1}`);
    }
    expect(row - FIRST_ROW).toBe(itemCount(sheet));
    const got = merges(ws);
    for (const m of expected) expect(got).toContain(m);
    // B4 has a single 要点: nothing to merge there.
    const b4 = sheet.indicators.findIndex((b) => b.id === 'B4');
    expect(sheet.indicators[b4]?.items).toHaveLength(1);
    expect(got.filter((m) => /^[BFGH]\d+:[BFGH]\d+$/.test(m) && m.split(':')[0] === m.split(':')[1])).toEqual([]);
  });

  it('shows each 要点 with ✓/✗ and the reasons for lost points on the following lines, wrapped', async () => {
    const sheet = typicalSheet();
    const ws = first(await readSheet(sheet));
    const b3 = sheet.indicators.find((b) => b.id === 'B3');
    const failed = b3?.items[0]?.checks.find((c) => c.applicable && !c.passed);
    const passed = b3?.items[0]?.checks.find((c) => c.passed);
    if (!failed || !passed) throw new Error('fixture: B3.1 has a failed and a passed check');
    const r = rowWith(ws, `✗ 1. ${b3?.items[0]?.text.zh}\n✗ ${failed.id} ${failed.reason.zh}`, 3);
    expect(ws.getCell(r, 3).alignment?.wrapText).toBe(true);
    expect(str(ws, r, 3)).not.toContain(passed.id);
    expect(str(ws, r + 1, 3)).toBe(`✓ 2. ${b3?.items[1]?.text.zh}`);
    // Lost points in red.
    expect(ws.getCell(r, 5).font?.color?.argb).toBe('FFC00000');
    // With --details, passed checks' reasons too.
    const detailed = first(await readSheet(sheet, 'zh', true));
    expect(str(detailed, r, 3)).toContain(`✓ ${passed.id} ${passed.reason.zh}`);
  });

  it('gives the totals as numbers, exactly the model’s, and flags a self-score above the score', async () => {
    const sheet = typicalSheet();
    const ws = first(await readSheet(sheet));
    const totalRow = FIRST_ROW + itemCount(sheet);
    expect(str(ws, totalRow, 1)).toBe('合计');
    expect(ws.getCell(totalRow, 4).value).toBe(sheet.max);
    expect(ws.getCell(totalRow, 6).value).toBe(sheet.rubric.total);
    expect(ws.getCell(totalRow, 7).value).toBe(sheet.selfTotal);
    expect(ws.getCell(totalRow, 8).value).toBe(sheet.base);
    for (const [label, value] of [
      ['得分合计', sheet.total],
      ['应得满分', sheet.max],
      ['折算分（得分合计 ÷ 应得满分 × 100）', sheet.normalized],
    ] as const) {
      const r = rowWith(ws, label);
      expect(ws.getCell(r, 8).type).toBe(ExcelJS.ValueType.Number);
      expect(ws.getCell(r, 8).value).toBe(value);
    }
    expect(ws.getCell(rowWith(ws, '得分合计'), 8).value).toBe(54.25);
    // Points as General: 54.25 shows 54.25, 3 shows 3.
    expect(ws.getCell(rowWith(ws, '得分合计'), 8).numFmt ?? 'General').toBe('General');
    // B3: self 3, computed 2.5: the 自评 cell is marked and a line says so.
    const b3Row = rowWith(ws, 'B3\n师资队伍', 2);
    expect(ws.getCell(b3Row, 7).value).toBe(3);
    expect(ws.getCell(b3Row, 7).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell(rowWith(ws, 'B1\n管理制度', 2), 7).fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const over = sheet.indicators.filter((b) => b.overclaim);
    const lines = allCells(await readSheet(sheet)).filter((c) => String(c.value).startsWith('⚠'));
    expect(lines.map((c) => c.value)).toEqual(
      over.map((b) => `⚠ ${b.id} ${b.name.zh}：自评 ${b.selfScore} 分，核定得分 ${b.score} 分（自评高于核定得分）`),
    );
  });

  it('ends with the lines to sign', async () => {
    const ws = first(await readSheet(typicalSheet()));
    const r = rowWith(ws, '学校（盖章）：');
    expect(str(ws, r, 4)).toBe('填表人：');
    expect(str(ws, r + 1, 1)).toBe('审核人：');
    expect(str(ws, r + 1, 4)).toMatch(/^日期：\s+年\s+月\s+日$/);
    expect(r + 1).toBe(ws.rowCount);
  });

  it('shows a 要点 that does not apply as — (不适用), with the applicable maximum below the rubric’s', async () => {
    const sheet = kindergartenSheet();
    const ws = first(await readSheet(sheet));
    const b10 = sheet.indicators.find((b) => b.id === 'B10');
    const none = b10?.items[0];
    if (!b10 || !none) throw new Error('fixture');
    expect(none.checks.every((c) => !c.applicable)).toBe(true);
    const r = rowWith(ws, `B10\n${b10.name.zh}`, 2);
    expect(str(ws, r, 3).split('\n')[0]).toBe(`— 1. ${none.text.zh}（不适用）`);
    expect(str(ws, r, 3)).toContain(`— ${none.checks[0]?.id} 不适用：`);
    expect(ws.getCell(r, 4).value).toBe('—');
    expect(ws.getCell(r, 5).value).toBe('—');
    expect(ws.getCell(r, 6).value).toBe(10);
    expect(ws.getCell(rowWith(ws, '应得满分'), 8).value).toBe(95);
    expect(ws.getCell(rowWith(ws, '折算分（得分合计 ÷ 应得满分 × 100）'), 8).value).toBe(sheet.normalized);
  });

  it('speaks English with lang en', async () => {
    const sheet = kindergartenSheet();
    const ws = first(await readSheet(sheet, 'en'));
    expect(str(ws, 1, 1)).toBe(sheet.rubric.name.en);
    expect(str(ws, 3, 1)).toContain('Stage: kindergarten');
    expect(str(ws, HEAD_ROW, 3)).toBe('Content');
    expect(str(ws, HEAD_ROW, 5)).toBe('Item score');
    expect(ws.getCell(rowWith(ws, 'Total score'), 8).value).toBe(sheet.total);
    expect(str(ws, rowWith(ws, 'School (seal):'), 4)).toBe('Filled in by:');
  });

  it('fits its columns to Chinese text, within bounds', async () => {
    expect(textWidth('评估内容')).toBe(8);
    expect(textWidth('B3\n师资队伍')).toBe(8);
    expect(fitWidth(['一级指标'], 6, 12)).toBe(10);
    expect(fitWidth(['很'.repeat(100)], 30, 60)).toBe(60);
    expect(fitWidth(['a'], 30, 60)).toBe(30);
    const ws = first(await readSheet(typicalSheet()));
    const widths = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getColumn(c).width ?? 0);
    expect(widths[0]).toBeGreaterThanOrEqual(textWidth('一级指标') + 2);
    expect(widths[2]).toBeGreaterThanOrEqual(30);
    expect(widths[2]).toBeLessThanOrEqual(60);
    // 评估内容 is the widest; each numeric column holds its Chinese heading.
    expect(Math.max(...widths)).toBe(widths[2]);
    expect(widths[3]).toBeGreaterThanOrEqual(textWidth('要点分值') + 2);
    // A wrapped 要点 gets the height of its lines.
    const sheet = typicalSheet();
    const r = rowWith(ws, 'B6\n家长学校', 2) + 1;
    const lines = str(ws, r, 3).split('\n').length;
    expect(lines).toBeGreaterThan(1);
    expect(ws.getRow(r).height).toBeGreaterThanOrEqual(lines * 15);
    expect(sheet.indicators.length).toBe(12);
  });

  it('prints on A4 portrait, one page wide, the header repeated, frozen below the header', async () => {
    const ws = first(await readSheet(typicalSheet()));
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5 });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.headerFooter.oddFooter).toBe('第 &P 页，共 &N 页');
  });

  it('shows a rubric’s 加分, 扣分, 一票否决 and 等级', async () => {
    const rubricFile = 'test/fixtures/sample-rubric/rubric.yaml';
    const loaded = loadRubricText(readFileSync(rubricFile, 'utf8'), rubricFile);
    if (!loaded.rubric) throw new Error('sample rubric');
    const sheet = sheetOf('test/fixtures/sample-rubric/schools/c-primary.yaml', loaded.rubric);
    const ws = first(await readSheet(sheet));
    if (!sheet.bonus || !sheet.deductions || !sheet.level) throw new Error('fixture');
    expect(ws.getCell(rowWith(ws, `加分（上限 ${sheet.bonus.cap} 分）`), 8).value).toBe(sheet.bonus.total);
    const deduction = ws.getCell(rowWith(ws, `扣分（上限 ${sheet.deductions.cap} 分）`), 8).value;
    expect(deduction).toBe(sheet.deductions.total === 0 ? 0 : -sheet.deductions.total);
    expect(rowWith(ws, '一票否决')).toBeGreaterThan(rowWith(ws, `加分（上限 ${sheet.bonus.cap} 分）`));
    const v2 = allCells(await readSheet(sheet)).find((c) => String(c.value).startsWith('✗ V2 '));
    expect(String(v2?.value)).toContain('触发');
    expect(ws.getCell(rowWith(ws, '得分合计'), 8).value).toBe(sheet.total);
    expect(str(ws, rowWith(ws, '等级（按折算分）'), 8)).toBe(`${sheet.level.name?.zh}（被一票否决：V2）`);
    const x1 = sheet.bonus.items[0];
    if (!x1) throw new Error('fixture');
    expect(allCells(await readSheet(sheet)).map((c) => c.value)).toContain(
      `${x1.score > 0 ? '+' : '·'} ${x1.id} ${x1.label.zh}（+${x1.score}/${x1.points}）：${x1.reason.zh}`,
    );
    expectGolden('xlsx/sample-rubric-c.zh.txt', dump(await readSheet(sheet)));
  });

  it('holds a huge text to what Excel takes: 32,767 characters a cell, rows at most 409 points', async () => {
    const sheet = typicalSheet();
    const item = sheet.indicators[0]?.items[0];
    if (!item) throw new Error('fixture');
    item.text = { zh: '长'.repeat(40_000), en: 'x'.repeat(40_000) };
    const ws = first(await readSheet(sheet));
    const cell = str(ws, FIRST_ROW, 3);
    expect(cell.length).toBe(32_767);
    expect(cell.endsWith('…')).toBe(true);
    for (let r = 1; r <= ws.rowCount; r++) expect(ws.getRow(r).height ?? 0).toBeLessThanOrEqual(409);
    expect(ws.getRow(FIRST_ROW).height).toBe(409);
  });

  it.each([
    ['typical', typicalSheet, 'zh'],
    ['typical', typicalSheet, 'en'],
    ['kindergarten', kindergartenSheet, 'zh'],
    ['model', modelSheet, 'en'],
  ] as const)('golden: %s (%s)', async (name, make, lang) => {
    expectGolden(`xlsx/${name}.${lang}.txt`, dump(await readSheet(make(), lang)));
  });
});

describe('a batch', () => {
  it('puts the ranking first, then the statistics, then a sheet per school in ranking order', async () => {
    const summary = countySummary(true);
    const wb = await readSummary(summary);
    const names = sheetsOf(wb).map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(['排名', '各指标得分', '最常失分的要点']);
    expect(names.slice(3)).toEqual(summary.ranking.map((r) => `${r.rank} ${r.name}`));
    expect(names.length - 3).toBe(summary.schools);
  });

  it('ranks with a frozen header and an auto-filter, numbers as numbers', async () => {
    const summary = countySummary(true);
    const ws = named(await readSummary(summary), '排名');
    const heads = (ws.getRow(1).values as unknown[]).slice(1);
    expect(heads).toEqual([
      '排名',
      '学校',
      '学校标识码',
      '区县',
      '学段',
      'A1 保障条件',
      'A2 家校合作',
      'A3 教育成效',
      '总分',
      '应得满分',
      '折算分',
      '自评总分',
      '自评−得分',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:M${summary.ranking.length + 1}`);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:1',
    });
    summary.ranking.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.rank);
      expect(row.getCell(2).value).toBe(r.name);
      expect(row.getCell(3).value).toBe(r.code);
      expect(row.getCell(6).value).toBe((r.groups[0] ?? 0) / 100);
      expect(row.getCell(9).value).toBe(r.total / 100);
      expect(row.getCell(11).value).toBe(r.normalized / 100);
      expect(row.getCell(11).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(11).numFmt).toBe('0.00');
      expect(row.getCell(13).value).toBe(r.selfMinusScore === null ? null : r.selfMinusScore / 100);
    });
    expect(ws.getCell(2, 11).value).toBeGreaterThanOrEqual(ws.getCell(3, 11).value as number);
  });

  it('gives attainment per 二级指标 and the most missed 要点, rates as percentages', async () => {
    const summary = countySummary(true);
    const wb = await readSummary(summary);
    const ws = named(wb, '各指标得分');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '指标',
      '名称',
      '分值',
      '适用学校',
      '满分学校',
      '满分率',
      '平均',
      '中位数',
      '最低',
      '最高',
    ]);
    summary.indicators.forEach((a, k) => {
      const row = ws.getRow(k + 2);
      expect(row.getCell(1).value).toBe(a.id);
      expect(row.getCell(2).value).toBe(summary.shape.indicators[k]?.name.zh);
      expect(row.getCell(4).value).toBe(a.schools);
      expect(row.getCell(5).value).toBe(a.full);
      expect(row.getCell(6).value).toBe(a.rate / 10000);
      expect(row.getCell(6).numFmt).toBe('0.00%');
      expect(row.getCell(7).value).toBe(a.score.mean / 100);
      expect(row.getCell(10).value).toBe(a.score.max / 100);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const missed = named(wb, '最常失分的要点');
    expect(summary.mostMissed.length).toBeGreaterThan(0);
    expect(summary.mostMissed.map((_, k) => missed.getCell(k + 2, 1).value)).toEqual(summary.mostMissed);
  });

  it('adds county ranks and the counties when there are several', async () => {
    const summary = citySummary(true);
    expect(summary.counties.length).toBe(2);
    const wb = await readSummary(summary);
    expect(
      sheetsOf(wb)
        .map((w) => w.name)
        .slice(0, 4),
    ).toEqual(['排名', '各区县', '各指标得分', '最常失分的要点']);
    const ranking = named(wb, '排名');
    expect(ranking.getCell(1, 2).value).toBe('区县排名');
    summary.ranking.forEach((r, i) => {
      expect(ranking.getCell(i + 2, 2).value).toBe(r.countyRank);
    });
    const counties = named(wb, '各区县');
    summary.counties.forEach((c, i) => {
      expect(counties.getCell(i + 2, 1).value).toBe(c.county);
      expect(counties.getCell(i + 2, 2).value).toBe(c.schools);
      expect(counties.getCell(i + 2, 3).value).toBe(c.normalized.mean / 100);
    });
  });

  it('gives each school the same sheet as on its own, its total the sheet’s', async () => {
    const summary = citySummary(true);
    const wb = await readSummary(summary);
    const schools = sheetsOf(wb).slice(4);
    expect(schools).toHaveLength(summary.sheets.length);
    for (const [i, sheet] of summary.sheets.entries()) {
      const ws = schools[i];
      if (!ws) throw new Error('missing sheet');
      expect(ws.getCell(rowWith(ws, '得分合计'), 8).value).toBe(sheet.total);
      expect(ws.getCell(rowWith(ws, '得分合计'), 8).value).toBe((summary.ranking[i]?.total ?? 0) / 100);
      const alone = first(await readSheet(sheet));
      const body = (w: ExcelJS.Worksheet) =>
        dump({ worksheets: [w] } as unknown as ExcelJS.Workbook).replace(/^## .*\n/, '');
      expect(body(ws)).toBe(body(alone));
    }
  });

  it('renders a batch where no file could be scored: the empty ranking, the files not counted', async () => {
    const builder = new SummaryBuilder(shapeOf(defaultRubric()));
    builder.addInvalid('bad.yaml', [
      { severity: 'error', code: 'yaml.syntax', params: { detail: 'x' }, file: 'bad.yaml', line: 2, col: 1 },
    ]);
    const summary = builder.finish();
    const wb = await readSummary(summary);
    expect(sheetsOf(wb).map((w) => w.name)).toEqual(['排名', '各指标得分', '未计入的文件']);
    expect(named(wb, '排名').getCell(2, 1).value).toBeNull();
    expect(named(wb, '各指标得分').getCell(2, 6).value).toBe('—');
    expect(named(wb, '未计入的文件').getCell(2, 1).value).toBe('bad.yaml');
  });

  it.each([
    ['county', () => countySummary(true), 'zh'],
    ['county', () => countySummary(true), 'en'],
    ['city', () => citySummary(true), 'zh'],
  ] as const)('golden: %s summary (%s)', async (name, make, lang) => {
    const wb = await readSummary(make(), lang);
    // The summary sheets; each school's sheet is the single sheet's layout, checked above.
    const summarySheets = wb.worksheets.filter((w) => !/^\d+ /.test(w.name));
    expectGolden(
      `xlsx/${name}-summary.${lang}.txt`,
      dump({ worksheets: summarySheets } as unknown as ExcelJS.Workbook),
    );
  });
});

describe('sheet names', () => {
  const valid = (name: string) => {
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(name).not.toMatch(/[[\]:*?/\\]/);
    // Excel refuses ' at either end; exceljs's print-title reference breaks on one anywhere.
    expect(name).not.toContain("'");
    expect(name.toLowerCase()).not.toBe('history');
    expect(name).not.toMatch(UNSAFE_CHARS);
    // No lone surrogate from the cut.
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
  };

  it('are safe and unique, whatever the names (property)', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('[', ']', ':', '*', '?', '/', '\\', "'", 'History', 'history', '\u001b', '\n', '\u202e'),
      fc.constantFrom('利通区第一小学', '𠀀𠀁', '=1+1', ' ', '\u3000'),
    );
    const name = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 12 }), async (raw) => {
        const namer = new SheetNamer();
        const names = raw.map((r) => namer.name(r));
        for (const n of names) valid(n);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        // exceljs takes them all as they are (it throws on a bad or duplicate name, and cuts long ones).
        const wb = new ExcelJS.Workbook();
        for (const n of names) expect(wb.addWorksheet(n).name).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('make print titles Excel can read, even for a name with a quote', async () => {
    const sheet = typicalSheet();
    sheet.school.name = "O'Brien 学校";
    const bytes = await bytesOfSheet(sheet);
    const wb = await load(bytes);
    expect(first(wb).name).toBe('O’Brien 学校');
    await expectPrintTitles(bytes, ['O’Brien 学校']);
  });

  it('keep a name as close as they can', () => {
    expect(safeSheetName('1 利通区第一小学')).toBe('1 利通区第一小学');
    expect(safeSheetName('a[b]c:d*e?f/g\\h')).toBe('a_b_c_d_e_f_g_h');
    expect(safeSheetName("'quoted'")).toBe('’quoted’');
    expect(safeSheetName("1 O'Brien")).toBe('1 O’Brien');
    expect(safeSheetName('History')).toBe('History_');
    expect(safeSheetName('')).toBe('Sheet');
    expect(safeSheetName('x\ny')).toBe('x_ny');
    const long = `1 ${'很长的学校名称'.repeat(6)}`;
    expect(safeSheetName(long)).toBe(long.slice(0, 31));
    const namer = new SheetNamer();
    expect([namer.name(long), namer.name(long), namer.name(long.toUpperCase())]).toEqual([
      long.slice(0, 31),
      `${long.slice(0, 27)} (2)`,
      `${long.slice(0, 27)} (3)`,
    ]);
    const n2 = new SheetNamer();
    expect([n2.name('排名'), n2.name('排名'), n2.name('ABC'), n2.name('abc')]).toEqual([
      '排名',
      '排名 (2)',
      'ABC',
      'abc (2)',
    ]);
  });
});

/**
 * A string cell is safe: its lines are ours (a 要点 and its reasons), each without an unsafe character, a CI
 * command, or HOSTILE broken over two lines (its own \r\n shows escaped); the cell starts with no = + - @.
 */
function expectSafe(value: string, where: string): void {
  expect(value, where).not.toMatch(/^[=+\-@]/);
  for (const line of value.split('\n')) {
    expect(line, where).not.toMatch(UNSAFE_CHARS);
    expect(line, where).not.toMatch(/##\[|^\s*::/);
    if (line.includes('<script>')) expect(line, where).toContain(']]>');
  }
}

/** Each sheet's print titles are a well-formed reference to it ('name'!$4:$4, a ' inside doubled). */
async function expectPrintTitles(bytes: Uint8Array, names: string[]): Promise<void> {
  const JSZip = (await import('jszip')).default;
  const xml = (await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')?.async('string')) ?? '';
  const titles = [...xml.matchAll(/<definedName name="_xlnm.Print_Titles"[^>]*>([^<]*)</g)].map((m) =>
    (m[1] ?? '')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
  expect(titles).toHaveLength(names.length);
  titles.forEach((t, i) => {
    expect(t).toMatch(/^'(?:[^']|'')+'!\$\d+:\$\d+$/);
    expect(t.slice(1, t.lastIndexOf("'")).replace(/''/g, "'")).toBe(names[i]);
  });
}

describe('escaping', () => {
  it('escapeXlsx: controls visible, CI commands broken, formulas neutralised', () => {
    expect(escapeXlsx('利通区第一小学')).toBe('利通区第一小学');
    expect(escapeXlsx('a\u001b[31mb\nc\u202e')).toBe('a\\e[31mb\\nc\\u202E');
    for (const lead of ['=', '+', '-', '@']) expect(escapeXlsx(`${lead}SUM(A1)`)).toBe(`'${lead}SUM(A1)`);
    expect(escapeXlsx('1+1')).toBe('1+1');
    expect(escapeXlsx('::error::x')).toBe('\\x3a:error::x');
    expect(escapeXlsx('a ##[error]b')).toBe('a \\x23#[error]b');
    expect(escapeXlsx('\t=1')).toBe('\\t=1');
  });

  it('a hostile sheet: every string a string cell, no formula, no raw control character, <script> as text', async () => {
    const sheet = hostileSheet();
    const wb = await readSheet(sheet);
    const cells = allCells(wb);
    expect(cells.length).toBeGreaterThan(100);
    for (const c of cells) {
      expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula);
      expect(c.formula, c.address).toBeUndefined();
      if (typeof c.value === 'string') expectSafe(c.value, c.address);
      else expect(['number', 'object'].includes(typeof c.value) || c.value === null, c.address).toBe(true);
    }
    const ws = first(wb);
    expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
    // The name keeps its text, escaped, never evaluated. After 学校： it cannot start a formula: no ' is put
    // before it, which would only show inside the text. Every cell that starts with = + - @ has its '.
    expect(str(ws, 2, 1)).toContain("学校：=<script>alert(1)</script> =cmd|' /C calc'!A0 +1 -2 @SUM(A1)");
    expect(str(ws, 2, 1)).toContain('学校标识码：-<script>');
    for (const c of cells)
      if (typeof c.value === 'string') expect(/^\s*[=+\-@＝＋－＠]/.test(c.value), c.address).toBe(false);
    expect(str(ws, 2, 1)).toContain('\\e[31m \\u202E \\r\\n\\t& "q"');
    expect(str(ws, 1, 1)).toContain('<script>alert(1)</script>');
    // The raw XML: no formula element anywhere.
    const bytes = await bytesOfSheet(sheet);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    for (const file of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) {
      const xml = (await zip.file(file)?.async('string')) ?? '';
      expect(xml, file).not.toMatch(/<f[ >]/);
      // The XML's own line break after its declaration aside.
      expect(xml.replace(/\n/g, ''), file).not.toMatch(UNSAFE_CHARS);
      expect(xml, file).not.toContain('<script>');
    }
  });

  it('a hostile batch: safe sheet names, the invalid file listed, no formula, no raw control character', async () => {
    const summary = hostileSummary(true);
    const wb = await readSummary(summary);
    const names = sheetsOf(wb).map((w) => w.name);
    expect(names).toContain('未计入的文件');
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    for (const c of allCells(wb)) {
      expect(c.type, `${c.worksheet.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof c.value === 'string') expectSafe(c.value, `${c.worksheet.name}!${c.address}`);
    }
    await expectPrintTitles(await bytesOfSummary(summary), names);
    const invalid = named(wb, '未计入的文件');
    expect(str(invalid, 2, 1)).toBe(escapeXlsx(`bad/${HOSTILE}.yaml`));
    expect(str(invalid, 2, 2)).toBe('3:7');
    expect(str(invalid, 2, 3)).toBe('错误');
    const problem = summary.invalidFiles[0]?.problems[0];
    if (!problem) throw new Error('fixture');
    expect(str(invalid, 2, 4)).toBe(escapeXlsx(problemText(problem, 'zh')));
    const ranking = named(wb, '排名');
    expect(
      allCells(wb).some((c) => c.worksheet === ranking && String(c.value).includes('另有 1 个文件因错误未计入')),
    ).toBe(true);
    const hostileRow = summary.ranking.findIndex((r) => r.name.startsWith('='));
    // Its own county (+HOSTILE) makes two: the county rank comes second, the name third.
    expect(summary.counties).toHaveLength(2);
    expect(str(ranking, hostileRow + 2, 3)).toBe(escapeXlsx(`=${HOSTILE}`));
    expect(str(ranking, hostileRow + 2, 3).startsWith("'=<script>")).toBe(true);
  });
});

describe('the same bytes', () => {
  it('for the same input, even seconds apart (document dates and zip entry times fixed)', async () => {
    const sheet = typicalSheet();
    const summary = citySummary(true);
    const a = await bytesOfSheet(sheet);
    const s1 = await bytesOfSummary(summary);
    await new Promise((r) => setTimeout(r, 2100));
    const b = await bytesOfSheet(sheet);
    const s2 = await bytesOfSummary(summary);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(Buffer.compare(Buffer.from(s1), Buffer.from(s2))).toBe(0);
    const wb = await load(a);
    expect(wb.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    // Every entry of the zip has the fixed time: 2000-01-01 00:00:00 in MS-DOS form.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(a);
    for (const f of Object.values(zip.files)) expect(f.date.getUTCFullYear(), f.name).toBe(2000);
  }, 15_000);

  it('fixZipTimes refuses what is not a zip', () => {
    expect(() => fixZipTimes(new Uint8Array(100))).toThrow(/central directory/);
  });
});

describe('the CLI', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['bin/jiaxiao.cjs', ...args], {
      encoding: 'buffer',
      env: { PATH: process.env.PATH ?? '' },
    });

  it('writes a school’s workbook and a batch’s with -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-xlsx-'));
    try {
      const one = join(dir, 's.xlsx');
      expect(run(['score', 'examples/schools/typical-primary.yaml', '--format', 'xlsx', '-o', one]).status).toBe(0);
      const ws = first(await load(readFileSync(one)));
      expect(ws.getCell(rowWith(ws, '得分合计'), 8).value).toBe(54.25);
      const city = join(dir, 'c.xlsx');
      expect(run(['score', 'examples/city', '--format', 'xlsx', '-o', city]).status).toBe(0);
      const wb = await load(readFileSync(city));
      expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['排名', '各区县']);
      expect(wb.worksheets.length).toBe(4 + citySummary().schools);
      // The same bytes as the renderer gives.
      expect(Buffer.compare(readFileSync(one), Buffer.from(await bytesOfSheet(typicalSheet())))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const soffice = spawnSync('which', ['soffice']).status === 0;
  it.skipIf(!soffice)('opens in LibreOffice (converted to CSV headless)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-xlsx-lo-'));
    try {
      const file = join(dir, 's.xlsx');
      expect(run(['score', 'examples/schools/typical-primary.yaml', '--format', 'xlsx', '-o', file]).status).toBe(0);
      const r = spawnSync('soffice', ['--headless', '--convert-to', 'csv', '--outdir', dir, file], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(readFileSync(join(dir, 's.csv'), 'utf8')).toContain('54.25');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
