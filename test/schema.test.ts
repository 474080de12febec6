// The JSON Schema for editors: generated from the zod schema, committed in step, and accepting the examples.
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVIDENCE_SCHEMA_FILE, evidenceJsonSchema, evidenceJsonSchemaText } from '../src/evidence/json-schema.js';

const examples = readdirSync('examples/schools').filter((f) => f.endsWith('.yaml'));

describe('the evidence JSON Schema', () => {
  it('is committed as `jiaxiao schema` prints it', () => {
    expect(readFileSync(EVIDENCE_SCHEMA_FILE, 'utf8')).toBe(evidenceJsonSchemaText());
  });

  it('is draft 2020-12 with Chinese titles', () => {
    const s = evidenceJsonSchema() as {
      $schema: string;
      properties: Record<string, { title?: string; properties?: Record<string, { title?: string }> }>;
    };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.properties.school?.properties?.students?.title).toBe('在校学生数');
    expect(s.properties.facts?.properties?.spending?.title).toBe('家庭教育经费实际支出（元）');
  });

  it.each(examples)('%s names the schema on its first line', (f) => {
    expect(readFileSync(`examples/schools/${f}`, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schema/evidence.schema.json',
    );
  });

  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(EVIDENCE_SCHEMA_FILE, 'utf8')));

  it.each(examples.filter((f) => f !== 'common-mistake.yaml'))('ajv accepts %s', (f) => {
    const ok = validate(parse(readFileSync(`examples/schools/${f}`, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('ajv rejects the common-mistake example where jiaxiao does', () => {
    expect(validate(parse(readFileSync('examples/schools/common-mistake.yaml', 'utf8')))).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining(['/facts/spending', '/facts/committeeRoles', '/surveys/parents/satisfied']),
    );
  });
});
