// What the CLI reads from its surroundings, gathered in one place: language, colour, streams, files.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { Chalk, type ColorSupportLevel, supportsColor } from 'chalk';
import type { Problem } from '../base/problem.js';
import type { Lang } from '../i18n/messages.js';
import { MAX_BYTES, MAX_WORKBOOK_BYTES } from '../io/decode.js';
import { specialKind } from '../io/paths.js';
import { chunksOf } from '../io/write.js';
import { type Output, type Paint, TEXT_WIDTH } from '../render/types.js';
import { isTerminal, streamOf, writeTo } from './stdio.js';

export interface Streams {
  /** Text, or the bytes of a binary format. */
  out: (output: Output) => void;
  err: (text: string) => void;
  outIsTTY: boolean;
  errIsTTY: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  env: NodeJS.ProcessEnv;
}

export function processStreams(): Streams {
  const outIsTTY = isTerminal(1);
  // Only a terminal has a width; asking it makes process.stdout.
  const columns = outIsTTY ? streamOf(1).columns : 0;
  return {
    out: (output) => {
      for (const chunk of chunksOf(output)) writeTo(1, chunk);
    },
    err: (t) => writeTo(2, t),
    outIsTTY,
    errIsTTY: isTerminal(2),
    ...(columns > 0 ? { columns } : {}),
    env: process.env,
  };
}

/** The narrowest and widest --width. */
export const WIDTH_RANGE = { min: 60, max: 400 } as const;

/**
 * Columns a text table may take: --width, else the terminal's width, else TEXT_WIDTH (output to a file or a
 * pipe, README). A terminal narrower than WIDTH_RANGE.min gets that minimum.
 */
export function widthFor(option: string | undefined, toFile: boolean, io: Streams, lang: Lang): number {
  if (option !== undefined) {
    const n = Number(option);
    if (!/^\s*\d+\s*$/.test(option) || n < WIDTH_RANGE.min || n > WIDTH_RANGE.max)
      throw new UsageError(
        lang === 'zh'
          ? `--width 需要 ${WIDTH_RANGE.min} 到 ${WIDTH_RANGE.max} 之间的整数，收到 ${option}`
          : `--width takes a whole number from ${WIDTH_RANGE.min} to ${WIDTH_RANGE.max}, got ${option}`,
      );
    return n;
  }
  if (toFile || !io.outIsTTY || io.columns === undefined) return TEXT_WIDTH;
  return Math.min(WIDTH_RANGE.max, Math.max(WIDTH_RANGE.min, io.columns));
}

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
  detected?: number,
): ColorSupportLevel {
  if (colorFlag === false || 'NO_COLOR' in env) return 0;
  const forced = forcedLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  // Asked of chalk only for a terminal: loading it costs a start ~7 ms (the build loads it on first use).
  return isTTY && env.TERM !== 'dumb' ? clampLevel(detected ?? (supportsColor ? supportsColor.level : 0)) : 0;
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

/**
 * Reads a file's bytes, or a problem that says why it cannot be read. Only regular files are read: a FIFO
 * would block for ever and /dev/zero never ends. The path is opened without blocking (a FIFO opens at once,
 * with nothing read from it), checked on the open descriptor, and never more than MAX_BYTES + 1 bytes are
 * read. A symbolic link named on the command line is followed (see README). A file costs open, fstat, one
 * read and close: a stat before the open, and a read to find the end, cost a batch ~3 µs a file more.
 * `known: 'regular'`: a folder's listing (or a stat of the path given) has shown a regular file, which is then
 * read without the fstat (readKnownRegular).
 */
export function readInput(file: string, known?: 'regular'): { bytes?: Uint8Array; problem?: Problem } {
  // A workbook is a zip of XML: larger than any YAML file, and bounded again once unpacked (io/xlsx.ts).
  const workbook = /\.xls[xm]?$/i.test(file);
  if (known === 'regular' && !workbook) {
    const listed = readKnownRegular(file);
    if (listed) return listed;
  }
  const max = workbook ? MAX_WORKBOOK_BYTES : MAX_BYTES;
  const refuse = (st: Stats): { problem: Problem } | undefined => {
    if (st.isDirectory()) return { problem: { severity: 'error', code: 'cli.isDirectory', params: { file }, file } };
    if (!st.isFile())
      return {
        problem: {
          severity: 'error',
          code: 'cli.notRegular',
          params: { file, kind: specialKind(st) ?? 'other' },
          file,
        },
      };
    if (st.size > max)
      return {
        problem: {
          severity: 'error',
          code: 'file.tooLarge',
          params: { size: st.size, max: max },
          file,
          line: 1,
          col: 1,
        },
      };
    return undefined;
  };
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    const refused = refuse(st);
    if (refused) return refused;
    // Sized by fstat: the file as it was then, in one read (no second read to find its end). A file whose size
    // fstat does not tell (0, as in /proc) is read to its end, grown once; one byte past the limit tells that
    // it is too large.
    const sized = st.size > 0;
    let buffer = Buffer.allocUnsafe(sized ? st.size : 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (sized || length > max) break;
        const bigger = Buffer.allocUnsafe(max + 1);
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

/** The buffer that files known to be regular are read into, made once a thread; each is copied out at its size. */
let readBuffer: Buffer | undefined;

/**
 * A YAML file that a folder's listing, or a stat of the path given, showed to be a regular file: open, read to
 * its end (at most MAX_BYTES + 1 bytes), close. No fstat: its Stats object, and a buffer made for each file,
 * cost `validate` on 10,000 files 2–6% of its time. Undefined where anything is unusual (an error, nothing read,
 * more than MAX_BYTES): readInput's checked path then says what the file is. A file replaced by a FIFO after
 * the listing is read for what it holds at once (it was opened without blocking), bounded as any file.
 */
function readKnownRegular(file: string): { bytes: Uint8Array } | undefined {
  readBuffer ??= Buffer.allocUnsafe(MAX_BYTES + 1);
  const buffer = readBuffer;
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_BYTES) return undefined;
    }
    if (length === 0) return undefined;
    return { bytes: Buffer.from(buffer.subarray(0, length)) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class UsageError extends Error {}
