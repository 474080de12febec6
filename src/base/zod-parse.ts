// The options every zod parse here is run with. jitless: without zod's fast path compiled with `new Function`,
// which costs a run of one file a few milliseconds and, measured on a 1,000-school batch, gains nothing. Given
// at each parse rather than as zod's global setting, so that zod loads with the first schema a run needs
// (a run of a plain file needs none: scripts/build.mjs).
export const PARSE = { jitless: true } as const;
