// Where a rendered sheet or summary goes: a file named with -o (written whole, or not at all), or stdout.
import { extname } from 'node:path';
import { type Lang, problemLine } from '../i18n/messages.js';
import { FORMATS } from '../render/formats.js';
import type { Format, Output } from '../render/types.js';
import { type Streams, UsageError } from './env.js';
import { writeOut } from './tasks.js';

/**
 * A binary format is refused on a terminal before any work is done: it would only garble the screen. With
 * `--out` (`folder`), a batch's binary summary goes into the folder and not to stdout at all.
 */
export function checkBinaryTarget(
  format: Format,
  file: string | undefined,
  folder: string | undefined,
  io: Streams,
  lang: Lang,
): void {
  if (format.binary && file === undefined && folder === undefined && io.outIsTTY)
    throw new UsageError(
      lang === 'zh'
        ? `${format.name} 是二进制文件，不能显示在终端上。请用 -o 文件名${format.ext} 写入文件，或重定向：> 文件名${format.ext}`
        : `${format.name} is a binary file and cannot be shown on a terminal; write it with -o name${format.ext}, or redirect: > name${format.ext}`,
    );
}

/** Writes the output; false (the problem reported) when its file cannot be written. */
export function emit(output: Output, file: string | undefined, io: Streams, lang: Lang): boolean {
  if (file === undefined) {
    io.out(output);
    return true;
  }
  const problem = writeOut(file, output);
  if (problem) io.err(`${problemLine(problem, lang)}\n`);
  return problem === undefined;
}

/** The format a file's extension names (评分表.xlsx → xlsx, .txt → table), any case; undefined for another. */
export function formatOfFile(file: string): Format | undefined {
  const ext = extname(file).toLowerCase();
  return FORMATS.find((f) => f.ext === ext);
}
