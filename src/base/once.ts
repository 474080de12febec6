// A value built on first use: start-up pays only for what a run needs (rule schemas to load a rubric file,
// the workbook's layout to read or write a workbook).

/** Builds the value on the first call and returns that same value ever after. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
