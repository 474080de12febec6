// The batch summary for a terminal or a printout: the ranking (by county when there are several), the
// county lines, how often each 二级指标 earns full points, and the 要点 most often missed.

import { escapeText, textLines } from '../../base/escape.js';
import { centsText } from '../../base/exact.js';
import { STAGE_LABELS, type Stage } from '../../evidence/schema.js';
import type { Lang } from '../../i18n/messages.js';
import type { RankedSchool, Stats, Summary } from '../../report/summary.js';
import { type Cell, type Row, renderGrid } from '../grid.js';
import { type Paint, textOf } from '../types.js';

const c2 = (cents: number) => centsText(cents);
const STAGE_SHORT_EN: Record<Stage, string> = {
  kindergarten: 'KG',
  primary: 'primary',
  junior: 'junior',
  senior: 'senior',
  'nine-year': '9-year',
  complete: 'complete',
};
const pct = (rate: number) => `${centsText(rate)}%`;
const signed = (cents: number) => (cents > 0 ? `+${c2(cents)}` : c2(cents));

const T = {
  zh: {
    title: (n: number, bad: number) =>
      `共 ${n} 所学校${bad > 0 ? `；另有 ${bad} 个文件因错误未评分（见上方错误信息）` : ''}`,
    head: ['排名', '学校', '区县', '学段', '总分', '折算分', '自评总分', '自评−得分'],
    county: (c: string, n: number, s: Stats) =>
      `${c}：${n} 所，折算分平均 ${c2(s.mean)}，中位数 ${c2(s.median)}，最低 ${c2(s.min)}，最高 ${c2(s.max)}`,
    countyHead: ['区县', '学校数', '平均', '中位数', '最低', '最高'],
    attainHead: ['指标', '名称', '分值', '满分率', '平均', '中位数', '最低', '最高'],
    attainTitle: '各二级指标得分情况（满分率 = 得满分的学校 ÷ 适用的学校）',
    missedTitle: '最常失分的要点',
    missedHead: ['要点', '评估内容', '分值', '满分率', '得满分/适用'],
    countyTitle: '各区县折算分',
    rankRule: '排名按折算分（得分 ÷ 应得满分 × 100）从高到低；折算分相同的学校并列同一名次，按学校标识码排列。',
  },
  en: {
    title: (n: number, bad: number) =>
      `${n} schools${bad > 0 ? `; ${bad} files not scored because of errors (see above)` : ''}`,
    head: ['Rank', 'School', 'County', 'Stage', 'Total', 'Normalized', 'Self', 'Self−score'],
    county: (c: string, n: number, s: Stats) =>
      `${c}: ${n} schools, normalized mean ${c2(s.mean)}, median ${c2(s.median)}, min ${c2(s.min)}, max ${c2(s.max)}`,
    countyHead: ['County', 'Schools', 'Mean', 'Median', 'Min', 'Max'],
    attainHead: ['Id', 'Indicator', 'Pts', 'Full', 'Mean', 'Median', 'Min', 'Max'],
    attainTitle: 'Indicators (full = schools earning full points ÷ schools it applies to)',
    missedTitle: 'Most often missed',
    missedHead: ['Id', 'Content', 'Pts', 'Full', 'Full/applies'],
    countyTitle: 'Counties (normalized score)',
    rankRule:
      'Ranked by normalized score (total ÷ applicable maximum × 100), highest first; equal scores share a rank and are listed by school code.',
  },
};

function rankingRows(s: Summary, ranking: RankedSchool[], lang: Lang, paint: Paint): Row[] {
  return ranking.map((r) => ({
    cells: [
      { text: String(r.countyRank ?? r.rank) },
      { text: escapeText(r.name) },
      { text: escapeText(r.county) },
      { text: lang === 'zh' ? STAGE_LABELS[r.stage].zh : STAGE_SHORT_EN[r.stage] },
      ...s.shape.groups.map((_, k): Cell => ({ text: c2(r.groups[k] ?? 0) })),
      { text: c2(r.total) },
      { text: c2(r.normalized), paint: paint.bold },
      { text: r.selfTotal === null ? '' : c2(r.selfTotal) },
      {
        text: r.selfMinusScore === null ? '' : signed(r.selfMinusScore),
        ...(r.selfMinusScore !== null && r.selfMinusScore > 0 ? { paint: paint.red } : {}),
      },
      ...(s.shape.levels ? [{ text: r.level ? textOf(r.level, lang) : '—' }] : []),
    ],
  }));
}

export function renderSummaryTable(s: Summary, options: { lang: Lang; paint: Paint }): string {
  const t = T[options.lang];
  const head = (labels: string[]): Row => ({ cells: labels.map((text) => ({ text, paint: options.paint.bold })) });
  const out: string[] = [options.paint.bold(textOf(s.shape.rubric.name, options.lang)), t.title(s.schools, s.invalid)];

  const groupHeads = s.shape.groups.map((g) => g.id);
  const [rank, school, county, stage, ...rest] = t.head;
  const levelHead = s.shape.levels ? [options.lang === 'zh' ? '等级' : 'Level'] : [];
  const rankHead = [rank ?? '', school ?? '', county ?? '', stage ?? '', ...groupHeads, ...rest, ...levelHead];
  // English headings and stage names are longer than Chinese ones.
  const widths =
    options.lang === 'zh'
      ? [4, 20, 8, 6, ...s.shape.groups.map(() => 5), 6, 6, 8, 9, ...(s.shape.levels ? [6] : [])]
      : [4, 20, 8, 8, ...s.shape.groups.map(() => 5), 6, 10, 6, 10, ...(s.shape.levels ? [8] : [])];
  const rows: Row[] = [head(rankHead), { rule: true }];
  if (s.counties.length > 0) {
    s.counties.forEach((c, i) => {
      if (i > 0) rows.push({ rule: true });
      rows.push({
        cells: [
          {
            text: t.county(escapeText(c.county), c.schools, c.normalized),
            span: rankHead.length,
            paint: options.paint.bold,
          },
        ],
      });
      rows.push({ rule: true }, ...rankingRows(s, c.ranking, options.lang, options.paint));
    });
  } else {
    rows.push(...rankingRows(s, s.ranking, options.lang, options.paint));
  }
  out.push(renderGrid(widths, rows), t.rankRule);

  if (s.counties.length > 0) {
    out.push('', options.paint.bold(t.countyTitle));
    out.push(
      renderGrid(
        [12, 6, 7, 7, 7, 7],
        [
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
        ],
      ),
    );
  }

  out.push('', options.paint.bold(t.attainTitle));
  out.push(
    renderGrid(
      [4, 12, 5, 8, 6, 6, 6, 6],
      [
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
      ],
    ),
  );

  const missed = s.mostMissed.slice(0, 10);
  if (missed.length > 0) {
    out.push('', options.paint.bold(t.missedTitle));
    const byId = new Map(s.items.map((a) => [a.id, a]));
    const shapeById = new Map(s.shape.items.map((i) => [i.id, i]));
    out.push(
      renderGrid(
        [6, 44, 5, 8, 11],
        [
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
        ],
      ),
    );
  }
  return `${textLines(out)}\n`;
}
