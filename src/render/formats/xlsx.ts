// An Excel workbook (README: Excel 评分表 · Excel workbook): a school's sheet in the attachment's layout, or
// a batch's ranking, statistics and every school's sheet. exceljs is loaded only when this format is used.

import type { Sheet } from '../../report/sheet.js';
import type { Summary } from '../../report/summary.js';
import type { Format, RenderOptions, SummaryRenderOptions } from '../types.js';
import { addSchoolSheet } from '../xlsx/school.js';
import { safeSheetName } from '../xlsx/sheet-names.js';
import { addSummarySheets } from '../xlsx/summary.js';
import { newWorkbook, workbookBytes } from '../xlsx/workbook.js';

async function renderSheetXlsx(sheet: Sheet, options: RenderOptions): Promise<Uint8Array> {
  const wb = await newWorkbook();
  addSchoolSheet(wb, sheet, safeSheetName(sheet.school.name), options);
  return workbookBytes(wb);
}

async function renderSummaryXlsx(summary: Summary, options: SummaryRenderOptions): Promise<Uint8Array> {
  const wb = await newWorkbook();
  addSummarySheets(wb, summary, options);
  return workbookBytes(wb);
}

export const xlsxFormat: Format = {
  name: 'xlsx',
  ext: '.xlsx',
  help: {
    zh: 'Excel 工作簿（按原表排版，可打印；批量：排名、统计和每校一表）',
    en: 'an Excel workbook (the form’s layout, printable; a batch: ranking, statistics, a sheet per school)',
  },
  binary: true,
  withSheets: true,
  stackable: false,
  sheet: renderSheetXlsx,
  summary: renderSummaryXlsx,
};
