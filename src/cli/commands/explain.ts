// `jiaxiao explain [ID]`: what the rubric asks. No id: the tree with points; an id (B6, B6.2, B6.2a, a
// bonus, deduction or veto): its source text, checks with their numbers, the evidence fields they read with
// a YAML fragment, and how its points are earned. Works with any rubric of the family (--rubric).
import { escapeText } from '../../base/escape.js';
import { renderExplainJson, renderExplainText } from '../../render/explain.js';
import { explain } from '../../report/explain.js';
import { langOf, paintFor, type Streams, UsageError, widthFor } from '../env.js';
import { EXIT } from '../exit.js';
import { emit } from '../output.js';
import { loadRubricOption, rubricFileOption } from '../rubric-option.js';

export interface ExplainOptions {
  rubric?: string;
  format: string;
  lang?: string;
  width?: string;
  color?: boolean;
  output?: string;
}

export const EXPLAIN_FORMATS = ['text', 'json'];

export function runExplain(id: string | undefined, options: ExplainOptions, io: Streams): number {
  const lang = langOf(options.lang, io.env);
  const zh = lang === 'zh';
  if (!EXPLAIN_FORMATS.includes(options.format))
    throw new UsageError(
      zh
        ? `未知格式 ${options.format}，可用：${EXPLAIN_FORMATS.join(', ')}`
        : `unknown format ${options.format}; use one of ${EXPLAIN_FORMATS.join(', ')}`,
    );
  const width = widthFor(options.width, options.output !== undefined, io, lang);
  const rubric = loadRubricOption(rubricFileOption(options.rubric, lang, io), lang, io);
  if (!rubric) return EXIT.failed;
  const e = explain(rubric, id);
  if (e.kind === 'unknown') {
    const shown = e.suggestions.map(escapeText);
    io.err(
      zh
        ? `jiaxiao: 细则中没有 ${escapeText(e.id)}${shown.length > 0 ? `。最接近的：${shown.join('、')}` : ''}。不带编号运行 jiaxiao explain 可列出全部指标和要点\n`
        : `jiaxiao: the rubric has no ${escapeText(e.id)}${shown.length > 0 ? `; closest: ${shown.join(', ')}` : ''}. Run jiaxiao explain without an id for every indicator and item\n`,
    );
    return EXIT.failed;
  }
  const toTerminal = io.outIsTTY && options.output === undefined;
  const paint = paintFor(toTerminal, io.env, options.output === undefined ? options.color : false);
  const output = options.format === 'json' ? renderExplainJson(e, lang) : renderExplainText(e, { lang, width, paint });
  return emit(output, options.output, io, lang) ? EXIT.ok : EXIT.failed;
}
