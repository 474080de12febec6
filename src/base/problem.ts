// A problem found in an input file. Problems are values: the CLI decides what they mean for the exit code,
// and renderers turn `code` + `params` into Chinese or English text.

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  /** A message code from src/i18n/messages.ts. */
  code: string;
  params: Record<string, string | number>;
  file?: string;
  line?: number;
  col?: number;
  /** In a workbook, the place instead of line and column: sheet and cell, as Excel writes it ("台账!C14"). */
  cell?: string;
  /** Field path as written in the file, e.g. "school.students" or "ledger[3].dates[1]". */
  path?: string;
  /** The field's Chinese and English label. */
  label?: { zh: string; en: string; hint?: string };
}

/** Where a problem is, as text: "12:5" in a YAML file, "台账!B14" in a workbook, "" for the whole file. */
export const placeText = (p: Pick<Problem, 'line' | 'col' | 'cell'>): string =>
  p.cell ?? [p.line, p.col].filter((x) => x !== undefined).join(':');

/** Code-unit order: the same on every machine, unlike localeCompare (and much faster to start). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');

/**
 * At most this many characters of any text from a file are quoted in a problem (keys, values, parser
 * details), so that no file (a link to /etc/passwd, a pasted export) is echoed back at length.
 */
export const EXCERPT_CHARS = 40;

export function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const chars = Array.from(text);
  return chars.length <= EXCERPT_CHARS ? text : `${chars.slice(0, EXCERPT_CHARS).join('')}…`;
}

/** A path as written in the file; a key from the file is quoted as an excerpt. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${excerpt(String(k))}` : excerpt(String(k));
  return out;
}

/** Problems in a stable order: file, line, column (in a workbook: sheet, row, column), code. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) =>
      byText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      byCell(a.cell, b.cell) ||
      byText(a.code, b.code),
  );
}

/** "台账!C9" before "台账!C14" before "台账!AA2": by sheet name, then row, then column. */
function byCell(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  const [sa = '', ra = ''] = splitCell(a);
  const [sb = '', rb = ''] = splitCell(b);
  if (sa !== sb) return byText(sa, sb);
  const pa = /^([A-Z]*)(\d*)$/.exec(ra);
  const pb = /^([A-Z]*)(\d*)$/.exec(rb);
  return (
    Number(pa?.[2] ?? 0) - Number(pb?.[2] ?? 0) ||
    (pa?.[1] ?? '').length - (pb?.[1] ?? '').length ||
    byText(pa?.[1] ?? '', pb?.[1] ?? '')
  );
}

const splitCell = (cell: string): [string, string] => {
  const at = cell.lastIndexOf('!');
  return at < 0 ? ['', cell] : [cell.slice(0, at), cell.slice(at + 1)];
};

/**
 * At most this many problems are listed per file. A file with thousands of mistakes (a pasted export, a
 * wrong file) is mended from the top anyway; the rest are counted in one closing "… and N more" problem,
 * whose params carry the hidden errors and warnings so that totals stay true.
 */
export const MAX_PROBLEMS_PER_FILE = 100;

/** The first MAX_PROBLEMS_PER_FILE of sorted problems, and a closing `file.moreProblems` for the rest. */
export function capProblems(sorted: Problem[], file?: string): Problem[] {
  if (sorted.length <= MAX_PROBLEMS_PER_FILE) return sorted;
  const hidden = sorted.slice(MAX_PROBLEMS_PER_FILE);
  const errors = hidden.filter((p) => p.severity === 'error').length;
  const warnings = hidden.filter((p) => p.severity === 'warning').length;
  const more: Problem = {
    severity: errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info',
    code: 'file.moreProblems',
    params: { count: hidden.length, errors, warnings },
    ...(file ? { file } : {}),
  };
  return [...sorted.slice(0, MAX_PROBLEMS_PER_FILE), more];
}
