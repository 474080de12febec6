// What the CLI reads from its surroundings, gathered in one place: language, colour, streams, files.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { styleText } from 'node:util';
import type { Lang } from '../i18n/messages.js';
import { MAX_BYTES } from '../io/decode.js';
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

/** What a path is when it is not a regular file: the `kind` of cli.notRegular and cli.skipped. */
export function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}

/**
 * Reads a file's bytes, or a problem that says why it cannot be read. Only regular files are read: a FIFO
 * would block for ever and /dev/zero never ends. The path is checked before it is opened, opened without
 * blocking, checked again on the open descriptor (it may have been swapped in between), and never more than
 * MAX_BYTES + 1 bytes are read. A symbolic link named on the command line is followed (see README).
 */
export function readInput(file: string): { bytes?: Uint8Array; problem?: Problem } {
  const refuse = (st: Stats): { problem: Problem } | undefined => {
    if (st.isDirectory()) return { problem: { severity: 'error', code: 'cli.isDirectory', params: { file }, file } };
    if (!st.isFile())
      return { problem: { severity: 'error', code: 'cli.notRegular', params: { file, kind: specialKind(st) }, file } };
    if (st.size > MAX_BYTES)
      return {
        problem: {
          severity: 'error',
          code: 'file.tooLarge',
          params: { size: st.size, max: MAX_BYTES },
          file,
          line: 1,
          col: 1,
        },
      };
    return undefined;
  };
  let fd: number | undefined;
  try {
    const before = refuse(statSync(file));
    if (before) return before;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    const after = refuse(st);
    if (after) return after;
    // Sized by fstat, grown once if the file grew since; one byte past the limit tells that it is too large.
    let buffer = Buffer.allocUnsafe(Math.min(st.size, MAX_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_BYTES) break;
        const bigger = Buffer.allocUnsafe(MAX_BYTES + 1);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { problem: { severity: 'error', code: 'cli.isDirectory', params: { file }, file } };
    if (code === 'ENOENT') return { problem: { severity: 'error', code: 'cli.noFile', params: { file }, file } };
    return {
      problem: { severity: 'error', code: 'cli.unreadable', params: { detail: String((e as Error).message) }, file },
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class UsageError extends Error {}
