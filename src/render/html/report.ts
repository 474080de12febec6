// A county's or a city's batch as one printable document: counts, files not counted, the ranking, full
// marks per 二级指标, the spread of 折算分, the 要点 most often missed, the counties side by side (when there
// are several), then every school's sheet, each on a new page.

import { centsText } from '../../base/exact.js';
import { placeText } from '../../base/problem.js';
import { countOf, type Lang, problemText, severityText } from '../../i18n/messages.js';
import type { InvalidFile, RankedSchool, Summary } from '../../report/summary.js';
import { REVIEWED_MARK, reviewedNote } from '../review.js';
import { inLang, pointsText } from '../types.js';
import { RANK_RULE, stageShort } from '../words.js';
import { type Html, html, join } from './markup.js';
import { page } from './page.js';
import { sheetSection } from './sheet.js';
import { barChart, histogram } from './svg.js';

const T = {
  zh: {
    countyTitle: (county: string) => `${county}家校共育自评汇总报告`,
    cityTitle: '家校共育自评汇总报告（各区县）',
    counts: (n: number, counties: number, bad: number) =>
      `共 ${n} 所学校${counties > 0 ? `，${counties} 个区县` : ''}${bad > 0 ? `；另有 ${bad} 个文件因错误未计入` : ''}。`,
    toc: '目录',
    invalid: '未计入的文件',
    invalidHead: ['文件', '首个问题', '问题数'],
    ranking: '排名',
    rankHead: ['排名', '区县排名', '学校', '区县', '学段'],
    rankTail: ['总分', '折算分', '自评总分', '自评−得分'],
    level: '等级',
    rankRule: RANK_RULE.zh,
    attainment: '各二级指标满分率',
    attainmentNote: '满分率 = 得满分的学校 ÷ 适用的学校。',
    attainHead: ['指标', '名称', '分值', '满分率', '得满分/适用', '平均', '中位数', '最低', '最高'],
    distribution: '折算分分布',
    distributionNote: '每段含下限、不含上限；100 分计入 90–100。',
    schoolsUnit: '学校数',
    missed: '最常失分的要点（前 10 项）',
    missedHead: ['要点', '评估内容', '分值', '满分率', '得满分/适用'],
    counties: '各区县比较',
    countyHead: ['区县', '学校数', '平均', '中位数', '最低', '最高'],
    series: ['平均', '中位数'],
    countyChart: '各区县折算分平均与中位数',
    sheets: '各校评分表',
    na: '不适用',
    none: '无',
    omitted: (n: number) => `（另有 ${n} 个问题未列出）`,
  },
  en: {
    countyTitle: (county: string) => `${county}: home–school co-education self-assessment report`,
    cityTitle: 'Home–school co-education self-assessment report (counties)',
    counts: (n: number, counties: number, bad: number) =>
      `${n} schools${counties > 0 ? ` in ${counties} counties` : ''}${bad > 0 ? `; ${bad} files not counted because of errors` : ''}.`,
    toc: 'Contents',
    invalid: 'Files not counted',
    invalidHead: ['File', 'First problem', 'Problems'],
    ranking: 'Ranking',
    rankHead: ['Rank', 'In county', 'School', 'County', 'Stage'],
    rankTail: ['Total', 'Normalized', 'Self', 'Self − score'],
    level: 'Level',
    rankRule: RANK_RULE.en,
    attainment: 'Full marks per indicator',
    attainmentNote: 'Full = schools earning full points ÷ schools it applies to.',
    attainHead: ['Id', 'Indicator', 'Pts', 'Full', 'Full / applies', 'Mean', 'Median', 'Min', 'Max'],
    distribution: 'Distribution of normalized scores',
    distributionNote: 'Each bin includes its lower bound, not its upper; 100 counts in 90–100.',
    schoolsUnit: 'schools',
    missed: 'Most often missed (top 10)',
    missedHead: ['Id', 'Content', 'Pts', 'Full', 'Full / applies'],
    counties: 'Counties compared',
    countyHead: ['County', 'Schools', 'Mean', 'Median', 'Min', 'Max'],
    series: ['mean', 'median'],
    countyChart: 'Normalized score per county: mean and median',
    sheets: 'Sheets',
    na: 'n/a',
    none: 'none',
    omitted: (n: number) => ` (${countOf(n, 'more problem')} not listed)`,
  },
};
type Texts = (typeof T)['zh'];

const c2 = centsText;
const pct = (rate: number) => `${pointsText(rate / 100)}%`;
const signed = (cents: number) => (cents > 0 ? `+${c2(cents)}` : c2(cents));
const head = (labels: readonly string[]): Html =>
  html`<thead><tr>${labels.map((h) => html`<th>${h}</th>`)}</tr></thead>`;
const cols = (widths: readonly (string | null)[]): Html =>
  html`<colgroup>${widths.map((w) => (w === null ? html`<col/>` : html`<col style="width:${w}"/>`))}</colgroup>`;

/** The anchor of the k-th sheet (ranking order): our own numbering, nothing from a file. */
const anchorOf = (k: number) => `school-${k + 1}`;

// English's "Problems" needs a wider count column than 问题数 to stay one word.
function invalidPart(files: readonly InvalidFile[], lang: Lang, t: Texts): Html {
  const rows = files.map((f) => {
    const p = f.problems[0];
    const where = p ? placeText(p) : '';
    const first = p ? `${where ? `${where} ` : ''}${severityText(p, lang)} ${problemText(p, lang)}` : '';
    return html`<tr><td>${f.file}</td><td>${first}</td><td class="num">${f.problems.length + f.omitted}</td></tr>`;
  });
  return html`<section id="invalid"><h2>${t.invalid}</h2><table>${cols(['34%', null, lang === 'zh' ? '10%' : '13%'])}${head(t.invalidHead)}<tbody>${rows}</tbody></table></section>
`;
}

function rankingPart(s: Summary, lang: Lang, t: Texts, linked: boolean): Html {
  const several = s.counties.length > 0;
  const [rank, countyRank, school, county, stage] = t.rankHead;
  const labels = [
    rank ?? '',
    ...(several ? [countyRank ?? ''] : []),
    school ?? '',
    county ?? '',
    stage ?? '',
    ...s.shape.groups.map((g) => g.id),
    ...t.rankTail,
    ...(s.shape.levels ? [t.level] : []),
  ];
  const widths = [
    '5.5%',
    ...(several ? ['6.5%'] : []),
    null,
    '9%',
    '8.5%',
    ...s.shape.groups.map(() => '6.5%'),
    '7%',
    '9.5%',
    '7%',
    '8%',
    ...(s.shape.levels ? ['7%'] : []),
  ];
  const row = (r: RankedSchool, k: number) =>
    html`<tr><td class="num">${r.rank}</td>${several ? html`<td class="num">${r.countyRank ?? ''}</td>` : ''}<td>${
      linked ? html`<a href="#${anchorOf(k)}">${r.name}</a>` : r.name
    }${r.computedNormalized === null ? '' : html`<span class="small">${REVIEWED_MARK[lang]}</span>`}</td><td>${r.county}</td><td>${stageShort(r.stage, lang)}</td>${s.shape.groups.map(
      (_, g) => html`<td class="num">${c2(r.groups[g] ?? 0)}</td>`,
    )}<td class="num">${c2(r.total)}</td><td class="num"><b>${c2(r.normalized)}</b></td><td class="num">${
      r.selfTotal === null ? '' : c2(r.selfTotal)
    }</td><td class="num">${
      r.selfMinusScore === null
        ? ''
        : r.selfMinusScore > 0
          ? html`<b>${signed(r.selfMinusScore)}</b>`
          : signed(r.selfMinusScore)
    }</td>${s.shape.levels ? html`<td class="num">${r.level ? inLang(r.level, lang) : '—'}</td>` : ''}</tr>
`;
  return html`<section id="ranking"><h2>${t.ranking}</h2><table class="ranking">${cols(widths)}${head(labels)}<tbody>
${s.ranking.map(row)}</tbody></table><p class="small">${t.rankRule}</p></section>
`;
}

function attainmentPart(s: Summary, lang: Lang, t: Texts): Html {
  const chart = barChart({
    title: t.attainment,
    series: [t.attainment],
    none: t.na,
    ticks: ['0%', '25%', '50%', '75%', '100%'],
    rows: s.indicators.map((a, k) => {
      const b = s.shape.indicators[k];
      return {
        label: `${a.id} ${b ? inLang(b.name, lang) : ''}`,
        values: [
          a.schools > 0
            ? {
                fraction: a.rate / 10000,
                text: `${pct(a.rate)}${lang === 'zh' ? `（${a.full}/${a.schools}）` : ` (${a.full}/${a.schools})`}`,
              }
            : null,
        ],
      };
    }),
  });
  const rows = s.indicators.map((a, k) => {
    const b = s.shape.indicators[k];
    return html`<tr><td>${a.id}</td><td>${b ? inLang(b.name, lang) : ''}</td><td class="num">${b ? pointsText(b.points) : ''}</td><td class="num">${a.schools > 0 ? pct(a.rate) : '—'}</td><td class="num">${a.full}/${a.schools}</td>${[a.score.mean, a.score.median, a.score.min, a.score.max].map((x) => html`<td class="num">${c2(x)}</td>`)}</tr>`;
  });
  return html`<section id="attainment"><h2>${t.attainment}</h2><p class="small">${t.attainmentNote}</p>
${chart}
<table>${cols(['7%', null, '8%', '10%', '13%', '9%', '9%', '9%', '9%'])}${head(t.attainHead)}<tbody>${rows}</tbody></table></section>
`;
}

/** Schools per 10 points of 折算分: [0, 10), [10, 20) … [90, 100]. */
export function bins(ranking: readonly RankedSchool[]): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const r of ranking) {
    const k = Math.min(9, Math.max(0, Math.floor(r.normalized / 1000)));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function distributionPart(s: Summary, t: Texts): Html {
  const chart = histogram({
    title: t.distribution,
    unit: t.schoolsUnit,
    bins: bins(s.ranking).map((count, k) => ({ label: `${k * 10}–${k * 10 + 10}`, count })),
  });
  return html`<section id="distribution" class="keep"><h2>${t.distribution}</h2>
${chart}
<p class="small">${t.distributionNote}</p></section>
`;
}

function missedPart(s: Summary, lang: Lang, t: Texts): Html {
  const byId = new Map(s.items.map((a) => [a.id, a]));
  const shapeById = new Map(s.shape.items.map((i) => [i.id, i]));
  const rows = s.mostMissed.slice(0, 10).map((id) => {
    const a = byId.get(id);
    const i = shapeById.get(id);
    return html`<tr><td>${id}</td><td>${i ? inLang(i.text, lang) : ''}</td><td class="num">${i ? pointsText(i.points) : ''}</td><td class="num">${a ? pct(a.rate) : ''}</td><td class="num">${a ? `${a.full}/${a.schools}` : ''}</td></tr>`;
  });
  return html`<section id="missed"><h2>${t.missed}</h2>${
    rows.length > 0
      ? html`<table>${cols(['8%', null, '8%', '10%', '13%'])}${head(t.missedHead)}<tbody>${rows}</tbody></table>`
      : html`<p>${t.none}</p>`
  }</section>
`;
}

function countiesPart(s: Summary, t: Texts): Html {
  const chart = barChart({
    title: t.countyChart,
    series: t.series,
    none: t.na,
    ticks: ['0', '25', '50', '75', '100'],
    rows: s.counties.map((c) => ({
      label: c.county,
      values: [
        { fraction: c.normalized.mean / 10000, text: c2(c.normalized.mean) },
        { fraction: c.normalized.median / 10000, text: c2(c.normalized.median) },
      ],
    })),
  });
  const rows = s.counties.map(
    (c) =>
      html`<tr><td>${c.county}</td><td class="num">${c.schools}</td>${[c.normalized.mean, c.normalized.median, c.normalized.min, c.normalized.max].map((x) => html`<td class="num">${c2(x)}</td>`)}</tr>`,
  );
  return html`<section id="counties" class="keep"><h2>${t.counties}</h2>
${chart}
<table>${cols([null, '12%', '12%', '12%', '12%', '12%'])}${head(t.countyHead)}<tbody>${rows}</tbody></table></section>
`;
}

export function reportDocument(s: Summary, lang: Lang): string {
  const t = T[lang];
  const several = s.counties.length > 0;
  const title = several ? t.cityTitle : t.countyTitle(s.ranking[0]?.county ?? '');
  // Sheets come in ranking order, one per school: the ranking links to them only when each has its own.
  const linked = s.sheets.length > 0 && s.sheets.length === s.ranking.length;
  const toc = [
    ...(s.invalidFiles.length > 0 ? [html`<li><a href="#invalid">${t.invalid}</a></li>`] : []),
    html`<li><a href="#ranking">${t.ranking}</a></li>`,
    html`<li><a href="#attainment">${t.attainment}</a></li>`,
    html`<li><a href="#distribution">${t.distribution}</a></li>`,
    html`<li><a href="#missed">${t.missed}</a></li>`,
    ...(several ? [html`<li><a href="#counties">${t.counties}</a></li>`] : []),
    ...(linked ? [html`<li><a href="#${anchorOf(0)}">${t.sheets}</a></li>`] : []),
  ];
  const body = html`<section class="report">
<h1>${title}</h1>
<p class="school-info">${inLang(s.shape.rubric.name, lang)}</p>
<p>${t.counts(s.schools, s.counties.length, s.invalid)}</p>${s.reviewed > 0 ? html`<p>${reviewedNote(s.reviewed, lang)}</p>` : ''}
<nav class="toc"><h2>${t.toc}</h2><ol>${toc}</ol></nav>
${s.invalidFiles.length > 0 ? invalidPart(s.invalidFiles, lang, t) : ''}${rankingPart(s, lang, t, linked)}${attainmentPart(s, lang, t)}${distributionPart(s, t)}${missedPart(s, lang, t)}${several ? countiesPart(s, t) : ''}</section>
${join(s.sheets.map((sheet, k) => sheetSection(sheet, lang, false, { heading: 'h2', anchor: linked ? anchorOf(k) : null, pageBreak: true })))}`;
  return page(lang, title, body).text;
}
