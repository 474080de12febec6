// GitHub-flavoured Markdown for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY), escaped.
import { renderSheetMarkdown } from '../markdown/sheet.js';
import { renderSummaryMarkdown } from '../markdown/summary.js';
import type { Format } from '../types.js';

export const markdownFormat: Format = {
  name: 'markdown',
  ext: '.md',
  help: {
    zh: 'Markdown（PR 评论、GitHub 作业摘要）',
    en: 'Markdown, for a pull-request comment or a GitHub job summary',
  },
  binary: false,
  withSheets: false,
  stackable: true,
  sheet: renderSheetMarkdown,
  summary: renderSummaryMarkdown,
};
