// The only place that exits. An unexpected error is a bug: say so plainly, without a stack trace unless
// JIAXIAO_DEBUG is set. In a worker thread of a large batch, it serves files instead.
import { EXIT } from './exit.js';
import './zod-config.js';
import { escapeText } from '../base/escape.js';
import { processStreams } from './env.js';
import { WORKER_FLAG } from './pool-flag.js';
import { run } from './program.js';

// A worker of the pool is told so by its argv, which costs nothing to read (node:worker_threads ~2 ms).
if (process.argv[2] !== WORKER_FLAG) {
  // `jiaxiao … | head`: the reader has gone; stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // Any other failure to write the output (a full disk, /dev/full): say so on stderr, not as a stack trace.
      try {
        process.stderr.write(`jiaxiao: 无法输出（cannot write the output）：${escapeText(String(e.message))}\n`);
      } catch {}
      process.exit(EXIT.failed);
    });
  }
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
