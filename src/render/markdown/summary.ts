// The batch summary as GitHub-flavoured Markdown, for a job summary or a pull-request comment: counts and
// the files not counted, the ranking (with county ranks when there are several counties), the counties
// compared, how often each 二级指标 earns full points, and the 要点 most often missed. One line per school,
// so that a county's batch stays far below GitHub's limits.

import { markdownLines } from '../../base/escape.js';
import { centsText } from '../../base/exact.js';
import { placeText } from '../../base/problem.js';
import { STAGE_LABELS } from '../../evidence/schema.js';
import { countOf, type Lang, problemText, severityText } from '../../i18n/messages.js';
import type { InvalidFile, RankedSchool, Summary } from '../../report/summary.js';
import { REVIEWED_MARK, reviewedNote } from '../review.js';
import { pointsText, type SummaryRenderer } from '../types.js';
import { INVALID_LISTED, RANK_RULE } from '../words.js';
import { type Align, md, mdText, table } from './common.js';

/** 要点 in the most-missed table. */
const MISSED = 10;

const c2 = (cents: number) => centsText(cents);
const pct = (rate: number) => `${centsText(rate)}%`;
const signed = (cents: number) => (cents > 0 ? `+${c2(cents)}` : c2(cents));

const T = {
  zh: {
    title: (rubric: string, year: string) => `${rubric} · ${year ? `${year} 学年` : ''}评分汇总`,
    count: (n: number, bad: number) =>
      `共 ${n} 所学校${bad > 0 ? `；另有 ${bad} 个文件因错误未计入（每个文件列出第一个问题）：` : '。'}`,
    moreProblems: (n: number) => `（另有 ${n} 个问题）`,
    moreFiles: (n: number) => `- ……另有 ${n} 个文件未列出（\`jiaxiao validate\` 列出全部问题）`,
    rankingTitle: '排名',
    rank: ['排名'],
    ranks: ['全市排名', '区县排名'],
    head: ['学校', '区县', '学段'],
    tail: ['总分', '折算分', '自评总分', '自评−得分'],
    level: '等级',
    group: (id: string, name: string, points: string) => `${id} ${name}（${points} 分）`,
    rankRule: RANK_RULE.zh,
    countyTitle: '各区县折算分',
    countyHead: ['区县', '学校数', '平均', '中位数', '最低', '最高'],
    attainTitle: '各二级指标得分情况',
    attainNote: '满分率 = 得满分的学校 ÷ 适用的学校。',
    attainHead: ['指标', '名称', '分值', '满分率', '平均', '中位数', '最低', '最高'],
    missedTitle: '最常失分的要点',
    missedHead: ['要点', '评估内容', '分值', '满分率', '得满分/适用'],
    noLevel: '—',
  },
  en: {
    title: (rubric: string, year: string) => `${rubric}: ${year ? `academic year ${year} ` : ''}summary`,
    count: (n: number, bad: number) =>
      `${n} schools${bad > 0 ? `; ${bad} files not counted because of errors (the first problem of each):` : '.'}`,
    moreProblems: (n: number) => ` (${countOf(n, 'more problem')})`,
    moreFiles: (n: number) => `- … ${n} more files not listed (\`jiaxiao validate\` lists every problem)`,
    rankingTitle: 'Ranking',
    rank: ['Rank'],
    ranks: ['Rank', 'County rank'],
    head: ['School', 'County', 'Stage'],
    tail: ['Total', 'Normalized', 'Self-score', 'Self − score'],
    level: 'Level',
    group: (id: string, name: string, points: string) => `${id} ${name} (${points} points)`,
    rankRule: RANK_RULE.en,
    countyTitle: 'Counties (normalized score)',
    countyHead: ['County', 'Schools', 'Mean', 'Median', 'Min', 'Max'],
    attainTitle: 'Indicators',
    attainNote: 'Full = schools earning full points ÷ schools it applies to.',
    attainHead: ['Id', 'Indicator', 'Points', 'Full', 'Mean', 'Median', 'Min', 'Max'],
    missedTitle: 'Most often missed',
    missedHead: ['Id', 'Content', 'Points', 'Full', 'Full/applies'],
    noLevel: '—',
  },
};

/** A file not counted: where its first problem is and what it says, escaped. */
function invalidLine(f: InvalidFile, lang: Lang): string {
  const [p, ...rest] = f.problems;
  if (!p) return `- ${md(f.file)}`;
  const where = md(placeText(p));
  const more = rest.length + f.omitted;
  const sep = lang === 'zh' ? '：' : ': ';
  return `- ${md(f.file)}${where ? `:${where}` : ''}${sep}${severityText(p, lang)} ${md(problemText(p, lang))}${more > 0 ? T[lang].moreProblems(more) : ''}`;
}

function rankingRow(s: Summary, r: RankedSchool, lang: Lang, counties: boolean): string[] {
  return [
    String(r.rank),
    ...(counties ? [r.countyRank === null ? '' : String(r.countyRank)] : []),
    `${md(r.name)}${r.computedNormalized === null ? '' : REVIEWED_MARK[lang]}`,
    md(r.county),
    STAGE_LABELS[r.stage][lang],
    ...s.shape.groups.map((_, k) => c2(r.groups[k] ?? 0)),
    c2(r.total),
    c2(r.normalized),
    r.selfTotal === null ? '' : c2(r.selfTotal),
    r.selfMinusScore === null ? '' : signed(r.selfMinusScore),
    ...(s.shape.levels ? [r.level ? mdText(r.level, lang) : T[lang].noLevel] : []),
  ];
}

export const renderSummaryMarkdown: SummaryRenderer = (s, { lang }) => {
  const t = T[lang];
  const out = [
    `## ${t.title(mdText(s.shape.rubric.name, lang), s.year === null ? '' : md(s.year))}`,
    '',
    t.count(s.schools, s.invalid),
  ];
  if (s.reviewed > 0) out.push('', reviewedNote(s.reviewed, lang));
  if (s.invalidFiles.length > 0) {
    out.push('', ...s.invalidFiles.slice(0, INVALID_LISTED).map((f) => invalidLine(f, lang)));
    const unlisted = s.invalid - Math.min(s.invalidFiles.length, INVALID_LISTED);
    if (unlisted > 0) out.push(t.moreFiles(unlisted));
  }

  const counties = s.counties.length > 0;
  const groupIds = s.shape.groups.map((g) => md(g.id));
  const head = [
    ...(counties ? t.ranks : t.rank),
    ...t.head,
    ...groupIds,
    ...t.tail,
    ...(s.shape.levels ? [t.level] : []),
  ];
  const align: Align[] = [
    ...(counties ? t.ranks : t.rank).map((): Align => 'right'),
    'left',
    'left',
    'left',
    ...groupIds.map((): Align => 'right'),
    ...t.tail.map((): Align => 'right'),
    ...(s.shape.levels ? ['left' as const] : []),
  ];
  out.push('', `### ${t.rankingTitle}`, '');
  out.push(
    ...table(
      head,
      align,
      s.ranking.map((r) => rankingRow(s, r, lang, counties)),
    ),
  );
  const legend = s.shape.groups.map((g) => t.group(md(g.id), mdText(g.name, lang), pointsText(g.points)));
  out.push('', t.rankRule, '', legend.join(' · '));

  if (counties) {
    out.push('', `### ${t.countyTitle}`, '');
    out.push(
      ...table(
        t.countyHead,
        ['left', 'right', 'right', 'right', 'right', 'right'],
        s.counties.map((c) => [
          md(c.county),
          String(c.schools),
          c2(c.normalized.mean),
          c2(c.normalized.median),
          c2(c.normalized.min),
          c2(c.normalized.max),
        ]),
      ),
    );
  }

  out.push('', `### ${t.attainTitle}`, '', t.attainNote, '');
  out.push(
    ...table(
      t.attainHead,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      s.indicators.map((a, k) => {
        const b = s.shape.indicators[k];
        return [
          md(a.id),
          b ? mdText(b.name, lang) : '',
          b ? pointsText(b.points) : '',
          a.schools > 0 ? pct(a.rate) : '—',
          c2(a.score.mean),
          c2(a.score.median),
          c2(a.score.min),
          c2(a.score.max),
        ];
      }),
    ),
  );

  const missed = s.mostMissed.slice(0, MISSED);
  if (missed.length > 0) {
    const byId = new Map(s.items.map((a) => [a.id, a]));
    const shapeById = new Map(s.shape.items.map((i) => [i.id, i]));
    out.push('', `### ${t.missedTitle}`, '');
    out.push(
      ...table(
        t.missedHead,
        ['left', 'left', 'right', 'right', 'right'],
        missed.map((id) => {
          const a = byId.get(id);
          const i = shapeById.get(id);
          return [
            md(id),
            i ? mdText(i.text, lang) : '',
            i ? pointsText(i.points) : '',
            a ? pct(a.rate) : '',
            a ? `${a.full}/${a.schools}` : '',
          ];
        }),
      ),
    );
  }
  return `${markdownLines(out)}\n`;
};
