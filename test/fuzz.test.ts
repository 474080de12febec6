// A seeded share of `npm run fuzz` (test/fuzz/harness.ts): every kind of hostile input, checked by the
// same oracle, in every run of the suite.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRubric } from '../src/rubric/default.js';
import { ARBITRARIES, checkCase } from './fuzz/harness.js';

const rubric = defaultRubric();
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);
beforeAll(() => {
  process.on('warning', onWarning);
});
afterAll(() => {
  process.off('warning', onWarning);
});

describe('fuzz (seeded share)', () => {
  for (const [kind, arbitrary] of Object.entries(ARBITRARIES)) {
    it(`${kind}: nothing throws, every problem is a known message at a sane place, scores stay in range`, async () => {
      fc.assert(
        fc.property(arbitrary, (c) => {
          expect(checkCase(c, rubric)).toBeNull();
        }),
        { numRuns: 250, seed: 1129 },
      );
      await new Promise((resolve) => setImmediate(resolve)); // Node emits warnings on a later tick
      expect(warnings).toEqual([]);
    });
  }
});
