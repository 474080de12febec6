// The batch summary for a terminal or a printout: the ranking (by county when there are several), the
// county lines, how often each 二级指标 earns full points, and the 要点 most often missed.

import { escapeText, textLines } from '../../base/escape.js';
import { centsText } from '../../base/exact.js';
import { countOf, type Lang, problemLine } from '../../i18n/messages.js';
import type { InvalidFile, RankedSchool, Stats, Summary } from '../../report/summary.js';
import { type Cell, type Row, renderGrid, wordWidths } from '../grid.js';
import { REVIEWED_MARK, reviewedNote } from '../review.js';
import { widestWord, width } from '../text.js';
import { type Paint, type SummaryRenderOptions, textOf } from '../types.js';
import { INVALID_LISTED, RANK_RULE, stageShort } from '../words.js';

const c2 = (cents: number) => centsText(cents);
const pct = (rate: number) => `${centsText(rate)}%`;
const signed = (cents: number) => (cents > 0 ? `+${c2(cents)}` : c2(cents));

const T = {
  zh: {
    title: (n: number, bad: number, year: string) =>
      `${year ? `${year} 学年，` : ''}共 ${n} 所学校${bad > 0 ? `；另有 ${bad} 个文件因错误未计入（各列出第一个问题）：` : ''}`,
    moreProblems: (n: number) => `（另有 ${n} 个问题）`,
    moreFiles: (n: number) => `  ……另有 ${n} 个文件未列出（jiaxiao validate 列出全部问题）`,
    rank: '排名',
    countyRank: '区县排名',
    cityRank: '全市排名',
    head: ['学校', '区县', '学段', '总分', '折算分', '自评总分', '自评−得分'],
    level: '等级',
    county: (c: string, n: number, s: Stats) =>
      `${c}：${n} 所，折算分平均 ${c2(s.mean)}，中位数 ${c2(s.median)}，最低 ${c2(s.min)}，最高 ${c2(s.max)}`,
    countyHead: ['区县', '学校数', '平均', '中位数', '最低', '最高'],
    attainHead: ['指标', '名称', '分值', '满分率', '平均', '中位数', '最低', '最高'],
    attainTitle: '各二级指标得分情况（满分率 = 得满分的学校 ÷ 适用的学校）',
    missedTitle: '最常失分的要点',
    missedHead: ['要点', '评估内容', '分值', '满分率', '得满分/适用'],
    countyTitle: '各区县折算分',
    rankRule: RANK_RULE.zh,
    narrowed: (cols: string) => `（表格宽度不足，略去了 ${cols} 列：用 --width 加宽，或用 csv、xlsx 格式查看全部列）`,
  },
  en: {
    title: (n: number, bad: number, year: string) =>
      `${year ? `Academic year ${year}: ` : ''}${n} schools${bad > 0 ? `; ${bad} files not counted because of errors (the first problem of each):` : ''}`,
    moreProblems: (n: number) => ` (${countOf(n, 'more problem')})`,
    moreFiles: (n: number) => `  … ${n} more files not listed (jiaxiao validate lists every problem)`,
    rank: 'Rank',
    countyRank: 'County rank',
    cityRank: 'Overall',
    head: ['School', 'County', 'Stage', 'Total', 'Normalized', 'Self', 'Self−score'],
    level: 'Level',
    county: (c: string, n: number, s: Stats) =>
      `${c}: ${n} schools, normalized mean ${c2(s.mean)}, median ${c2(s.median)}, min ${c2(s.min)}, max ${c2(s.max)}`,
    countyHead: ['County', 'Schools', 'Mean', 'Median', 'Min', 'Max'],
    attainHead: ['Id', 'Indicator', 'Pts', 'Full', 'Mean', 'Median', 'Min', 'Max'],
    attainTitle: 'Indicators (full = schools earning full points ÷ schools it applies to)',
    missedTitle: 'Most often missed',
    missedHead: ['Id', 'Content', 'Pts', 'Full', 'Full/applies'],
    countyTitle: 'Counties (normalized score)',
    rankRule: RANK_RULE.en,
    narrowed: (cols: string) =>
      `(too narrow for the ${cols} columns: widen with --width, or see every column in csv or xlsx)`,
  },
};

/** A column of the ranking: its heading, width, cell, and whether a narrow table may leave it out. */
interface Column {
  head: string;
  width: number;
  cell: (r: RankedSchool) => Cell;
  optional?: boolean;
  /** Takes the room the others leave (the school's name). */
  flex?: boolean;
  /** The narrowest it may get: its widest English word (set by wholeWords). */
  least?: number;
}

/** Each column at least as wide as the widest English word of its heading and cells: no word is broken. */
function wholeWords(columns: Column[], ranking: readonly RankedSchool[]): Column[] {
  return columns.map((c) => {
    const least = widestWord([c.head, ...ranking.map((r) => c.cell(r).text)]);
    return { ...c, width: Math.max(c.width, least), least };
  });
}

/** The widest a school's name gets before it wraps; the narrowest it gets before columns are left out. */
const SCHOOL_WIDTH = { min: 12, max: 30 };

function rankingColumns(s: Summary, lang: Lang, paint: Paint): Column[] {
  const t = T[lang];
  const zh = lang === 'zh';
  const [school, county, stage, total, normalized, self, selfMinus] = t.head as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const several = s.counties.length > 0;
  return [
    ...(several
      ? [
          {
            head: t.countyRank,
            width: zh ? 8 : 6,
            cell: (r: RankedSchool): Cell => ({ text: String(r.countyRank ?? '') }),
          },
          { head: t.cityRank, width: zh ? 8 : 7, cell: (r: RankedSchool): Cell => ({ text: String(r.rank) }) },
        ]
      : [{ head: t.rank, width: 4, cell: (r: RankedSchool): Cell => ({ text: String(r.rank) }) }]),
    {
      head: school,
      width: SCHOOL_WIDTH.max,
      flex: true,
      cell: (r) => ({ text: `${escapeText(r.name)}${r.computedNormalized === null ? '' : REVIEWED_MARK[lang]}` }),
    },
    {
      head: county,
      width: Math.min(12, Math.max(width(county), ...s.ranking.map((r) => width(escapeText(r.county))))),
      cell: (r) => ({ text: escapeText(r.county) }),
    },
    {
      head: stage,
      width: zh ? 6 : 8,
      optional: true,
      cell: (r) => ({ text: stageShort(r.stage, lang) }),
    },
    ...s.shape.groups.map(
      (g, k): Column => ({ head: g.id, width: 5, optional: true, cell: (r) => ({ text: c2(r.groups[k] ?? 0) }) }),
    ),
    { head: total, width: 6, cell: (r) => ({ text: c2(r.total) }) },
    { head: normalized, width: zh ? 6 : 10, cell: (r) => ({ text: c2(r.normalized), paint: paint.bold }) },
    {
      head: self,
      width: zh ? 8 : 6,
      optional: true,
      cell: (r) => ({ text: r.selfTotal === null ? '' : c2(r.selfTotal) }),
    },
    {
      head: selfMinus,
      width: zh ? 9 : 10,
      cell: (r) => ({
        text: r.selfMinusScore === null ? '' : signed(r.selfMinusScore),
        ...(r.selfMinusScore !== null && r.selfMinusScore > 0 ? { paint: paint.red } : {}),
      }),
    },
    ...(s.shape.levels
      ? [
          {
            head: t.level,
            width: zh ? 6 : 8,
            cell: (r: RankedSchool): Cell => ({ text: r.level ? textOf(r.level, lang) : '—' }),
          },
        ]
      : []),
  ];
}

/**
 * The columns that fit `total` display columns: the school's name takes what is left, up to SCHOOL_WIDTH.max;
 * below SCHOOL_WIDTH.min the optional columns go, last first. Returns the columns kept and those left out.
 */
function fitColumns(columns: Column[], total: number): { kept: Column[]; dropped: Column[] } {
  const kept = [...columns];
  const dropped: Column[] = [];
  const school = columns.find((c) => c.flex);
  const room = () => total - (3 * kept.length + 1) - kept.reduce((a, c) => a + (c === school ? 0 : c.width), 0);
  while (room() < SCHOOL_WIDTH.min) {
    let last = kept.length - 1;
    while (last >= 0 && !kept[last]?.optional) last--;
    if (last < 0) break;
    dropped.unshift(...kept.splice(last, 1));
  }
  if (school) school.width = Math.max(SCHOOL_WIDTH.min, school.least ?? 0, Math.min(SCHOOL_WIDTH.max, room()));
  return { kept, dropped };
}

/**
 * Files left out of a table (not counted, not compared), one line each with its first problem, at most
 * INVALID_LISTED of them; `total` counts them all.
 */
export function notCountedLines(files: readonly InvalidFile[], total: number, lang: Lang): string[] {
  const t = T[lang];
  const lines = files.slice(0, INVALID_LISTED).map((f) => {
    const [first, ...rest] = f.problems;
    const more = rest.length + f.omitted;
    return `  ${first ? problemLine({ ...first, file: f.file }, lang) : escapeText(f.file)}${more > 0 ? t.moreProblems(more) : ''}`;
  });
  const unlisted = total - Math.min(files.length, INVALID_LISTED);
  return unlisted > 0 ? [...lines, t.moreFiles(unlisted)] : lines;
}

export function renderSummaryTable(s: Summary, options: SummaryRenderOptions): string {
  const t = T[options.lang];
  const head = (labels: string[]): Row => ({ cells: labels.map((text) => ({ text, paint: options.paint.bold })) });
  const out: string[] = [
    options.paint.bold(textOf(s.shape.rubric.name, options.lang)),
    t.title(s.schools, s.invalid, s.year === null ? '' : escapeText(s.year)),
    // The files not counted, here as well as on stderr: a summary saved to a file says which they were.
    ...notCountedLines(s.invalidFiles, s.invalid, options.lang),
  ];

  const { kept, dropped } = fitColumns(
    wholeWords(rankingColumns(s, options.lang, options.paint), s.ranking),
    options.width,
  );
  const widths = kept.map((c) => c.width);
  const ranked = (list: RankedSchool[]): Row[] => list.map((r) => ({ cells: kept.map((c) => c.cell(r)) }));
  const rows: Row[] = [head(kept.map((c) => c.head)), { rule: true }];
  if (s.counties.length > 0) {
    s.counties.forEach((c, i) => {
      if (i > 0) rows.push({ rule: true });
      rows.push({
        cells: [
          {
            text: t.county(escapeText(c.county), c.schools, c.normalized),
            span: kept.length,
            paint: options.paint.bold,
          },
        ],
      });
      rows.push({ rule: true }, ...ranked(c.ranking));
    });
  } else {
    rows.push(...ranked(s.ranking));
  }
  if (dropped.length > 0) out.push(t.narrowed(dropped.map((c) => c.head).join(options.lang === 'zh' ? '、' : ', ')));
  out.push(renderGrid(widths, rows), t.rankRule);
  if (s.reviewed > 0) out.push(reviewedNote(s.reviewed, options.lang));

  if (s.counties.length > 0) {
    out.push('', options.paint.bold(t.countyTitle));
    const rows: Row[] = [
      head(t.countyHead),
      { rule: true },
      ...s.counties.map((c) => ({
        cells: [
          escapeText(c.county),
          String(c.schools),
          c2(c.normalized.mean),
          c2(c.normalized.median),
          c2(c.normalized.min),
          c2(c.normalized.max),
        ].map((text) => ({ text })),
      })),
    ];
    out.push(renderGrid(wordWidths([12, 6, 7, 7, 7, 7], rows), rows));
  }

  out.push('', options.paint.bold(t.attainTitle));
  const attainment: Row[] = [
    head(t.attainHead),
    { rule: true },
    ...s.indicators.map((a, k) => {
      const b = s.shape.indicators[k];
      return {
        cells: [
          a.id,
          b ? textOf(b.name, options.lang) : '',
          String(b?.points ?? ''),
          a.schools > 0 ? pct(a.rate) : '—',
          c2(a.score.mean),
          c2(a.score.median),
          c2(a.score.min),
          c2(a.score.max),
        ].map((text) => ({ text })),
      };
    }),
  ];
  out.push(renderGrid(wordWidths([4, 12, 5, 8, 6, 6, 6, 6], attainment), attainment));

  const missed = s.mostMissed.slice(0, 10);
  if (missed.length > 0) {
    out.push('', options.paint.bold(t.missedTitle));
    const byId = new Map(s.items.map((a) => [a.id, a]));
    const shapeById = new Map(s.shape.items.map((i) => [i.id, i]));
    const rows: Row[] = [
      head(t.missedHead),
      { rule: true },
      ...missed.map((id) => {
        const a = byId.get(id);
        const i = shapeById.get(id);
        return {
          cells: [
            id,
            i ? textOf(i.text, options.lang) : '',
            String(i?.points ?? ''),
            a ? pct(a.rate) : '',
            a ? `${a.full}/${a.schools}` : '',
          ].map((text) => ({ text })),
        };
      }),
    ];
    // 评估内容 takes what the other four columns and the rules leave; no narrower than its widest word.
    const [id = 6, content = 20, points = 5, full = 8, counts = 11] = wordWidths([6, 20, 5, 8, 11], rows);
    const room = options.width - id - points - full - counts - 16;
    out.push(renderGrid([id, Math.max(content, Math.min(60, room)), points, full, counts], rows));
  }
  return `${textLines(out)}\n`;
}
