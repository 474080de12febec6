// CLI tests run the bundle a user runs: build it from the current source first (esbuild, well under a second).
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs', '--no-types'], { stdio: 'inherit' });
}
