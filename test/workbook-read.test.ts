// Reading evidence workbooks: the same evidence as the YAML twin, every problem at its sheet and cell with
// the YAML path's label and advice, cells as clerks fill them (date cells or text, numbers as text, TRUE),
// empty and trailing rows, title rows, merged cells, frozen panes, moved columns; and files that are not ours.
import type { Workbook } from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { problemLine, problemText } from '../src/i18n/messages.js';
import { scoreSchool } from '../src/index.js';
import { XlsxBook } from '../src/io/xlsx.js';
import { validateEvidence } from '../src/validation/validate.js';
import {
  edited,
  exampleData,
  oleOf,
  readBack,
  rubric,
  sheetOf,
  workbookOf,
  xlsxOf,
  zipOf,
} from './workbook-fixtures.js';

vi.setConfig({ testTimeout: 60_000 });

const typical = exampleData('typical-primary');
const typicalBook = workbookOf(typical);

/** Problems as "cell code", in the order a report lists them. */
const places = (problems: { cell?: string; code: string }[]) => problems.map((p) => `${p.cell ?? '-'} ${p.code}`);

describe('a workbook written from the examples', () => {
  it.each(['model-primary', 'typical-primary', 'kindergarten'])(
    '%s reads back as the same evidence and score',
    async (name) => {
      const data = exampleData(name);
      const parsed = readBack(await workbookOf(data));
      expect(parsed.problems).toEqual([]);
      expect(parsed.evidence?.data).toEqual(data);
      const again = readBack(await workbookOf(data));
      expect(again.evidence && scoreSchool(rubric, again.evidence).total).toBe(
        parsed.evidence && scoreSchool(rubric, parsed.evidence).total,
      );
    },
  );

  it('puts a record of several dates on a row per date, and reads the rows back as one record', async () => {
    const bytes = await edited(await typicalBook, () => {});
    const parsed = readBack(bytes);
    const homework = parsed.evidence?.data.ledger?.find((e) => e.type === 'homework');
    expect(homework?.dates).toEqual(typical.ledger?.find((e) => e.type === 'homework')?.dates);
    expect(homework?.date).toBeUndefined();
  });
});

describe('problems point at sheet and cell, with the label and advice YAML gets', () => {
  it('a wrong date, money with a unit, a percentage, 有 for yes, an unknown type, a row without a date', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      const info = wb.getWorksheet('基本情况');
      const ledger = wb.getWorksheet('台账');
      const surveys = wb.getWorksheet('满意度调查');
      if (!info || !ledger || !surveys) throw new Error('sheet missing');
      expect(info.getCell('A24').value).toBe('家庭教育经费实际支出（元）');
      expect(ledger.getCell('A14').value).toBe('家庭教育读书活动');
      expect(ledger.getCell('A61').value).toBe('社区家庭教育指导');
      ledger.getCell('B14').value = '2023/13/01';
      info.getCell('B24').value = '3万元';
      surveys.getCell('D4').value = '95%';
      info.getCell('B11').value = '有';
      ledger.getCell('A2').value = '讲座';
      ledger.getCell('B61').value = null;
    });
    const parsed = readBack(bytes);
    expect(parsed.evidence).toBeUndefined();
    expect(places(parsed.problems).sort()).toEqual(
      [
        '台账!A2 workbook.choice',
        '台账!B14 value.date',
        '台账!B61 workbook.noDate',
        '基本情况!B11 workbook.yesNo',
        '基本情况!B24 value.notNumber',
        '满意度调查!D4 value.percent',
      ].sort(),
    );
    const line = (cell: string) => {
      const p = parsed.problems.find((x) => x.cell === cell);
      if (!p) throw new Error(`no problem at ${cell}`);
      return problemLine(p, 'zh');
    };
    expect(line('台账!B14')).toBe(
      '证据.xlsx:台账!B14 错误 日期：“2023/13/01”不是有效日期。写成 YYYY-MM-DD，如 2023-09-01',
    );
    expect(line('基本情况!B24')).toBe(
      '证据.xlsx:基本情况!B24 错误 家庭教育经费实际支出（元）：“3万元”不是数字。写金额数字，不带“元”，如 30000',
    );
    expect(line('满意度调查!D4')).toBe(
      '证据.xlsx:满意度调查!D4 错误 满意人数：“95%”是百分比。请填写原始数量（如人数），比例由工具计算。写整数，不带单位，如 1000',
    );
    expect(line('基本情况!B11')).toBe(
      '证据.xlsx:基本情况!B11 错误 学校发展规划中有家庭教育实施项目：“有”不是“是”或“否”。请从下拉列表中选择“是”或“否”',
    );
    expect(line('台账!A2')).toContain('“讲座”不在下拉列表中。是否应为“专题培训讲座”？');
    expect(line('台账!B61')).toContain('这一行缺少日期');
    const english = parsed.problems.find((x) => x.cell === '基本情况!B24');
    expect(english && problemText(english, 'en')).toBe(
      'family-education spending (yuan) · 家庭教育经费实际支出（元）: "3万元" is not a number',
    );
  });

  it('a number cell shown as a percentage is a percentage', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      const cell = wb.getWorksheet('满意度调查')?.getCell('D4');
      if (!cell) throw new Error('no cell');
      cell.value = 0.95;
      // A style of its own: exceljs shares one style object among the cells of a loaded style.
      cell.style = { ...cell.style, numFmt: '0%' };
    });
    const problems = readBack(bytes).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ cell: '满意度调查!D4', code: 'value.percent', params: { input: '95%' } });
  });

  it('consistency and self-score problems are placed at cells too', async () => {
    const over = await edited(await typicalBook, (wb) => {
      sheetOf(wb, '满意度调查').getCell('D4').value = 5000; // satisfied > respondents
    });
    expect(places(readBack(over).problems)).toEqual(['满意度调查!D4 count.over']);
    const overclaim = await edited(await typicalBook, (wb) => {
      const self = wb.getWorksheet('自评');
      expect(self?.getCell('A5').value).toBe('B4');
      if (self) self.getCell('D5').value = 30; // B4 is worth 3
    });
    const [p] = readBack(overclaim).problems;
    expect(p).toMatchObject({ cell: '自评!D5', path: 'selfScores.B4', severity: 'error' });
  });

  it('validate places completeness warnings at the cell to fill in', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      sheetOf(wb, '基本情况').getCell('B21').value = null; // lecturers
    });
    const result = validateEvidence(bytes, '证据.xlsx', rubric, { strict: false });
    expect(result.problems.map((x) => `${x.severity} ${x.cell}`)).toContain('warning 基本情况!B21');
  });
});

describe('hostile and mistyped cells', () => {
  it('a control character smuggled in as OOXML _x001B_ is refused at its cell and never printed raw', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      sheetOf(wb, '台账').getCell('C2').value = '_x001B_[31m红字';
    });
    const [p] = readBack(bytes).problems;
    expect(p).toMatchObject({ cell: '台账!C2', code: 'value.controlChar', params: { char: 'U+001B', index: 1 } });
    const line = p ? problemLine(p, 'zh') : '';
    expect(line).toContain('证据.xlsx:台账!C2 错误 标题：');
    expect(line).not.toContain(String.fromCharCode(27));
  });

  it('a stage written short is the stage; a stage not in the list gets the list and a suggestion', async () => {
    const short = await edited(await typicalBook, (wb) => {
      sheetOf(wb, '基本情况').getCell('B5').value = '九年一贯制';
    });
    expect(readBack(short).evidence?.data.school.stage).toBe('nine-year');
    const wrong = await edited(await typicalBook, (wb) => {
      sheetOf(wb, '基本情况').getCell('B5').value = '初级中学';
    });
    const [p] = readBack(wrong).problems;
    expect(p).toMatchObject({ cell: '基本情况!B5', code: 'workbook.choice', params: { input: '初级中学' } });
    expect(p && problemText(p, 'zh')).toBe(
      '学段：“初级中学”不在下拉列表中。是否应为“初中”？请从下拉列表中选择：幼儿园、小学、初中、高中、九年一贯制学校、完全中学',
    );
  });
});

describe('cells as clerks fill them', () => {
  it('a date as a serial number, a date as text, a count as text, TRUE for yes: the same evidence', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      const ledger = wb.getWorksheet('台账');
      const info = wb.getWorksheet('基本情况');
      if (!ledger || !info) throw new Error('sheet missing');
      expect(ledger.getCell('B3').value).toEqual(new Date(Date.UTC(2023, 8, 20)));
      ledger.getCell('B3').value = 45189; // 2023-09-20 as Excel counts days
      ledger.getCell('B3').numFmt = 'General';
      ledger.getCell('B4').value = '2023-10-18';
      info.getCell('B6').value = ' 1200 ';
      info.getCell('B11').value = true;
    });
    const parsed = readBack(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.evidence?.data).toEqual(typical);
  });

  it('title rows, an empty row, trailing formatted rows, a type merged down its rows and frozen panes change nothing', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      const ledger = wb.getWorksheet('台账');
      if (!ledger) throw new Error('sheet missing');
      // The homework rows (3–9): the type once, merged down.
      for (let r = 4; r <= 9; r++) ledger.getCell(`A${r}`).value = null;
      ledger.mergeCells('A3:A9');
      ledger.spliceRows(10, 0, []); // an empty row between activities
      ledger.spliceRows(1, 0, ['利通区示例第三小学 2023-2024 学年家校共育台账'], []);
      ledger.mergeCells('A1:M1');
      ledger.views = [{ state: 'frozen', ySplit: 3, xSplit: 2 }];
      for (let r = 300; r <= 320; r++) ledger.getCell(`B${r}`).numFmt = 'yyyy-mm-dd';
      ledger.getCell('C400').value = '';
    });
    const parsed = readBack(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.evidence?.data).toEqual(typical);
  });

  it('columns in another order, an extra column, the ledger written anew by another program', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      const old = wb.getWorksheet('台账');
      if (!old) throw new Error('sheet missing');
      wb.removeWorksheet(old.id);
      const ws = wb.addWorksheet('台账');
      ws.addRow(['日期', '说明（学校自用）', '标题', '类型']);
      ws.addRow([new Date(Date.UTC(2023, 10, 15)), '见附件', '家委会协调', '家委会解决问题案例']);
      ws.addRow([]);
      ws.addRow(['2024-05-23', '', '专题讲座', '专题培训讲座']);
    });
    const parsed = readBack(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.evidence?.data.ledger).toEqual([
      { type: 'committeeCase', date: '2023-11-15', title: '家委会协调' },
      { type: 'lecture', date: '2024-05-23', title: '专题讲座' },
    ]);
  });

  it('a workbook in the 1904 date system', async () => {
    const bytes = await edited(await typicalBook, (wb) => {
      wb.properties.date1904 = true;
    });
    expect(new XlsxBook(bytes).date1904).toBe(true);
    expect(readBack(bytes).evidence?.data).toEqual(typical);
  });

  it('shared strings with phonetic readings, rich text and OOXML escapes read as the text shown', () => {
    const bytes = xlsxOf(
      {
        台账: '<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:B4"/></mergeCells>',
      },
      [
        '<r><t>利通区</t></r><r><t>第一小学</t></r><rPh sb="0" eb="3"><t>リツウク</t></rPh>',
        '<t>第一行_x000A_第二行 &amp; &#x4e09;</t>',
      ],
    );
    const sheet = new XlsxBook(bytes).sheet('台账', 100);
    expect(sheet?.rows.get(2)?.get(2)).toEqual({ t: 'text', v: '利通区第一小学' });
    expect(sheet?.rows.get(2)?.get(3)).toEqual({ t: 'text', v: '第一行\n第二行 & 三' });
    expect(sheet?.rows.get(2)?.get(4)).toEqual({ t: 'text', v: '_x0041_' });
    expect(sheet?.merges).toEqual([{ top: 2, left: 2, bottom: 4, right: 2 }]);
  });
});

describe('files that are not evidence workbooks: one clear problem each', () => {
  const only = (bytes: Uint8Array, file = '证据.xlsx') => {
    const parsed = readBack(bytes, file);
    expect(parsed.evidence).toBeUndefined();
    expect(parsed.problems).toHaveLength(1);
    return parsed.problems[0];
  };

  it('a spreadsheet with no 台账 sheet names the sheets it has', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb: Workbook = new ExcelJS.Workbook();
    wb.addWorksheet('学生名单').addRow(['姓名', '班级']);
    wb.addWorksheet('Sheet2');
    const p = only(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(p).toMatchObject({
      code: 'workbook.notEvidence',
      params: { sheets: '学生名单、Sheet2' },
      file: '证据.xlsx',
    });
    expect(problemText(p ?? { severity: 'error', code: '', params: {} }, 'zh')).toContain('没有“台账”工作表');
  });

  it('a password-protected workbook, an old .xls, an OpenDocument sheet, a Word file, a text file, a damaged file', async () => {
    expect(only(oleOf(['EncryptionInfo', 'EncryptedPackage']))?.code).toBe('workbook.encrypted');
    expect(only(oleOf(['Workbook', 'SummaryInformation']), '证据.xls')?.code).toBe('workbook.xls');
    expect(
      only(zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }))?.code,
    ).toBe('workbook.ods');
    expect(only(zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))?.code).toBe(
      'workbook.notXlsx',
    );
    expect(only(new TextEncoder().encode('学校,学生数\n一小,1200\n'))?.code).toBe('workbook.notXlsx');
    const whole = await typicalBook;
    expect(only(whole.subarray(0, 4000))?.code).toBe('workbook.corrupt');
  });

  it('a zip bomb is stopped at the inflated-size limit', () => {
    const huge = `<sheetData><row><c t="inlineStr"><is><t>${'x'.repeat(60_000_000)}</t></is></c></row></sheetData>`;
    const bytes = xlsxOf({ 台账: huge, 基本情况: '', 学期与假期: '' });
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(only(bytes)?.code).toBe('workbook.tooLarge');
  });

  it('a ledger of more than 5,000 rows, and a file over 4 MiB, are refused with the limit', () => {
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>家长作业</t></is></c></row>`,
    ).join('');
    const p = only(xlsxOf({ 基本情况: '', 学期与假期: '', 台账: `<sheetData>${rows}</sheetData>` }));
    expect(p).toMatchObject({ code: 'workbook.tooManyRows', params: { sheet: '台账', max: 5000 } });
    const big = new Uint8Array(4 * 1024 * 1024 + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(only(big)).toMatchObject({ code: 'file.tooLarge', params: { max: 4 * 1024 * 1024 } });
  });

  it('a missing 基本情况 sheet, and a sheet without its header row', async () => {
    const noInfo = await edited(await typicalBook, (wb) => {
      const ws = wb.getWorksheet('基本情况');
      if (ws) wb.removeWorksheet(ws.id);
    });
    expect(only(noInfo)).toMatchObject({ code: 'workbook.missingSheet', params: { sheet: '基本情况' } });
    const noHeader = await edited(await typicalBook, (wb) => {
      wb.getWorksheet('学期与假期')?.spliceRows(1, 1);
    });
    expect(only(noHeader)).toMatchObject({ code: 'workbook.noHeader', cell: '学期与假期!A1' });
  });
});
