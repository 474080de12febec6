// Invariants over many generated schools: shown totals are sums of shown rows, scores stay within their
// points, every lost point has a failed check with a reason, and scoring is deterministic.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cmp, exact, ratio, toCents } from '../src/engine/exact.js';
import { scoreSchool } from '../src/index.js';
import { apportion } from '../src/report/sheet.js';
import { defaultRubric } from '../src/rubric/default.js';
import { evidenceOf } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, edited freely by the generator below
const model = parse(readFileSync('examples/schools/model-primary.yaml', 'utf8')) as Record<string, any>;
const rubric = defaultRubric();
const cents = (x: number) => Math.round(x * 100);

/** The model school with some facts changed and some ledger dates dropped. */
const school = fc
  .record({
    spending: fc.integer({ min: 0, max: 60000 }),
    lecturers: fc.integer({ min: 0, max: 20 }),
    classesWithCommittee: fc.integer({ min: 0, max: 24 }),
    satisfied: fc.integer({ min: 0, max: 1050 }),
    keep: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    stage: fc.constantFrom('primary', 'kindergarten', 'junior'),
    self: fc.integer({ min: 0, max: 55 }),
  })
  .map((g) => {
    const data = structuredClone(model);
    data.school.stage = g.stage;
    data.school.code = undefined;
    Object.assign(data.facts, {
      spending: g.spending,
      lecturers: g.lecturers,
      classesWithCommittee: g.classesWithCommittee,
    });
    data.surveys.parents.satisfied = g.satisfied;
    let k = 0;
    for (const entry of data.ledger) {
      if (Array.isArray(entry.dates)) {
        const kept = entry.dates.filter(() => g.keep[k++ % g.keep.length]);
        entry.dates = kept.length > 0 ? kept : entry.dates.slice(0, 1);
      }
    }
    data.selfScores.B6 = g.self;
    return data;
  });

describe('sheet invariants', () => {
  it('totals are sums of rows; 0 ≤ score ≤ max; lost points are explained; deterministic', () => {
    fc.assert(
      fc.property(school, (data) => {
        const sheet = scoreSchool(rubric, evidenceOf(data, rubric));
        for (const b of sheet.indicators) {
          expect(cents(b.score)).toBe(b.items.reduce((a, i) => a + cents(i.score), 0));
          expect(cents(b.max)).toBe(b.items.reduce((a, i) => a + cents(i.max), 0));
          for (const i of b.items) {
            expect(i.score).toBeGreaterThanOrEqual(0);
            expect(i.score).toBeLessThanOrEqual(i.max);
            if (i.score < i.max)
              expect(i.checks.some((c) => c.applicable && !c.passed && c.reason.zh.length > 0)).toBe(true);
            if (i.score === i.max) expect(i.checks.every((c) => c.passed || !c.applicable)).toBe(true);
          }
          expect(b.overclaim).toBe(b.selfScore !== null && b.selfScore > b.score);
        }
        expect(cents(sheet.total)).toBe(sheet.groups.reduce((a, g) => a + cents(g.score), 0));
        expect(cents(sheet.max)).toBe(data.school.stage === 'kindergarten' ? 9500 : 10000);
        expect(sheet.normalized).toBe(
          toCents(ratio(BigInt(cents(sheet.total)) * 100n, BigInt(cents(sheet.max)))) / 100,
        );
        expect(JSON.stringify(scoreSchool(rubric, evidenceOf(data, rubric)))).toBe(JSON.stringify(sheet));
      }),
      { numRuns: 60, seed: 20240901 },
    );
  });
});

describe('exact arithmetic', () => {
  it('compares decimals exactly where floats do not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 4 }),
        (a, da, b, db) => {
          const x = a / 10 ** da;
          const y = b / 10 ** db;
          // Cross-multiplied integers are the ground truth.
          const l = BigInt(a) * 10n ** BigInt(db);
          const r = BigInt(b) * 10n ** BigInt(da);
          expect(cmp(exact(x), exact(y))).toBe(l < r ? -1 : l > r ? 1 : 0);
        },
      ),
    );
  });
  it('apportion: parts add up to the whole and each is within a cent of its share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10000 }),
        (weights, whole) => {
          const total = weights.reduce((a, w) => a + w, 0);
          const parts = weights.map((w) => ratio(BigInt(w) * BigInt(whole), BigInt(total) * 100n));
          const shown = apportion(parts, whole);
          expect(shown.reduce((a, x) => a + x, 0)).toBe(whole);
          shown.forEach((s, i) => {
            expect(Math.abs(s - ((weights[i] ?? 0) * whole) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
