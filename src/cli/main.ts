// The only place that exits, besides an output that cannot be written (./stdio.ts). An unexpected error is a
// bug: say so plainly, without a stack trace unless JIAXIAO_DEBUG is set. In a worker thread of a large batch,
// it serves files instead.

import { escapeText } from '../base/escape.js';
import { processStreams } from './env.js';
import { EXIT } from './exit.js';
import { WORKER_FLAG } from './pool-flag.js';
import { run } from './program.js';

// A worker of the pool is told so by its argv, which costs nothing to read (node:worker_threads ~2 ms).
if (process.argv[2] !== WORKER_FLAG) {
  const io = processStreams();
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.err(
        `jiaxiao: 内部错误（internal error），请把这条信息和所用的文件报告给维护者 · please report this with the files used：${escapeText(String((e as Error).message))}\n`,
      );
      if (process.env.JIAXIAO_DEBUG) io.err(`${(e as Error).stack}\n`);
      process.exitCode = EXIT.internal;
    },
  );
} else {
  void import('./tasks.js').then((tasks) => tasks.serveIfWorker());
}
