// Every output format of `score`, one line each: `--format` choices, help and `--out` extensions come from here.
import { csvFormat } from './formats/csv.js';
import { htmlFormat } from './formats/html.js';
import { jsonFormat } from './formats/json.js';
import { markdownFormat } from './formats/markdown.js';
import { tableFormat } from './formats/table.js';
import { xlsxFormat } from './formats/xlsx.js';
import type { Format } from './types.js';

export const FORMATS: readonly Format[] = [tableFormat, jsonFormat, csvFormat, markdownFormat, htmlFormat, xlsxFormat];

export const FORMAT_NAMES: readonly string[] = FORMATS.map((f) => f.name);

export const formatNamed = (name: string): Format | undefined => FORMATS.find((f) => f.name === name);
