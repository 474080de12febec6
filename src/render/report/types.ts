import type { Lang } from '../../i18n/messages.js';
import type { FileResult } from '../../report/validation.js';

/** A validation report renderer: every file's problems → one document. */
export type ReportRenderer = (results: readonly FileResult[], options: { lang: Lang }) => string;
