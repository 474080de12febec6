// The parts of a zip file (an .xlsx is one), read with a bound on everything: the number of entries, each
// entry's inflated size and the total. A zip bomb, a truncated download or a zip with encrypted entries
// gives a ZipError naming what is wrong, never a hang or an exhausted heap.
import { zlib } from './builtins.js';

export type ZipErrorKind = 'corrupt' | 'encrypted' | 'tooLarge';

export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ZipLimits {
  /** Entries in the central directory. */
  entries: number;
  /** Inflated bytes of all entries read together. */
  bytes: number;
}

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** A zip read lazily: the central directory at once, each entry when asked for (and at most once). */
export class Zip {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits,
  ) {
    const b = bytes;
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (u32(b, i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('corrupt', 'no end of central directory');
    const count = u16(b, eocd + 10);
    if (count === 0xffff || u32(b, eocd + 16) === 0xffffffff) throw new ZipError('corrupt', 'zip64 is not supported');
    if (count > limits.entries) throw new ZipError('tooLarge', `${count} entries`);
    let at = u32(b, eocd + 16);
    const decoder = new TextDecoder('utf-8');
    for (let k = 0; k < count; k++) {
      if (at + 46 > b.length || u32(b, at) !== 0x02014b50) throw new ZipError('corrupt', 'bad central directory');
      const nameLength = u16(b, at + 28);
      const entry: Entry = {
        flags: u16(b, at + 8),
        method: u16(b, at + 10),
        compressedSize: u32(b, at + 20),
        size: u32(b, at + 24),
        localOffset: u32(b, at + 42),
      };
      const name = decoder.decode(b.subarray(at + 46, at + 46 + nameLength));
      if (!this.entries.has(name)) this.entries.set(name.replace(/^\//, ''), entry);
      at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.flags & 1) throw new ZipError('encrypted', name);
    const b = this.bytes;
    const local = e.localOffset;
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50)
      throw new ZipError('corrupt', `bad local header ${name}`);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ZipError('corrupt', `truncated ${name}`);
    const data = b.subarray(start, end);
    const room = this.limits.bytes - this.inflated;
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        // The inflated size is bounded by what is left of the budget, whatever the header claims.
        out = zlib().inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
          throw new ZipError('tooLarge', name);
        throw new ZipError('corrupt', `${name}: ${(err as Error).message}`);
      }
    } else throw new ZipError('corrupt', `compression method ${e.method}`);
    this.inflated += out.length;
    if (this.inflated > this.limits.bytes) throw new ZipError('tooLarge', name);
    return out;
  }
}
