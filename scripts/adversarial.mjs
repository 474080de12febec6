// The worst shapes of evidence file found so far, each just under the 2 MiB size limit or as large as the
// issue that found it: for `npm run bench -- adversarial`. Each must be answered well under a second.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const school = () => readFileSync('examples/schools/typical-primary.yaml', 'utf8');
const lines = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/** name → the file's text. */
export const ADVERSARIAL = {
  'unknown keys 20k': () => `${school()}\n${lines(20000, (i) => `unknownKey${i}: 1`)}\n`,
  'unknown keys 1.9 MB': () => `${school()}\n${lines(100000, (i) => `unknownKey${i}: 1`)}\n`,
  'aN: [ 20k lines': () => `${lines(20000, (i) => `a${i}: [`)}\n`,
  '[ x 100k': () => `${'['.repeat(100000)}\n`,
  '- items 100k': () => `school:\n  name: x\nyear: 2023-2024\nterms:\n${lines(100000, () => '- ')}\n`,
  'nested flow 500k': () => `school: ${'['.repeat(500000)}${']'.repeat(500000)}\n`,
  'long line 1.9 MB': () => `school: {name: ${'x'.repeat(1900000)}}\n`,
  'duplicate keys 100k': () => `${school()}\n${lines(100000, () => 'year: 2023-2024')}\n`,
  'full-width colons 100k': () => `${school()}\n${lines(100000, (i) => `k${i}：1`)}\n`,
  'nested - - - 900k': () => `${'- '.repeat(900000)}x\n`,
  'nested ? ? ? 400': () => `${'? '.repeat(400)}x\n`,
};

/** Writes every shape into `dir`; returns [name, path] pairs. */
export function writeAdversarial(dir) {
  return Object.entries(ADVERSARIAL).map(([name, make], i) => {
    const file = join(dir, `adversarial-${i}.yaml`);
    writeFileSync(file, make());
    return [name, file];
  });
}
