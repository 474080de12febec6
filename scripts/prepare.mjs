// npm's `prepare` script: builds dist/ (scripts/build.mjs), also where npm prepares jiaxiao from git.
//
// A checkout (npm ci / npm install) has its devDependencies, esbuild among them: this is just the build.
// `npm install -g git+https://…` and pre-commit's `language: node` hook (pre-commit 4.6.1 and later run
// `npm install --allow-git=root --install-links -g git+file://<clone>`) do not: npm clones the repository
// and runs `npm install` there *in global mode* (the outer --global reaches it through npm_config_global),
// which installs nothing into the clone, so the build cannot find esbuild. A clone with no node_modules at
// all is that case: its devDependencies are installed first, from the lock file and without install
// scripts (which would come back here), then it is built as usual.
// A checkout whose node_modules lacks esbuild (npm ci --omit=dev) is refused with what to run instead,
// rather than silently given the devDependencies it left out.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to do in `root`: 'build' (dependencies present), 'bootstrap' (a bare clone) or 'refuse'. */
export function plan(root) {
  if (existsSync(join(root, 'node_modules', 'esbuild', 'package.json'))) return 'build';
  if (!existsSync(join(root, 'node_modules'))) return 'bootstrap';
  return 'refuse';
}

/**
 * The command that installs a bare clone's dependencies, devDependencies included, whatever the npm that
 * runs this passed down: every setting that would change what or where it installs is given on the command
 * line, which outranks npm_config_* in the environment.
 */
export function bootstrapArgs() {
  return [
    'ci',
    '--global=false',
    '--location=project',
    '--include=prod',
    '--include=dev',
    '--include=optional',
    '--ignore-scripts',
    '--dry-run=false',
    '--package-lock-only=false',
    '--install-links=false',
    '--no-audit',
    '--no-fund',
  ];
}

/** The npm to run: the one running this script (npm_execpath), else `npm` from PATH. */
function npmCommand(args) {
  const npm = process.env.npm_execpath;
  if (npm && /\.[cm]?js$/.test(npm)) return { file: process.execPath, args: [npm, ...args] };
  if (npm) return { file: npm, args };
  return { file: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

function run(file, args, root) {
  // Only npm.cmd needs a shell (Windows); node's own path may hold spaces.
  const r = spawnSync(file, args, { cwd: root, stdio: 'inherit', shell: file.endsWith('.cmd') });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const what = plan(root);
  if (what === 'refuse') {
    console.error(
      'jiaxiao: node_modules has no esbuild, which the build needs: run `npm ci` (with the devDependencies), ' +
        'or install a built package instead',
    );
    process.exit(1);
  }
  if (what === 'bootstrap') {
    console.error('jiaxiao: a clone without node_modules (an install from git): installing the build tools first');
    const npm = npmCommand(bootstrapArgs());
    const status = run(npm.file, npm.args, root);
    if (status !== 0) process.exit(status);
  }
  process.exit(run(process.execPath, [join(root, 'scripts', 'build.mjs')], root));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
