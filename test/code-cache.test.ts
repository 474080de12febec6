// bin/jiaxiao.cjs and V8's code cache: a cache is used only by the Node that made it, made where it can be,
// never a reason to fail, and never shipped.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const example = resolve('examples/schools/typical-primary.yaml');
let root: string;

/** A copy of the installed layout (bin + bundle, no cache) in a temporary folder. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'jiaxiao-cache-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  copyFileSync('bin/jiaxiao.cjs', join(root, 'bin/jiaxiao.cjs'));
  copyFileSync('dist/cli.cjs', join(root, 'dist/cli.cjs'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function run(execArgv: string[] = []) {
  const r = spawnSync(process.execPath, [...execArgv, join(root, 'bin/jiaxiao.cjs'), 'score', example], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const caches = () =>
  readdirSync(join(root, 'dist'))
    .filter((n) => n !== 'cli.cjs')
    .sort();

describe('the code cache', () => {
  it('is made on the first run, then used, with the same output', () => {
    const first = run();
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(caches()).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}\.cache$/)]);
    const file = join(root, 'dist', caches()[0] as string);
    const made = readFileSync(file);
    expect(made.toString('latin1')).toContain(`"${process.version}","${process.versions.v8}"`);
    expect(run()).toEqual(first);
    expect(readFileSync(file).equals(made)).toBe(true); // a usable cache is not rewritten
  });

  it('is one per set of flags: other flags neither load nor replace it', () => {
    const plain = run();
    const [mine] = caches();
    expect(run(['--stack-size=2000'])).toEqual(plain);
    expect(caches()).toHaveLength(2);
    expect(caches()).toContain(mine);
  });

  it('is ignored, and replaced, when its key says another Node made it', () => {
    const plain = run();
    const file = join(root, 'dist', caches()[0] as string);
    const real = readFileSync(file);
    // The same name and body, but the key of another Node: as if a cache had been copied from elsewhere.
    const other = Buffer.from(real.toString('latin1').replace(process.version, 'v20.0.0'), 'latin1');
    writeFileSync(file, other);
    expect(run()).toEqual(plain);
    expect(readFileSync(file).toString('latin1')).toContain(`"${process.version}"`);
  });

  it('is replaced when V8 rejects it', () => {
    const plain = run();
    const file = join(root, 'dist', caches()[0] as string);
    const real = readFileSync(file);
    const header = real.indexOf('\n') + 1;
    expect(header % 8).toBe(0);
    writeFileSync(file, Buffer.concat([real.subarray(0, header), Buffer.alloc(4096, 7)]));
    expect(run()).toEqual(plain);
    expect(readFileSync(file).length).toBeGreaterThan(header + 4096);
  });

  it('never fails nor prints when it cannot be written, and leaves no temporary file', () => {
    const plain = run();
    const name = caches()[0] as string;
    rmSync(join(root, 'dist', name));
    mkdirSync(join(root, 'dist', name)); // renaming onto a folder fails, as writing into a read-only one would
    expect(run()).toEqual(plain);
    expect(caches()).toEqual([name]);
  });

  it('keeps the newest 8 caches, and removes temporary files an hour old', () => {
    const day = Date.now() / 1000 - 86400;
    for (let i = 0; i < 10; i++) {
      const name = join(root, 'dist', `cli-${String(i).padStart(16, '0')}.cache`);
      writeFileSync(name, 'old');
      utimesSync(name, day + i, day + i); // 0 oldest … 9 newest
    }
    const stale = join(root, 'dist', 'cli-0000000000000000.cache.123.tmp');
    const fresh = join(root, 'dist', 'cli-0000000000000000.cache.456.tmp');
    writeFileSync(stale, '');
    writeFileSync(fresh, '');
    utimesSync(stale, day, day);
    run();
    const left = caches();
    expect(left).toHaveLength(9); // ours, the newest 7 others, and the recent temporary file
    expect(left).toContain('cli-0000000000000009.cache');
    expect(left).toContain('cli-0000000000000003.cache');
    expect(left).not.toContain('cli-0000000000000002.cache');
    expect(left).toContain('cli-0000000000000000.cache.456.tmp');
    expect(left).not.toContain('cli-0000000000000000.cache.123.tmp');
  });

  // As root, permissions do not stop a write: run as nobody then (setpriv), or skip where that cannot be done.
  const asRoot = process.getuid?.() === 0;
  const canDrop = !asRoot || spawnSync('setpriv', ['--version']).status === 0;
  it.runIf(canDrop)('in a read-only folder: the same output, nothing printed, nothing written', () => {
    const plain = run();
    for (const name of caches()) rmSync(join(root, 'dist', name));
    // The same file name: the sheet's citations name it.
    copyFileSync(example, join(root, 'typical-primary.yaml'));
    chmodSync(root, 0o755);
    chmodSync(join(root, 'dist'), 0o555);
    const node = [process.execPath, join(root, 'bin/jiaxiao.cjs'), 'score', join(root, 'typical-primary.yaml')];
    const [cmd, ...args] = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
    const r = spawnSync(cmd as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    chmodSync(join(root, 'dist'), 0o755);
    expect({ code: r.status, out: r.stdout, err: r.stderr }).toEqual(plain);
    expect(caches()).toEqual([]);
  });

  it('is not in the package', () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { encoding: 'utf8' }),
    );
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/cli.cjs');
    expect(readdirSync('dist').some((n) => n.endsWith('.cache'))).toBe(true); // the build left one to leave out
    expect(files.filter((f) => /\.(cache|tmp)$/.test(f))).toEqual([]);
  });
});
