// CSV for Excel and WPS (README: CSV 评分表 · CSV sheet): a sheet is one row per 要点, a batch one row per
// school. UTF-8 with a BOM, CRLF, numbers as numbers, formulas neutralised (render/csv/write.ts).
import { renderSheetCsv } from '../csv/sheet.js';
import { renderSummaryCsv } from '../csv/summary.js';
import type { Format } from '../types.js';

export const csvFormat: Format = {
  name: 'csv',
  ext: '.csv',
  help: { zh: 'CSV（用 Excel 或 WPS 打开）', en: 'CSV, for Excel or WPS' },
  binary: false,
  // The batch's B1–B12 columns come from the ranking's own per-indicator scores: no sheet need be kept.
  withSheets: false,
  stackable: false,
  sheet: renderSheetCsv,
  summary: renderSummaryCsv,
};
