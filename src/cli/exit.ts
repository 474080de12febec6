// What every command's exit status means: one table for all of them (README: 退出码 · Exit codes).
// As ESLint's: 1 is an answer ("no"), 2 means the tool could not do what it was asked.
export const EXIT = {
  /** Done; nothing failed. */
  ok: 0,
  /** Done, and the answer is no: a school below --min-score (score), errors in the evidence (validate), errors in a rubric (rubric check). */
  findings: 1,
  /** Not done, in whole or in part: a usage error, a file that cannot be read or scored, an output that cannot be written. */
  failed: 2,
  /** A bug in jiaxiao: an internal error (the message asks to report it). */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
