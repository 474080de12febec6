// Points to gain and citations as words, shared by every format; each format escapes the result its own way
// (file names and labels come from submissions and rubrics).
import type { Lang } from '../i18n/messages.js';
import type { Citation } from '../report/citations.js';
import type { Sheet, SheetGain, SheetNextLevel } from '../report/sheet.js';
import { inLang, pointsText } from './types.js';

/** Lines named in one citation at most; more are counted. */
const SHOWN_LINES = 6;

/** The file's own name: a sheet is about one file, its folder only lengthens every citation. */
export const fileName = (file: string): string => file.split(/[\\/]/).pop() || file;

/** "（见 school.yaml 第 14、44 行）" / "(see school.yaml:14, 44)", or '' when nothing is cited. Unescaped. */
export function citationText(sheet: Sheet, cites: readonly Citation[], lang: Lang): string {
  if (cites.length === 0 || sheet.evidenceFile === null) return '';
  const file = fileName(sheet.evidenceFile);
  // A workbook's places are cells (台账!C14), in the order cited; a YAML file's, lines in order.
  const cells = [...new Set(cites.flatMap((c) => (c.cell === undefined ? [] : [c.cell])))];
  if (cells.length > 0) {
    const shown = cells.slice(0, SHOWN_LINES);
    const more = cells.length - shown.length;
    return lang === 'zh'
      ? `（见 ${file} ${shown.join('、')}${more > 0 ? ` 等 ${cells.length} 处` : ''}）`
      : ` (see ${file} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
  }
  const lines = [...new Set(cites.map((c) => c.line))].sort((a, b) => a - b);
  const shown = lines.slice(0, SHOWN_LINES);
  const more = lines.length - shown.length;
  return lang === 'zh'
    ? `（见 ${file} 第 ${shown.join('、')} 行${more > 0 ? ` 等 ${lines.length} 处` : ''}）`
    : ` (see ${file}:${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}

export const GAIN_TEXTS = {
  zh: {
    title: '可得分（按可增加的分数排列）',
    none: '没有可得分的项：所有核查均已通过',
    kind: { check: '', bonus: '加分 ', deduction: '扣分 ' },
    head: ['可增加', '编号', '核查', '原因'],
  },
  en: {
    title: 'Points to gain (most first)',
    none: 'nothing to gain: every check passed',
    kind: { check: '', bonus: 'bonus ', deduction: 'deduction ' },
    head: ['Gain', 'Id', 'Check', 'Reason'],
  },
};

/** "+11 B6.3a 每学期专题培训讲座不少于 2 次": a gain in one line, label unescaped. */
export function gainLine(g: SheetGain, lang: Lang): string {
  return `+${pointsText(g.points)} ${GAIN_TEXTS[lang].kind[g.kind]}${g.id} ${inLang(g.label, lang)}`;
}

/**
 * The next level in one sentence, unescaped: "距“合格”（折算分 ≥ 60）还差 9 分；最少改正 1 项即可达到：B3.1a（+15）".
 */
export function nextLevelText(sheet: Sheet, n: SheetNextLevel, lang: Lang): string {
  const zh = lang === 'zh';
  const basis = n.basis === 'total' ? (zh ? '总分' : 'total') : zh ? '折算分' : 'normalized';
  const name = inLang(n.name, lang);
  const points = (id: string) => sheet.gains.find((g) => g.id === id)?.points ?? 0;
  const fixes = (n.fixes ?? []).map((id) => `${id}（+${pointsText(points(id))}）`);
  const fixesEn = (n.fixes ?? []).map((id) => `${id} (+${pointsText(points(id))})`);
  const vetoes = n.vetoes.join(zh ? '、' : ', ');
  const gap = zh
    ? `距“${name}”（${basis} ≥ ${pointsText(n.min)}）${n.needed > 0 ? `还差 ${pointsText(n.needed)} 分` : '分数已够'}`
    : `next level "${name}" (${basis} ≥ ${pointsText(n.min)}): ${n.needed > 0 ? `${pointsText(n.needed)} short` : 'the score is enough'}`;
  const lift = n.vetoes.length > 0 ? (zh ? `；须解除一票否决 ${vetoes}` : `; lift veto ${vetoes}`) : '';
  if (n.fixes === null)
    return zh ? `${gap}${lift}；改正全部可得分项也达不到` : `${gap}${lift}; not reached even with every fix`;
  if (n.fixes.length === 0) return `${gap}${lift}`;
  return zh
    ? `${gap}${lift}；最少改正 ${n.fixes.length} 项即可达到：${fixes.join('、')}`
    : `${gap}${lift}; the fewest fixes that reach it (${n.fixes.length}): ${fixesEn.join(', ')}`;
}
