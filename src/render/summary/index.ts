// Batch summary formats, beside the sheet formats of the same names.
import type { Lang } from '../../i18n/messages.js';
import type { Summary } from '../../report/summary.js';
import type { Paint } from '../types.js';
import { renderSummaryJson } from './json.js';
import { renderSummaryTable } from './table.js';

export type SummaryRenderer = (s: Summary, options: { lang: Lang; paint: Paint }) => string;

export const SUMMARY_FORMATS = { table: renderSummaryTable, json: renderSummaryJson } satisfies Record<
  string,
  SummaryRenderer
>;
