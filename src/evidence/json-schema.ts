// The evidence file's JSON Schema (draft 2020-12), generated from the same zod schema the parser uses, with
// every field's Chinese label as its title. Editors (VS Code with the YAML extension) complete and check
// fields as staff type; the copy in schema/ is kept in step by a test.
import * as z from 'zod';
import { evidenceSchema } from './schema.js';

export const EVIDENCE_SCHEMA_FILE = 'schema/evidence.schema.json';

export function evidenceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(evidenceSchema(), { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    ...(blanksAllowed(generated, false) as Record<string, unknown>),
    title: '家校共育证据文件（jiaxiao evidence file）',
    description:
      '一所学校一个学年的家校共育证据：学校概况、学期、现状、活动台账、课题、满意度调查、教育成效、自评和佐证材料。只填原始数量，比例由 jiaxiao 计算。',
  };
}

export const evidenceJsonSchemaText = (): string => `${JSON.stringify(evidenceJsonSchema(), null, 2)}\n`;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema that also takes null: `type` gains "null" (and `enum` null), or `anyOf` a null option. */
function orNull(node: Node): Node {
  if (typeof node.type === 'string') {
    const out: Node = { ...node, type: [node.type, 'null'] };
    if (Array.isArray(node.enum)) out.enum = [...node.enum, null];
    return out;
  }
  if (Array.isArray(node.anyOf)) return { ...node, anyOf: [...node.anyOf, { type: 'null' }] };
  return node;
}

/**
 * The parser's blanks (empty.ts) for editors: a field that may be left out may also be left blank, and so
 * may every field of a section that may be left out (a section of nothing but blanks is absent).
 */
function blanksAllowed(node: unknown, optional: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => blanksAllowed(n, false));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isNode(value)) {
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => {
          const blank = optional || !required.has(name);
          const inner = blanksAllowed(child, blank);
          return [name, blank && isNode(inner) ? orNull(inner) : inner];
        }),
      );
    } else if (key === 'additionalProperties' && isNode(value)) {
      out[key] = orNull(blanksAllowed(value, true) as Node);
    } else if (key === 'items' || key === 'anyOf' || key === 'prefixItems') {
      out[key] = blanksAllowed(value, false);
    } else out[key] = value;
  }
  return out;
}
