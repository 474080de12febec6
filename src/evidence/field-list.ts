// Every field of the evidence file with its labels and hint, walked from the schema itself: the source of
// docs/evidence-fields.md, so the document cannot drift from what the parser accepts.
import type * as z from 'zod';
import { childSchema, schemaAt, valueKind } from './labels.js';
import { evidenceSchema, RECORD_TYPES } from './schema.js';

export interface FieldRow {
  path: string;
  zh: string;
  en: string;
  kind: string;
  hint: string;
}

function keysOf(s: z.ZodType): string[] {
  const def = (s as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def;
  return Object.keys(def.shape ?? {});
}

export function evidenceFields(): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (path: (string | number)[], shown: string) => {
    const found = schemaAt(evidenceSchema(), path);
    if (!found) return;
    const kind = valueKind(found.schema);
    if (path.length > 0) {
      rows.push({
        path: shown,
        zh: found.label?.zh ?? '',
        en: found.label?.en ?? '',
        kind,
        hint: found.label?.hint ?? '',
      });
    }
    if (kind === 'object')
      for (const key of keysOf(found.schema)) walk([...path, key], shown ? `${shown}.${key}` : key);
    if (kind === 'array') {
      const element = childSchema(found.schema, 0);
      if (element && valueKind(element) === 'object') walk([...path, 0], `${shown}[]`);
    }
  };
  walk([], '');
  return rows;
}

/**
 * The fields as Markdown. With `feeds` (the 要点 each field feeds, by path, and record types under
 * "ledger[].type=homework"; computed from a rubric above this layer), a column names them.
 */
export function evidenceFieldsMarkdown(feeds?: ReadonlyMap<string, readonly string[]>): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const fed = (key: string) => (feeds ? ` ${(feeds.get(key) ?? []).join('、')} |` : '');
  const col = feeds ? ' 要点 feeds |' : '';
  const rule = feeds ? '---|' : '';
  const lines = [
    '# 证据文件字段 · Evidence file fields',
    '',
    '<!-- Generated from src/evidence/schema.ts by `npm run docs`; test/docs.test.ts fails when it drifts. -->',
    '',
    ...(feeds
      ? [
          '“要点”一栏：内置吴忠 2019 细则中读取该字段的要点（`jiaxiao explain 要点编号` 给出要求和写法）。',
          'The “feeds” column: the items of the embedded Wuzhong 2019 rubric that read the field (`jiaxiao explain ID` shows what they ask and how to write it).',
          '',
        ]
      : []),
    `| 字段 field | 中文 | English | 类型 type | 怎么写 how to write |${col}`,
    `|---|---|---|---|---|${rule}`,
    ...evidenceFields().map(
      (r) => `| \`${r.path}\` | ${esc(r.zh)} | ${esc(r.en)} | ${r.kind} | ${esc(r.hint)} |${fed(r.path)}`,
    ),
    '',
    '## 台账类型 · Ledger record types (`ledger[].type`)',
    '',
    `| type | 中文 | English |${col}`,
    `|---|---|---|${rule}`,
    ...Object.entries(RECORD_TYPES).map(([k, v]) => `| \`${k}\` | ${v.zh} | ${v.en} |${fed(`ledger[].type=${k}`)}`),
    '',
  ];
  return lines.join('\n');
}
