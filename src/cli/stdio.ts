// stdout and stderr. On Linux and macOS the CLI writes to file descriptors 1 and 2 itself, synchronously, as
// Node's own streams do there for files and terminals (into a pipe Node writes what the pipe takes and keeps
// the rest until it drains; blocking until then instead is the same to a command that writes its output and
// ends). Making process.stdout loads node:stream (for a pipe or a terminal node:net as well), 2–4 ms of every
// start, for what is one write of a sheet. On Windows a console needs Node's stream (it writes the console's
// own encoding), so there the streams write, as before.
// Either way a reader that has gone (`jiaxiao … | head`) ends the run quietly, and any other failure to write
// (a full disk, /dev/full) is one line on stderr and exit 2, never a stack trace.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { escapeText } from '../base/escape.js';
import { tty } from '../io/builtins.js';
import { EXIT } from './exit.js';

export type Fd = 1 | 2;

/** Written straight to the descriptor; false on Windows, and after the descriptor once said "try again". */
const direct: Record<Fd, boolean> = { 1: process.platform !== 'win32', 2: process.platform !== 'win32' };

const guarded = new WeakSet<NodeJS.WriteStream>();

/** process.stdout or process.stderr, made on first use, with its failures handled as above. */
export function streamOf(fd: Fd): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', failed);
  }
  return stream;
}

function failed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  try {
    writeSync(2, `jiaxiao: 无法输出（cannot write the output）：${escapeText(String(e.message))}\n`);
  } catch {}
  process.exit(EXIT.failed);
}

/** Writes all of `chunk` to stdout (1) or stderr (2), or ends the run as above. */
export function writeTo(fd: Fd, chunk: string | Uint8Array): void {
  if (!direct[fd]) {
    streamOf(fd).write(chunk);
    return;
  }
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  let done = 0;
  try {
    // writeSync may write less than it is given: the rest follows.
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') failed(e as NodeJS.ErrnoException);
    // A descriptor left non-blocking by whatever started us, and full: Node's stream waits for it, and takes
    // this and every later write, in order.
    direct[fd] = false;
    streamOf(fd).write(bytes.subarray(done));
  }
}

let nullDevice: number | undefined;

/**
 * Whether the descriptor is a terminal, without loading node:tty (~3 ms) where the answer is plain: only a
 * character device can be one, and /dev/null (output thrown away) is never one.
 */
export function isTerminal(fd: Fd): boolean {
  if (!direct[fd]) return streamOf(fd).isTTY === true;
  let rdev: number;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    rdev = st.rdev;
  } catch {
    return false;
  }
  try {
    nullDevice ??= statSync('/dev/null').rdev;
    if (rdev === nullDevice) return false;
  } catch {}
  return tty().isatty(fd);
}
