#!/usr/bin/env node
// Runs the bundled CLI through V8's code cache, which saves parsing and compiling ~500 KB at every start.
// A cache is only safe for the very Node that made it: one made by Node 20.20.2 crashes 20.11-20.20.1
// (V8 accepts it and the process segfaults). So each cache is named by a hash of everything it depends on
// (Node and V8 version, platform, arch, the binary, flags, the bundle) and carries that whole key inside,
// checked before V8 sees it. Without a matching cache the CLI compiles as usual and, on exit, leaves a
// cache for the next run where it may (written atomically; a read-only folder is silently left alone).
// No cache is shipped: package.json leaves dist/*.cache out.
// CommonJS on purpose: Node starts a CommonJS entry point faster than an ES module.
'use strict';
const {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const { join } = require('node:path');
const { Module } = require('node:module');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'cli.cjs');
const fd = openSync(file, 'r');
const stat = fstatSync(fd);
// ASCII only (scripts/build.mjs sees to it): read as latin1, which is the same text and ~4 ms faster than UTF-8.
const source = readFileSync(fd, 'latin1');
closeSync(fd);

// One line (JSON), the file's first.
const key = JSON.stringify([
  'jiaxiao-code-cache 1',
  process.version,
  process.versions.v8,
  process.platform,
  process.arch,
  process.execPath,
  process.execArgv,
  process.env.NODE_OPTIONS ?? '',
  stat.size,
  stat.mtimeMs,
]);
/** FNV-1a, 32 bits twice (two offsets): a short file name; the full key inside the file decides. */
function hash(text) {
  let a = 0x811c9dc5;
  let b = 0x2b8e1f43;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
const cacheFile = join(dist, `cli-${hash(key)}.cache`);
// The key's line, padded so that V8's data starts 8-byte aligned (else V8 copies it first).
const header = Buffer.from(`${key}${' '.repeat(7 - (Buffer.byteLength(key) % 8))}\n`);

// JIAXIAO_CODE_CACHE=off: neither read nor write one (to measure, or to rule the cache out).
const useCache = process.env.JIAXIAO_CODE_CACHE !== 'off';
let cachedData;
try {
  const bytes = useCache ? readFileSync(cacheFile) : undefined;
  if (bytes && bytes.length > header.length && bytes.subarray(0, header.length).equals(header)) {
    cachedData = bytes.subarray(header.length);
  }
} catch {}
const script = new Script(Module.wrap(source), { filename: file, cachedData });
if (useCache && (cachedData === undefined || script.cachedDataRejected)) process.on('exit', writeCache);
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, dist);

/** Leaves a cache of what this run compiled, for the next run with the same key; never fails, never prints. */
function writeCache() {
  // Worker threads run this file too; the main thread alone writes, once.
  if (!require('node:worker_threads').isMainThread) return;
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([header, script.createCachedData()]), { flag: 'wx', mode: 0o644 });
    renameSync(temp, cacheFile);
    prune();
  } catch {
    try {
      unlinkSync(temp);
    } catch {}
  }
}

/** One cache per Node and flags adds up: keep the newest few, and no temporary file left by a killed run. */
function prune() {
  const KEEP = 8;
  const now = Date.now();
  const caches = [];
  for (const name of readdirSync(dist)) {
    if (!/^cli-[0-9a-f]{16}\.cache(\.\d+\.tmp)?$/.test(name)) continue;
    const path = join(dist, name);
    const mtime = statSync(path).mtimeMs;
    if (name.endsWith('.tmp')) {
      if (now - mtime > 3600e3) unlinkSync(path);
    } else if (path !== cacheFile) caches.push({ path, mtime });
  }
  caches.sort((a, b) => b.mtime - a.mtime);
  for (const old of caches.slice(KEEP - 1)) unlinkSync(old.path);
}
