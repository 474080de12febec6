/** The argument a pool worker is started with, so the CLI knows to serve files instead of parsing a command. */
export const WORKER_FLAG = '--jiaxiao-pool-worker';
