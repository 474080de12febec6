// Generated documents stay in step with the schema they describe.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../src/engine/rules/index.js';
import { evidenceFields, evidenceFieldsMarkdown } from '../src/evidence/field-list.js';
import { fieldFeeds } from '../src/report/explain.js';
import { defaultRubric } from '../src/rubric/default.js';
import { rubricLanguageMarkdown } from '../src/rubric/language-doc.js';

describe('docs/evidence-fields.md', () => {
  it('is what `npm run docs` generates from the schema', () => {
    expect(readFileSync('docs/evidence-fields.md', 'utf8')).toBe(evidenceFieldsMarkdown(fieldFeeds(defaultRubric())));
  });
  it('labels every field in Chinese and English', () => {
    const rows = evidenceFields();
    expect(rows.length).toBeGreaterThan(60);
    for (const r of rows) {
      expect(r.zh, r.path).not.toBe('');
      expect(r.en, r.path).not.toBe('');
    }
    expect(rows.find((r) => r.path === 'facts.spending')).toMatchObject({
      zh: '家庭教育经费实际支出（元）',
      kind: 'number',
    });
    expect(rows.find((r) => r.path === 'ledger[].assigned')).toMatchObject({ zh: '布置作业的家庭数' });
  });
});

describe('docs/rubric-language.md', () => {
  it('is what `npm run docs` generates from the rule kinds and its frame', () => {
    expect(readFileSync('docs/rubric-language.md', 'utf8')).toBe(rubricLanguageMarkdown());
  });
  it('documents every rule kind, with an example that names it', () => {
    const md = rubricLanguageMarkdown();
    for (const kind of Object.values(RULE_KINDS)) {
      expect(md, kind.kind).toContain(`\`${kind.kind}\``);
      expect(kind.doc.example, kind.kind).toMatch(/rule: (\w+)/);
      expect(kind.doc.text.en.length, kind.kind).toBeGreaterThan(20);
    }
  });
});
