// What the CLI reads from its surroundings, gathered in one place: language, colour, streams, files.
import { readFileSync } from 'node:fs';
import { styleText } from 'node:util';
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
 * Colour only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it. Node's own
 * util.styleText does the styling (chalk cost ~3 ms of start-up for five colours).
 */
export function paintFor(isTTY: boolean, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined): Paint {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const on = colorFlag !== false && !('NO_COLOR' in env) && (isTTY || forced) && env.TERM !== 'dumb';
  const style = (format: 'red' | 'yellow' | 'green' | 'dim' | 'bold') => (text: string) =>
    on ? styleText(format, text, { validateStream: false } as never) : text;
  return { red: style('red'), yellow: style('yellow'), green: style('green'), dim: style('dim'), bold: style('bold') };
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
