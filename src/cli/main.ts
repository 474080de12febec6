// The only place that exits. An unexpected error is a bug: say so plainly, without a stack trace unless
// JIAXIAO_DEBUG is set.
import { processStreams } from './env.js';
import { run } from './program.js';

const io = processStreams();
try {
  process.exitCode = await run(process.argv.slice(2), io);
} catch (e) {
  io.err(`jiaxiao: 内部错误（internal error）：${(e as Error).message}\n`);
  if (process.env.JIAXIAO_DEBUG) io.err(`${(e as Error).stack}\n`);
  process.exitCode = 3;
}
