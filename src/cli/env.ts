// What the CLI reads from its surroundings, gathered in one place: language, colour, streams, files.
import { readFileSync } from 'node:fs';
import { Chalk, type ColorSupportLevel, supportsColor } from 'chalk';
import type { Lang } from '../i18n/messages.js';
import type { Problem } from '../problem.js';
import type { Paint } from '../render/types.js';

export interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
  outIsTTY: boolean;
  errIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processStreams = (): Streams => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  outIsTTY: process.stdout.isTTY === true,
  errIsTTY: process.stderr.isTTY === true,
  env: process.env,
});

export function langOf(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const v = value ?? env.JIAXIAO_LANG;
  return v === 'en' ? 'en' : 'zh';
}

/**
 * How many colours stdout gets (chalk's levels: 0 none, 1 basic, 2 256, 3 truecolor). NO_COLOR (any value)
 * and --no-color turn colour off; FORCE_COLOR forces a level as chalk reads it ('' or 'true' 1, 'false' 0,
 * a number up to 3); otherwise a terminal that is not TERM=dumb gets what chalk detects for it (`detected`).
 * Decided here and not by chalk, because chalk 5 ignores NO_COLOR.
 */
export function colorLevel(
  isTTY: boolean,
  env: NodeJS.ProcessEnv,
  colorFlag: boolean | undefined,
  detected: number = supportsColor ? supportsColor.level : 0,
): ColorSupportLevel {
  if (colorFlag === false || 'NO_COLOR' in env) return 0;
  const forced = forcedLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  return isTTY && env.TERM !== 'dumb' ? clampLevel(detected) : 0;
}

/** FORCE_COLOR as chalk reads it; undefined when unset or not a level (then it is ignored). */
function forcedLevel(value: string | undefined): ColorSupportLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 0 ? clampLevel(n) : undefined;
}

const clampLevel = (n: number): ColorSupportLevel => Math.max(0, Math.min(3, Math.trunc(n))) as ColorSupportLevel;

const plainText = (text: string) => text;

/** Colours for stdout at the level `colorLevel` decides; identity functions when there is none. */
export function paintFor(isTTY: boolean, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined): Paint {
  const level = colorLevel(isTTY, env, colorFlag);
  if (level === 0) return { red: plainText, yellow: plainText, green: plainText, dim: plainText, bold: plainText };
  const c = new Chalk({ level });
  return {
    red: (t) => c.red(t),
    yellow: (t) => c.yellow(t),
    green: (t) => c.green(t),
    dim: (t) => c.dim(t),
    bold: (t) => c.bold(t),
  };
}

/** Reads a file's bytes, or a problem that says why it cannot be read (one system call when all is well). */
export function readInput(file: string): { bytes?: Uint8Array; problem?: Problem } {
  try {
    return { bytes: readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { problem: { severity: 'error', code: 'cli.isDirectory', params: { file }, file } };
    if (code === 'ENOENT') return { problem: { severity: 'error', code: 'cli.noFile', params: { file }, file } };
    return {
      problem: { severity: 'error', code: 'cli.unreadable', params: { detail: String((e as Error).message) }, file },
    };
  }
}

export class UsageError extends Error {}
