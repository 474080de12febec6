// A quick fingerprint of bytes (FNV-1a, 32 bits) for telling an edited file from the one a build embedded; not
// for security. scripts/build.mjs computes the same.
export function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `${bytes.length}:${h.toString(16)}`;
}
