// The terminal's format: box-drawn tables fitted to a width.
import { renderSummaryTable } from '../summary/table.js';
import { renderTable } from '../table.js';
import type { Format } from '../types.js';

export const tableFormat: Format = {
  name: 'table',
  ext: '.txt',
  help: { zh: '表格（终端或文本文件）', en: 'a table (terminal or text file)' },
  binary: false,
  withSheets: false,
  stackable: true,
  sheet: renderTable,
  summary: renderSummaryTable,
};
