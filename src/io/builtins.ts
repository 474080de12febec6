// Node built-ins loaded on first use. node:zlib, node:worker_threads and node:tty take ~3 ms each to load, and a
// run that scores one YAML file into a file or a pipe needs none of them: zlib only reads workbooks, worker
// threads only serve large batches, node:tty only tells a terminal (src/cli/stdio.ts).
import { createRequire } from 'node:module';
import { once } from '../base/once.js';

// Not the free `require`: the bundler leaves this call alone, and the module loads when first called. Made on
// first use as well (createRequire costs a start ~0.3 ms).
const requireHere = once(() => createRequire(import.meta.url));
const load = (id: string) => requireHere()(id);

export const zlib = (): typeof import('node:zlib') => load('node:zlib');
export const workerThreads = (): typeof import('node:worker_threads') => load('node:worker_threads');
export const tty = (): typeof import('node:tty') => load('node:tty');
