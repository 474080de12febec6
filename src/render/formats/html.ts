// A printable, self-contained HTML page (README: HTML 评分表 · HTML sheet): the sheet laid out as the
// attachment's form, or a batch's report followed by every school's sheet, one per A4 page. No script, no
// network; CSS and SVG inline.
import { htmlLines } from '../../base/escape.js';
import { reportDocument } from '../html/report.js';
import { sheetDocument } from '../html/sheet.js';
import type { Format } from '../types.js';

export const htmlFormat: Format = {
  name: 'html',
  ext: '.html',
  help: { zh: '可打印的 HTML 网页（A4，含图表）', en: 'a printable HTML page (A4, with charts)' },
  binary: false,
  withSheets: true,
  stackable: false,
  sheet: (sheet, options) => htmlLines([sheetDocument(sheet, options.lang, options.details)]),
  summary: (summary, options) => htmlLines([reportDocument(summary, options.lang)]),
};
