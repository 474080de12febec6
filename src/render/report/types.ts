import type { Lang } from '../../i18n/messages.js';
import type { FileResult } from '../../validation/results.js';

/** A validation report renderer: every file's problems → one document. */
export type ReportRenderer = (results: readonly FileResult[], options: { lang: Lang }) => string;
