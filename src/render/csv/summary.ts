// A batch as CSV: one row per school in ranking order, for sorting, filtering and pivoting in a spreadsheet.
// Columns that do not apply to the batch are left out rather than left empty: 区县排名 without several
// counties, 等级 when the rubric declares no levels. Files that could not be scored follow after an empty
// row, one line each with their first problem, so that a report made from the file does not silently miss
// a school.

import { placeText } from '../../base/problem.js';
import { STAGE_LABELS } from '../../evidence/schema.js';
import { countOf, type Lang, problemText } from '../../i18n/messages.js';
import type { InvalidFile, RankedSchool, Summary } from '../../report/summary.js';
import { inLang, type Output, type SummaryRenderOptions } from '../types.js';
import { type CsvCell, csvPieces } from './write.js';

const T = {
  zh: {
    rank: '排名',
    countyRank: '区县排名',
    school: '学校',
    code: '学校标识码',
    county: '区县',
    stage: '学段',
    total: '总分',
    max: '应得满分',
    normalized: '折算分',
    selfTotal: '自评总分',
    selfMinusScore: '自评−得分',
    level: '等级',
    file: '文件',
    invalid: '未计入（文件有错误）',
    more: (n: number) => `（另有 ${n} 个问题）`,
  },
  en: {
    rank: 'Rank',
    countyRank: 'County rank',
    school: 'School',
    code: 'School code',
    county: 'County',
    stage: 'Stage',
    total: 'Total',
    max: 'Applicable maximum',
    normalized: 'Normalized score',
    selfTotal: 'Self-score total',
    selfMinusScore: 'Self − score',
    level: 'Level',
    file: 'File',
    invalid: 'Not counted (errors in the file)',
    more: (n: number) => ` (${countOf(n, 'more problem')})`,
  },
};

/** A RankedSchool's hundredths as points: exact for these magnitudes, written with at most two decimals. */
const points = (cents: number): number => cents / 100;

/** — where a 二级指标 does not apply to the school (its applicable maximum is 0). */
const NONE = '—';

function schoolRow(s: Summary, r: RankedSchool, lang: Lang, counties: boolean): CsvCell[] {
  return [
    r.rank,
    ...(counties ? [r.countyRank] : []),
    r.name,
    r.code,
    r.county,
    STAGE_LABELS[r.stage][lang],
    ...s.shape.groups.map((_, k) => points(r.groups[k] ?? 0)),
    ...s.shape.indicators.map((_, k) => ((r.indicators[2 * k + 1] ?? 0) > 0 ? points(r.indicators[2 * k] ?? 0) : NONE)),
    points(r.total),
    points(r.max),
    points(r.normalized),
    r.selfTotal === null ? null : points(r.selfTotal),
    r.selfMinusScore === null ? null : points(r.selfMinusScore),
    ...(s.shape.levels ? [r.level ? inLang(r.level, lang) : NONE] : []),
    r.file,
  ];
}

/** A file not counted: its name and its first problem (errors come first), where in the file it is. */
function invalidRow(f: InvalidFile, lang: Lang): CsvCell[] {
  const t = T[lang];
  const [first] = f.problems;
  const more = f.problems.length - 1 + f.omitted;
  const where = first && placeText(first) ? `${placeText(first)} ` : '';
  const text = first ? `${where}${problemText(first, lang)}${more > 0 ? t.more(more) : ''}` : '';
  return [t.invalid, f.file, text];
}

const REVIEW_HEAD = { zh: ['复评', '复评前折算分'], en: ['Reviewed', 'Normalized before review'] };

const reviewCells = (r: RankedSchool, lang: Lang): CsvCell[] =>
  r.computedNormalized === null ? [null, null] : [lang === 'zh' ? '是' : 'yes', points(r.computedNormalized)];

/** The summary as CSV text, its rows made school by school as they are written: never one string. */
export const renderSummaryCsv = (s: Summary, options: SummaryRenderOptions): Output => ({
  pieces: () => csvPieces(summaryRows(s, options)),
});

function* summaryRows(s: Summary, options: SummaryRenderOptions): Generator<CsvCell[]> {
  const { lang } = options;
  const t = T[lang];
  const counties = s.counties.length > 0;
  const head: CsvCell[] = [
    t.rank,
    ...(counties ? [t.countyRank] : []),
    t.school,
    t.code,
    t.county,
    t.stage,
    ...s.shape.groups.map((g) => `${g.id} ${inLang(g.name, lang)}`),
    ...s.shape.indicators.map((b) => `${b.id} ${inLang(b.name, lang)}`),
    t.total,
    t.max,
    t.normalized,
    t.selfTotal,
    t.selfMinusScore,
    ...(s.shape.levels ? [t.level] : []),
    t.file,
    // 复评: only in a batch with reviewed schools, so that other summaries keep their columns.
    ...(s.reviewed > 0 ? REVIEW_HEAD[lang] : []),
  ];
  yield head;
  for (const r of s.ranking)
    yield [...schoolRow(s, r, lang, counties), ...(s.reviewed > 0 ? reviewCells(r, lang) : [])];
  if (s.invalidFiles.length > 0) yield [];
  for (const f of s.invalidFiles) yield invalidRow(f, lang);
}
