// Validation report formats, one function each. Adding one: its file, and one line here.
import { renderReportGithub } from './github.js';
import { renderReportJson } from './json.js';
import { renderReportJunit } from './junit.js';
import { renderReportMarkdown } from './markdown.js';
import { renderReportText } from './text.js';
import type { ReportRenderer } from './types.js';

export const REPORT_FORMATS = {
  text: renderReportText,
  json: renderReportJson,
  github: renderReportGithub,
  junit: renderReportJunit,
  markdown: renderReportMarkdown,
} satisfies Record<string, ReportRenderer>;
export type ReportFormat = keyof typeof REPORT_FORMATS;
