// Bundles the CLI and the library API with esbuild; then `tsc` type-checks and writes the declarations.
// The default rubric is validated here, once, and embedded with its defaults filled in, so that start-up
// parses no YAML for it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';

const raw = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};
/**
 * commander requires node:child_process at load, for executable subcommands jiaxiao never has: ~4 ms of every
 * start. It gets a stand-in that loads the module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};
/**
 * A package that only some runs need, loaded on first use rather than as the CLI starts: imports of it get a
 * stand-in whose every export is a getter that loads the package (bundled all the same) and hands on the
 * export asked for. The stand-in names the package's exports as this build finds them. A module that uses
 * one of these packages as it loads (at its top level) still loads it at start-up: the gain is lost, nothing
 * breaks.
 * - chalk works out the terminal's colours as it loads, which loads node:tty and node:net: ~7 ms of every
 *   start. The CLI decides the colour level itself (src/cli/env.ts) and needs chalk only for a terminal in
 *   colour.
 * - yaml, the careful reader with positions, is for a file that the quick readings leave alone or that has a
 *   problem to place (src/io/yaml.ts): ~2 ms of every start.
 * - js-yaml reads what the simple reading gives up on (src/io/fast-yaml.ts): ~0.7 ms of every start.
 * - zod checks what the plain check cannot pass (src/evidence/plain-evidence.ts) and rubric files; every
 *   schema is built on first use (src/base/once.ts): ~2 ms of every start.
 * The getters are one CommonJS module; every importer reaches them through one ES module in front of it, so
 * that esbuild copies them once and not once per importer (zod's 260 exports into 19 importers: ~2.5 ms).
 */
const projectRequire = createRequire(import.meta.url);
/** A package's exports; `__esModule` left out, which esbuild's interop reads at once (and would load it). */
async function exportNames(name) {
  let names;
  try {
    names = Object.keys(projectRequire(name));
  } catch (e) {
    if (e.code !== 'ERR_REQUIRE_ESM') throw e;
    names = Object.keys(await import(name));
  }
  return names.filter((key) => key !== '__esModule');
}
/**
 * The exports of a package that `src/` reads, where every runtime import of it is `import * as <alias> from
 * '<name>'` and each use is `<alias>.<export>`. The build stops where a file imports it otherwise, or uses the
 * alias as a value (passed, assigned, destructured), which this reading would miss.
 */
async function namesRead(name, alias) {
  const files = (await readdir('src', { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join('src', f));
  const used = new Set();
  const anyImport = new RegExp(`^import\\s+(?!type\\b)(.*)from\\s*['"]${name}['"]`, 'gm');
  const asValue = new RegExp(`[=(,:\\[]\\s*${alias}\\s*[;,)\\]}]|\\.\\.\\.${alias}\\b`);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const imports = [...text.matchAll(anyImport)];
    if (imports.length === 0) continue;
    if (imports.some((m) => m[1].trim() !== `* as ${alias}`) || asValue.test(text))
      throw new Error(
        `${file}: import ${name} as \`import * as ${alias} from '${name}'\` and use it as ${alias}.<name> only`,
      );
    // Read in the code as it runs: without its types (z.infer, z.core.$ZodIssue), which need nothing bundled.
    const code = (await transform(text, { loader: 'ts' })).code;
    for (const m of code.matchAll(new RegExp(`\\b${alias}\\s*\\.\\s*([A-Za-z_$][\\w$]*)`, 'g'))) used.add(m[1]);
  }
  return used;
}

/** `reads`: for a package whose unused parts should not be bundled (zod: 64 locales), the exports src/ reads. */
async function lazyPackages(importers, names, reads = {}) {
  const exportsOf = new Map(await Promise.all(names.map(async (name) => [name, await exportNames(name)])));
  /** What a stand-in offers: every export, or for a package in `reads` those read. */
  const offered = (name) =>
    reads[name] ? exportsOf.get(name).filter((key) => reads[name].has(key)) : exportsOf.get(name);
  const filter = new RegExp(`^(?:${names.join('|')})$`);
  // The package is resolved from the project, wherever the build is started from.
  const resolveDir = fileURLToPath(new URL('..', import.meta.url));
  return {
    name: 'lazy-packages',
    setup(b) {
      b.onResolve({ filter }, async (args) => {
        if (!importers.test(args.importer)) return undefined;
        // A package's own default export is not in its stand-in (see below): a default import of it stops the
        // build here, rather than be undefined at run time.
        const defaultImport = new RegExp(`import\\s+(?!type\\b)[\\w$]+\\s*(?:,[^;]*)?from\\s*['"]${args.path}['"]`);
        if (exportsOf.get(args.path).includes('default') && defaultImport.test(await readFile(args.importer, 'utf8')))
          return { errors: [{ text: `${args.path} loads on first use: import its named exports, not its default` }] };
        return { path: args.path, namespace: 'lazy-package' };
      });
      b.onResolve({ filter: /^lazy-getters:/ }, (args) => ({
        path: args.path.slice('lazy-getters:'.length),
        namespace: 'lazy-getters',
      }));
      // What importers see: the getters' exports, and for a CommonJS package without a default export of its
      // own (js-yaml) the getters themselves as the default, as a default import of it gives. A package's own
      // default export is left out: re-exported, it would cost a second copy of all the getters.
      b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
        contents: [
          `export * from 'lazy-getters:${args.path}';`,
          ...(exportsOf.get(args.path).includes('default')
            ? []
            : [`export { default } from 'lazy-getters:${args.path}';`]),
        ].join('\n'),
        loader: 'js',
        resolveDir,
      }));
      // Only the exports read, from the package's ES module: esbuild then bundles only what they need.
      b.onResolve({ filter: /^lazy-read:/ }, (args) => ({
        path: args.path.slice('lazy-read:'.length),
        namespace: 'lazy-read',
      }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-read' }, (args) => ({
        contents: `export { ${offered(args.path).join(', ')} } from '${args.path}';\n`,
        loader: 'js',
        resolveDir,
      }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-getters' }, (args) => ({
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(reads[args.path] ? `lazy-read:${args.path}` : args.path)}));`,
          'module.exports = {',
          ...offered(args.path).map(
            (key) => `  get ${JSON.stringify(key)}() { return load()[${JSON.stringify(key)}]; },`,
          ),
          '};',
        ].join('\n'),
        loader: 'js',
        resolveDir,
      }));
    },
  };
}
const SRC = /[\\/]src[\\/]/;
const lazyInCli = await lazyPackages(SRC, ['chalk', 'yaml', 'js-yaml', 'zod'], { zod: await namesRead('zod', 'z') });

const banner = {
  js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [raw, lazyChildProcess],
};

/** Bundles one source module into a temporary file and hands its exports to `use`: build-time data made by the code itself. */
async function withModule(entry, use) {
  const dir = await mkdtemp(join(tmpdir(), 'jiaxiao-build-'));
  try {
    const out = join(dir, 'module.mjs');
    await build({ ...common, entryPoints: [entry], outfile: out });
    return await use(await import(pathToFileURL(out).href));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads the default rubric through the real loader; refuses to build a bundle around a broken one. */
const defaultRubricData = () =>
  withModule('src/rubric/load.ts', async ({ loadRubricText }) => {
    const file = 'rubric/wuzhong-2019.yaml';
    const loaded = loadRubricText(await readFile(file, 'utf8'), file);
    if (!loaded.data) throw new Error(`${file} is invalid: ${JSON.stringify(loaded.problems, null, 2)}`);
    return loaded.data;
  });

/**
 * The label of every evidence field by path, made from the schema here, so that the CLI names fields in its
 * reasons without building the schema (src/evidence/field-labels.ts).
 */
const evidenceLabelTable = () =>
  withModule('src/evidence/field-labels.ts', ({ evidenceLabelTable }) => evidenceLabelTable());

/** FNV-1a, as src/base/hash.ts computes it at run time. */
function fingerprint(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return `${bytes.length}:${h.toString(16)}`;
}

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const rubricFile = 'rubric/wuzhong-2019.yaml';
const rubricStat = await stat(rubricFile);
const define = {
  JIAXIAO_VERSION: JSON.stringify(pkg.version),
  JIAXIAO_DEFAULT_RUBRIC: JSON.stringify(await defaultRubricData()),
  JIAXIAO_EVIDENCE_LABELS: JSON.stringify(await evidenceLabelTable()),
  // What the embedded copy was built from: an edited rubric file is noticed at run time and read instead.
  JIAXIAO_DEFAULT_RUBRIC_STAMP: JSON.stringify({
    size: rubricStat.size,
    mtimeMs: rubricStat.mtimeMs,
    fingerprint: fingerprint(await readFile(rubricFile)),
  }),
};

await Promise.all([
  // CommonJS, so that bin/jiaxiao.cjs can run it through V8's code cache (vm.Script accepts cached data).
  build({
    ...common,
    format: 'cjs',
    // Bundled ES modules (fdir) read import.meta.url; in CommonJS it is this file's URL.
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { ...define, 'import.meta.url': '__importMetaUrl' },
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    // ~1 MB that only --format xlsx needs: required from node_modules when asked for, not loaded at start-up.
    // Its import() becomes a require(): bin/jiaxiao.cjs runs the bundle as a vm.Script, which has no
    // loader for a real dynamic import.
    external: ['exceljs'],
    plugins: [...common.plugins, lazyInCli],
    supported: { 'dynamic-import': false },
    minify: !process.env.JIAXIAO_DEBUG_BUILD,
  }),
  build({ ...common, define, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', packages: 'external' }),
]);
// The CLI bundle in ASCII only, so that bin/jiaxiao.cjs reads it as latin1: decoding ~800 KB as UTF-8 costs
// every start ~4 ms more. esbuild escapes strings but leaves regular expressions as written (/[：，]/); each
// other character becomes \uXXXX, which means the same in a string, a template and a regular expression
// (an identity escape such as \（ loses its backslash first). A raw template would see the escape itself:
// the build stops if one holds such a character.
{
  const file = 'dist/cli.cjs';
  const text = await readFile(file, 'utf8');
  const ascii = text.replace(/(\\*)([\u0080-\uffff])/g, (_m, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (/String\.raw`[^`]*[\u0080-\uffff]/.test(text))
    throw new Error(`${file}: a String.raw template holds a non-ASCII character`);
  if (/[\u0080-\uffff]/.test(ascii)) throw new Error(`${file} is not ASCII`);
  await writeFile(file, ascii);
}
// Code caches belong to the bundle they were made from (bin/jiaxiao.cjs): those of an older bundle go.
for (const name of await readdir('dist')) {
  if (/^cli(-[0-9a-f]+|\.cjs)\.cache(\.\d+\.tmp)?$/.test(name)) await rm(join('dist', name), { force: true });
}
// One typical run leaves the code cache for this Node, so that the tests and benchmarks start warm; any other
// Node makes its own on its first run.
execFileSync(process.execPath, ['bin/jiaxiao.cjs', 'score', 'examples/schools/typical-primary.yaml'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NO_COLOR: '1' },
});
if (!process.argv.includes('--no-types')) {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {
      stdio: 'inherit',
    });
  } catch {
    process.exit(1);
  }
}
