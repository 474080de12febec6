// The only place that exits. An unexpected error is a bug: say so plainly, without a stack trace unless
// JIAXIAO_DEBUG is set. In a worker thread of a large batch, it serves files instead.
import './zod-config.js';
import { processStreams } from './env.js';
import { run } from './program.js';
import { serveIfWorker } from './tasks.js';

if (!serveIfWorker()) {
  const io = processStreams();
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.err(`jiaxiao: 内部错误（internal error）：${(e as Error).message}\n`);
      if (process.env.JIAXIAO_DEBUG) io.err(`${(e as Error).stack}\n`);
      process.exitCode = 3;
    },
  );
}
