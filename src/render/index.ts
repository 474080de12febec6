// Output formats, one function each. Adding one: its file, and one line here.
import { renderJson } from './json.js';
import { renderTable } from './table.js';
import type { SheetRenderer } from './types.js';

export const SHEET_FORMATS = { table: renderTable, json: renderJson } satisfies Record<string, SheetRenderer>;
export type SheetFormat = keyof typeof SHEET_FORMATS;
