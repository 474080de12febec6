// Workbooks through the CLI a user runs (the built bundle): score and validate a workbook, every report
// format naming sheet and cell, a county folder of YAML and workbooks, files that are not ours (exit 2), and
// `jiaxiao convert` both ways, never over an existing file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { edited, exampleData, oleOf, sheetOf, workbookOf } from './workbook-fixtures.js';

vi.setConfig({ testTimeout: 60_000 });

function jiaxiao(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/jiaxiao.cjs'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    ...(cwd ? { cwd } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'jiaxiao-workbook-cli-'));
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  writeFileSync(at('typical.xlsx'), await workbookOf(exampleData('typical-primary')));
  const bad = await edited(await workbookOf(exampleData('typical-primary')), (wb) => {
    sheetOf(wb, '台账').getCell('B14').value = '2023/13/01';
    sheetOf(wb, '基本情况').getCell('B24').value = '3万元';
  });
  writeFileSync(at('bad.xlsx'), bad);
  const ExcelJS = (await import('exceljs')).default;
  const other = new ExcelJS.Workbook();
  other.addWorksheet('花名册').addRow(['姓名', '班级']);
  writeFileSync(at('roster.xlsx'), new Uint8Array((await other.xlsx.writeBuffer()) as ArrayBuffer));
  writeFileSync(at('locked.xlsx'), oleOf(['EncryptionInfo', 'EncryptedPackage']));
});

describe('score and validate read workbooks', () => {
  it('a workbook scores as its YAML twin', () => {
    const yaml = JSON.parse(jiaxiao(['score', 'examples/schools/typical-primary.yaml', '-f', 'json']).out);
    const r = jiaxiao(['score', at('typical.xlsx'), '-f', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sheet = JSON.parse(r.out);
    expect({ total: sheet.total, normalized: sheet.normalized, school: sheet.school.name }).toEqual({
      total: 54.25,
      normalized: 54.25,
      school: '利通区示例第三小学',
    });
    // The same scores, checks and reasons; only the places cited differ (cells, not lines).
    const uncited = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'cites' ? undefined : v)));
    expect(uncited(sheet.indicators)).toEqual(uncited(yaml.indicators));
    const b41 = sheet.indicators[3].items[0].checks[0];
    expect(b41.cites.map((c: { cell: string }) => c.cell)).toEqual(['基本情况!B24', '基本情况!B6']);
  });

  it('score names sheet and cell for each problem and exits 2', () => {
    const r = jiaxiao(['score', at('bad.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toEqual([
      `${at('bad.xlsx')}:台账!B14 错误 日期：“2023/13/01”不是有效日期。写成 YYYY-MM-DD，如 2023-09-01`,
      `${at('bad.xlsx')}:基本情况!B24 错误 家庭教育经费实际支出（元）：“3万元”不是数字。写金额数字，不带“元”，如 30000`,
    ]);
  });

  it('every report format of validate places the problems at sheet!cell', () => {
    const r = jiaxiao(
      [
        'validate',
        'bad.xlsx',
        '-f',
        'text',
        '-f',
        'json',
        '-o',
        'r.json',
        '-f',
        'github',
        '-o',
        'gh.txt',
        '-f',
        'junit',
        '-o',
        'junit.xml',
        '-f',
        'markdown',
        '-o',
        'r.md',
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('  台账!B14  错误  日期：“2023/13/01”不是有效日期');
    expect(r.out).toContain('  基本情况!B24 错误  家庭教育经费实际支出（元）：“3万元”不是数字');
    const json = JSON.parse(readFileSync(at('r.json'), 'utf8'));
    expect(
      json.files[0].problems.map((p: { cell: string; line: null; path: string }) => [p.cell, p.line, p.path]),
    ).toEqual([
      ['台账!B14', null, 'ledger[3].dates[1]'],
      ['基本情况!B24', null, 'facts.spending'],
    ]);
    const github = readFileSync(at('gh.txt'), 'utf8');
    expect(github).toContain(
      '::error file=bad.xlsx,title=jiaxiao value.date::台账!B14 日期：“2023/13/01”不是有效日期。写成 YYYY-MM-DD，如 2023-09-01',
    );
    expect(github).not.toMatch(/line=/);
    expect(readFileSync(at('junit.xml'), 'utf8')).toContain('bad.xlsx:台账!B14 错误 日期：“2023/13/01”不是有效日期');
    expect(readFileSync(at('r.md'), 'utf8')).toContain('| bad.xlsx | 台账!B14 | 错误 | 日期：“2023/13/01”不是有效日期');
  });

  it('a county folder mixing YAML and workbooks ranks them all; Excel owner files are passed over; an .xls is reported', async () => {
    const county = mkdtempSync(join(tmpdir(), 'jiaxiao-county-'));
    copyFileSync('examples/schools/typical-primary.yaml', join(county, 'typical.yaml'));
    writeFileSync(join(county, 'model.xlsx'), await workbookOf(exampleData('model-primary')));
    writeFileSync(join(county, 'kindergarten.xlsx'), await workbookOf(exampleData('kindergarten')));
    writeFileSync(join(county, '~$model.xlsx'), 'owner file of an open workbook');
    writeFileSync(join(county, 'old.xls'), oleOf(['Workbook']));
    const r = jiaxiao(['score', county, '-f', 'json']);
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.out);
    expect(summary.schools).toBe(3);
    expect(summary.ranking.map((s: { normalized: number }) => s.normalized)).toEqual([100, 87.37, 54.25]);
    expect(
      summary.invalidFiles.map((f: { file: string; problems: { code: string }[] }) => [f.file, f.problems[0]?.code]),
    ).toEqual([[join(county, 'old.xls'), 'workbook.xls']]);
    expect(r.err).toContain('旧版 Excel 97-2003 工作簿（.xls）');
    expect(r.err).not.toContain('~$');
  });

  it('a spreadsheet that is not ours, and a password-protected one: a clear message, exit 2', () => {
    const roster = jiaxiao(['score', at('roster.xlsx')]);
    expect(roster.code).toBe(2);
    expect(roster.err).toBe(
      `${at('roster.xlsx')} 错误 这不是证据工作簿：没有“台账”工作表（工作表有：花名册）。请用 jiaxiao 的证据模板填写，或提交 .yaml 证据文件\n`,
    );
    const locked = jiaxiao(['validate', at('locked.xlsx')]);
    expect(locked.code).toBe(2);
    expect(locked.out).toContain('工作簿设了打开密码（已加密），不能读取');
  });
});

describe('jiaxiao convert', () => {
  it('workbook → YAML → workbook: the same evidence, the same bytes', () => {
    const toYaml = jiaxiao(['convert', 'typical.xlsx', '-o', 'typical.yaml'], dir);
    expect(toYaml).toMatchObject({ code: 0, out: '', err: '已写入 typical.yaml\n' });
    const text = readFileSync(at('typical.yaml'), 'utf8');
    expect(text).toContain(
      '  - { type: lecture, dates: [2023-10-12, 2023-12-07, 2024-05-23], title: 各年级段专题讲座 }',
    );
    const scored = JSON.parse(jiaxiao(['score', at('typical.yaml'), '-f', 'json']).out);
    expect(scored.total).toBe(54.25);
    expect(jiaxiao(['convert', 'typical.yaml', '-o', 'again.xlsx'], dir).code).toBe(0);
    expect(readFileSync(at('again.xlsx')).equals(readFileSync(at('typical.xlsx')))).toBe(true);
  });

  it('refuses to write over an existing file unless --force', () => {
    writeFileSync(at('kept.yaml'), 'mine\n');
    const r = jiaxiao(['convert', 'typical.xlsx', '-o', 'kept.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('kept.yaml 错误 kept.yaml 已存在，未覆盖。加 --force 覆盖\n');
    expect(readFileSync(at('kept.yaml'), 'utf8')).toBe('mine\n');
    expect(jiaxiao(['convert', 'typical.xlsx', '-o', 'kept.yaml', '--force'], dir).code).toBe(0);
    expect(readFileSync(at('kept.yaml'), 'utf8')).toContain('name: 利通区示例第三小学');
  });

  it('an input with errors is not converted; the same form on both sides is a usage error', () => {
    const r = jiaxiao(['convert', 'bad.xlsx', '-o', 'bad.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.xlsx:台账!B14 错误');
    expect(r.err).toContain('bad.xlsx 有错误，未转换');
    expect(existsSync(at('bad.yaml'))).toBe(false);
    const same = jiaxiao(['convert', 'typical.xlsx', '-o', 'copy.xlsx'], dir);
    expect(same.code).toBe(2);
    expect(same.err).toContain('convert 在工作簿（.xlsx）与 YAML 证据文件（.yaml/.yml）之间转换');
  });
});

describe('init --format xlsx', () => {
  it('writes the workbook template, which validate reads and asks to be filled in at its cells', () => {
    const file = at('模板.xlsx');
    const r = jiaxiao(['init', '--stage', '初中', '-o', file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    // No schema beside a workbook: only YAML files name one.
    expect(existsSync(at('evidence.schema.json'))).toBe(false);
    const v = jiaxiao(['validate', file, '--format', 'json']);
    const report = JSON.parse(v.out);
    const cells = report.files[0].problems.map((p: { cell?: string }) => p.cell);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toMatch(/^[^!]+![A-Z]+\d+$/);
    expect(jiaxiao(['init', '-o', file]).code).toBe(2);
  });
  it('to a pipe, it is the workbook itself', () => {
    const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'init', '--format', 'xlsx'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
