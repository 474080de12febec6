// A batch that keeps only rows scores each school without building its sheet (report/summary.ts scoredRow):
// its row must be the sheet's row, figure for figure. Both read the same figures (sheetFigures), so this holds
// what each makes of them; the figures themselves are held by the goldens (test/golden, test/scenarios),
// recorded before they were split out of buildSheet. And the reasons a sheet holds are plain data, whatever
// the engine made lazily (engine/text.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { random, schoolYaml } from '../scripts/gen-schools.mjs';
import type { Rubric } from '../src/engine/model.js';
import { scoreEvidence } from '../src/engine/score.js';
import { lazyText, plainText } from '../src/engine/text.js';
import { buildSheet } from '../src/report/sheet.js';
import { schoolRow, scoredRow } from '../src/report/summary.js';
import { defaultRubric } from '../src/rubric/default.js';
import { loadRubricBytes } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.review.yaml'))
    .map((f) => join(dir, f))
    .sort();

function schools(rubric: Rubric, texts: [string, string][]) {
  return texts.flatMap(([file, text]) => {
    const parsed = parseSchoolText(text, rubric, file);
    return parsed.evidence ? [{ file, evidence: parsed.evidence }] : [];
  });
}

const rnd = random(7);

describe('a row from the scores is the row of the sheet', () => {
  it('for every example school and 200 generated ones, under the Wuzhong rubric', () => {
    const rubric = defaultRubric();
    const texts: [string, string][] = [
      ...yamlFiles('examples').map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
      ...Array.from({ length: 200 }, (_, i): [string, string] => [`gen-${i}.yaml`, schoolYaml(i, rnd) as string]),
    ];
    const all = schools(rubric, texts);
    expect(all.length).toBeGreaterThan(200);
    const fractional = new Set<string>();
    for (const { file, evidence } of all) {
      const scored = scoreEvidence(rubric, evidence);
      const row = scoredRow(rubric, evidence, scored, file);
      expect(row, file).toEqual(schoolRow(buildSheet(rubric, evidence, scored), file));
      if (row.total % 100 !== 0) fractional.add(file);
    }
    // Totals that are not whole points: the apportioned figures are exercised, not just whole numbers.
    expect(fractional.size).toBeGreaterThan(50);
  });

  it('under a rubric with 加分, 扣分, vetoes, levels and stage parameters', () => {
    const file = 'test/fixtures/sample-rubric/rubric.yaml';
    const loaded = loadRubricBytes(readFileSync(file), file);
    const rubric = loaded.rubric as Rubric;
    expect(loaded.problems).toEqual([]);
    const dir = 'test/fixtures/sample-rubric/schools';
    const all = schools(
      rubric,
      yamlFiles(dir).map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    );
    expect(all.length).toBe(4);
    const levels = new Set<string | null>();
    for (const { file, evidence } of all) {
      const scored = scoreEvidence(rubric, evidence);
      const row = scoredRow(rubric, evidence, scored, file);
      expect(row, file).toEqual(schoolRow(buildSheet(rubric, evidence, scored), file));
      levels.add(row.level?.zh ?? null);
    }
    expect(levels.size).toBeGreaterThan(2);
  });
});

describe('reasons', () => {
  it('a lazy text is made once, on first read, and reads, prints and copies as a plain one', () => {
    let made = 0;
    const text = lazyText(() => {
      made++;
      return { zh: '中', en: 'en' };
    });
    expect(made).toBe(0);
    expect(`${text.zh}/${text.en}/${text.zh}`).toBe('中/en/中');
    expect(made).toBe(1);
    expect(JSON.stringify({ text })).toBe('{"text":{"zh":"中","en":"en"}}');
    expect(structuredClone(plainText(text))).toEqual({ zh: '中', en: 'en' });
  });

  it('every text of a sheet survives a structured clone (a worker sends sheets so)', () => {
    const rubric = defaultRubric();
    for (const f of ['examples/schools/typical-primary.yaml', 'examples/schools/kindergarten.yaml']) {
      const parsed = parseSchoolText(readFileSync(f, 'utf8'), rubric, f);
      if (!parsed.evidence) throw new Error(f);
      const sheet = buildSheet(rubric, parsed.evidence, scoreEvidence(rubric, parsed.evidence));
      const clone = structuredClone(sheet);
      expect(clone).toEqual(JSON.parse(JSON.stringify(sheet)));
      const reasons = sheet.indicators.flatMap((b) => b.items.flatMap((i) => i.checks.map((c) => c.reason.zh)));
      expect(reasons.length).toBeGreaterThan(30);
      expect(clone.indicators.flatMap((b) => b.items.flatMap((i) => i.checks.map((c) => c.reason.zh)))).toEqual(
        reasons,
      );
      expect(clone.gains.map((g) => g.reason)).toEqual(sheet.gains.map((g) => g.reason));
      expect(sheet.gains.length).toBeGreaterThan(0);
    }
  });
});
