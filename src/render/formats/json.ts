// Versioned JSON for programs (README: JSON 评分表 · JSON sheet).
import { renderJson } from '../json.js';
import { renderSummaryJson } from '../summary/json.js';
import type { Format } from '../types.js';

export const jsonFormat: Format = {
  name: 'json',
  ext: '.json',
  help: { zh: 'JSON（供程序读取，带版本号）', en: 'versioned JSON, for programs' },
  binary: false,
  withSheets: false,
  stackable: false,
  sheet: renderJson,
  summary: renderSummaryJson,
};
