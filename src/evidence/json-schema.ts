// The evidence file's JSON Schema (draft 2020-12), generated from the same zod schema the parser uses, with
// every field's Chinese label as its title. Editors (VS Code with the YAML extension) complete and check
// fields as staff type; the copy in schema/ is kept in step by a test.
import * as z from 'zod';
import { evidenceSchema } from './schema.js';

export const EVIDENCE_SCHEMA_FILE = 'schema/evidence.schema.json';

export function evidenceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(evidenceSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    ...generated,
    title: '家校共育证据文件（jiaxiao evidence file）',
    description:
      '一所学校一个学年的家校共育证据：学校概况、学期、现状、活动台账、课题、满意度调查、教育成效、自评和佐证材料。只填原始数量，比例由 jiaxiao 计算。',
  };
}

export const evidenceJsonSchemaText = (): string => `${JSON.stringify(evidenceJsonSchema(), null, 2)}\n`;
