// The worst shapes of evidence file found so far, each as large as the size limit lets it be (128 KiB,
// MAX_BYTES in src/io/decode.ts): for `npm run bench -- adversarial`. Each must be answered well under a second.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 128 * 1024;
const school = () => readFileSync('examples/schools/typical-primary.yaml', 'utf8');

/** `head`, then as many lines made by `line(i)` as fit under the limit. */
function fill(head, line, tail = '') {
  const out = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + 1;
  for (let i = 0; ; i++) {
    const next = `${line(i)}\n`;
    size += Buffer.byteLength(next);
    if (size > LIMIT) break;
    out.push(next);
  }
  return out.join('') + tail;
}
/** A text repeated to just under the limit. */
const repeat = (head, unit, tail = '') =>
  head + unit.repeat(Math.floor((LIMIT - Buffer.byteLength(head + tail) - 1) / Buffer.byteLength(unit))) + tail;

/** name → the file's text. */
export const ADVERSARIAL = {
  'unknown keys': () => fill(`${school()}\n`, (i) => `unknownKey${i}: 1`),
  'aN: [ lines': () => fill('', (i) => `a${i}: [`),
  '[ repeated': () => repeat('', '[', '\n'),
  '- items': () => fill('school:\n  name: x\nyear: 2023-2024\nterms:\n', () => '- '),
  'nested flow': () => `school: ${'['.repeat(LIMIT / 2 - 10)}${']'.repeat(LIMIT / 2 - 10)}\n`,
  'long line': () => repeat('school: {name: ', 'x', '}\n'),
  'duplicate keys': () => fill(`${school()}\n`, () => 'year: 2023-2024'),
  'full-width colons': () => fill(`${school()}\n`, (i) => `k${i}：1`),
  'nested - - -': () => repeat('', '- ', 'x\n'),
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
