// The fast reading: js-yaml, about ten times faster than `yaml` but without positions. It reads plain scalars
// by the same core-schema rules as the careful reader (./scalars.ts) and answers only where it is sure to
// agree with it; anything else (directives, the end marker `...`, tags, anchors and aliases, complex keys,
// __proto__, numbers the careful reader refuses) is left to the careful reading.
import jsyaml from 'js-yaml';
import { CORE_BOOL, CORE_FLOAT, CORE_INT, CORE_NULL, coreFloat, coreInt, numberProblem } from './scalars.js';
import { readSimple } from './simple-yaml.js';
import { lintLines } from './yaml.js';

/** Thrown from inside js-yaml to give the file to the careful reader. */
class Unsure extends Error {}

/**
 * A core-schema type. `first`: the characters its pattern lets a non-empty scalar start with. js-yaml asks
 * every type of every plain scalar, and most scalars (names, titles, dates) are none of them: a look at the
 * first character answers for those without running the patterns.
 */
const scalar = (tag: string, pattern: RegExp, first: string, construct: (s: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: string) => (s.length === 0 || first.includes(s.charAt(0))) && pattern.test(s),
    construct,
  });

const checked = (read: (s: string) => number) => (s: string) => {
  const value = read(s);
  if (numberProblem(s, value)) throw new Unsure();
  return value;
};

let schema: jsyaml.Schema | undefined;
/**
 * Implicit types only: an explicit tag of any kind is unknown to js-yaml, which then throws. Made when first
 * needed: most files never reach js-yaml, and the CLI loads it only then (scripts/build.mjs).
 */
const coreSchema = (): jsyaml.Schema =>
  (schema ??= new jsyaml.Schema({
    implicit: [
      scalar('null', CORE_NULL, '~nN', () => null),
      scalar('bool', CORE_BOOL, 'tTfF', (s) => s[0] === 't' || s[0] === 'T'),
      scalar('int', CORE_INT, '-+0123456789', checked(coreInt)),
      scalar('float', CORE_FLOAT, '-+.0123456789', checked(coreFloat)),
    ],
  }));

/**
 * Shapes the fast reading leaves alone: a directive or document end marker at a line start; a tag, anchor,
 * alias, explicit key `?` or null key where a node may start; a flow collection used as a key; __proto__.
 */
export const UNSURE =
  /^(?:%|\.\.\.)|(?:^|[\s[{,])(?:[!&*][^\s,\]}]|[!?](?:\s|$)|(?:~|null|Null|NULL)\s*:(?:\s|$))|[\]}]\s*:(?:\s|$)|__proto__/m;

/**
 * Each shape of UNSURE holds one of these: a file without any (most files) needs no closer look. UNSURE alone
 * tries its alternatives after every space of the file, which cost more than reading the rest of the line.
 */
const TELLTALE = /[%!&*?~]|\.\.\.|null|Null|NULL|[\]}]\s*:|__proto__/;

/** True where the fast reading might not agree with the careful one (UNSURE), found quickly. */
export const mayBeUnsure = (text: string): boolean => TELLTALE.test(text) && UNSURE.test(text);

/**
 * Shapes the fast readings leave alone, and line-level mistakes (full-width colons…), which only the careful
 * reader reports and mends.
 */
export const forCarefulReader = (text: string): boolean => mayBeUnsure(text) || lintLines(text).problems.length > 0;

/**
 * The document's value, or undefined where the careful reader must decide: on any error, and on what
 * forCarefulReader finds. The simple reading (./simple-yaml.ts) first, js-yaml where it gives up.
 */
export function readFast(text: string): { value: unknown } | undefined {
  if (forCarefulReader(text)) return undefined;
  const simple = readSimple(text);
  if (simple) return simple;
  try {
    return { value: jsyaml.load(text, { schema: coreSchema() }) };
  } catch {
    return undefined;
  }
}
