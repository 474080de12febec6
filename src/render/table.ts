// The sheet as the attachment prints it: 一级指标 · 二级指标 · 评估内容 · 分值 · 自评 · 得分, one row per 要点,
// each failed check's reason under its row.
import Table from 'cli-table3';
import { centsText } from '../engine/exact.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import type { SheetCheck, SheetIndicator } from '../report/sheet.js';
import { wrap } from './text.js';
import { pick, pts, type RenderOptions, type SheetRenderer } from './types.js';

const HEAD = {
  zh: ['一级指标', '二级指标', '评估内容', '分值', '自评', '得分'],
  en: ['Level 1', 'Level 2', 'Content', 'Pts', 'Self', 'Score'],
};
const WIDTHS = [10, 10, 45, 5, 5, 5] as const;
const T = {
  zh: {
    total: '合计',
    max: '应得满分',
    normalized: '折算分',
    overclaim: '自评高于核定得分',
    fail: '✗',
    pass: '✓',
  },
  en: {
    total: 'Total',
    max: 'applicable maximum',
    normalized: 'normalized',
    overclaim: 'self-score above the computed score',
    fail: '✗',
    pass: '✓',
  },
};

function checkLine(c: SheetCheck, o: RenderOptions): string {
  const t = T[o.lang];
  const mark = !c.applicable ? o.paint.dim('–') : c.passed ? o.paint.green(t.pass) : o.paint.red(t.fail);
  // The reason carries the numbers and names the fact; the label would only repeat it.
  const text = `${c.id} ${pick(c.reason, o.lang)}`;
  const wrapped = wrap(text, WIDTHS[2] - 2)
    .split('\n')
    .map((l, i) => (i === 0 ? `${mark} ${l}` : `  ${l}`))
    .join('\n');
  return c.applicable && !c.passed ? wrapped : o.paint.dim(wrapped);
}

function scoreCell(b: { score: number; max: number }, o: RenderOptions): string {
  const s = pts(b.score);
  return b.score < b.max ? o.paint.yellow(s) : s;
}

export const renderTable: SheetRenderer = (sheet, o) => {
  const lang = o.lang;
  const t = T[lang];
  const table = new Table({
    head: HEAD[lang],
    colWidths: WIDTHS.map((w) => w + 2),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    // No rule between rows: a blank row separates the 二级指标, so a 要点 stays beside its reasons.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  const byGroup = new Map<string, SheetIndicator[]>();
  for (const b of sheet.indicators) byGroup.set(b.group, [...(byGroup.get(b.group) ?? []), b]);
  for (const g of sheet.groups) {
    let firstOfGroup = true;
    for (const b of byGroup.get(g.id) ?? []) {
      if (b !== sheet.indicators[0]) table.push(['', '', '', '', '', '']);
      b.items.forEach((item, k) => {
        const a = firstOfGroup ? wrap(`${g.id}\n${pick(g.name, lang)}\n(${pts(g.points)})`, WIDTHS[0]) : '';
        const bCell = k === 0 ? wrap(`${b.id}\n${pick(b.name, lang)}\n(${pts(b.points)})`, WIDTHS[1]) : '';
        const self =
          k === 0 && b.selfScore !== null
            ? b.overclaim
              ? o.paint.red(pts(b.selfScore))
              : pts(b.selfScore)
            : '';
        // A 要点 that does not apply shows — and its reason; one that partly applies shows what applies.
        const none = item.checks.every((c) => !c.applicable);
        const points = none ? '—' : pts(item.max);
        const score = none ? '—' : scoreCell(item, o);
        table.push([
          a,
          bCell,
          wrap(`${item.id.replace(/^B\d+\./, '')}. ${pick(item.text, lang)}`, WIDTHS[2]),
          points,
          self,
          score,
        ]);
        firstOfGroup = false;
        const shown = item.checks.filter((c) => o.details || !c.applicable || !c.passed);
        if (shown.length > 0) table.push(['', '', shown.map((c) => checkLine(c, o)).join('\n'), '', '', '']);
      });
    }
  }
  const selfTotal = sheet.selfTotal === null ? '' : pts(sheet.selfTotal);
  table.push(
    ['', '', '', '', '', ''],
    [t.total, '', '', pts(sheet.max), selfTotal, o.paint.bold(pts(sheet.total))],
  );

  const s = sheet.school;
  const stage = STAGE_LABELS[s.stage][lang];
  const title =
    lang === 'zh'
      ? `${s.name}（${s.county}，${stage}）${s.year} 学年`
      : `${s.name} (${s.county}, ${stage}), academic year ${s.year}`;
  const lines = [o.paint.bold(title), pick(sheet.rubric.name, lang), table.toString()];
  const groupsLine = sheet.groups
    .map((g) => `${g.id} ${pick(g.name, lang)} ${pts(g.score)}/${pts(g.max)}`)
    .join(' · ');
  lines.push(groupsLine);
  const sep = lang === 'zh' ? '，' : ', ';
  const summary = [
    `${t.total} ${centsText(Math.round(sheet.total * 100))}`,
    `${t.max} ${pts(sheet.max)}`,
    `${t.normalized} ${centsText(Math.round(sheet.normalized * 100))}`,
  ];
  lines.push(o.paint.bold(summary.join(sep)));
  for (const b of sheet.indicators.filter((x) => x.overclaim)) {
    const selfScore = b.selfScore ?? 0;
    lines.push(
      o.paint.red(
        lang === 'zh'
          ? `⚠ ${b.id} ${pick(b.name, lang)}：自评 ${pts(selfScore)} 分，核定得分 ${pts(b.score)} 分（${t.overclaim}）`
          : `⚠ ${b.id} ${pick(b.name, lang)}: self-score ${pts(selfScore)}, computed ${pts(b.score)} (${t.overclaim})`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
};
