// Golden files for renderers: test/golden/<name> holds the expected output; `npm run golden:update` (that is,
// JIAXIAO_UPDATE_GOLDEN=1) rewrites them from the current renderers, to be reviewed in the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = 'test/golden';

export function expectGolden(name: string, actual: string): void {
  const file = join(DIR, name);
  if (process.env.JIAXIAO_UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run npm run golden:update`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
