// The sheet as the attachment prints it: 一级指标 · 二级指标 · 评估内容 · 分值 · 自评 · 得分, one row per 要点,
// each failed check's reason under its row.
import { centsText } from '../engine/exact.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import type { SheetCheck, SheetItem } from '../report/sheet.js';
import { type Cell, type Row, renderGrid } from './grid.js';
import { pick, pts, type RenderOptions, type SheetRenderer } from './types.js';

const HEAD = {
  zh: ['一级指标', '二级指标', '评估内容', '分值', '自评', '得分'],
  en: ['Level 1', 'Level 2', 'Content', 'Pts', 'Self', 'Score'],
};
const WIDTHS = [10, 10, 46, 5, 5, 5] as const;
const T = {
  zh: { total: '合计', max: '应得满分', normalized: '折算分', overclaim: '自评高于核定得分' },
  en: {
    total: 'Total',
    max: 'applicable maximum',
    normalized: 'normalized',
    overclaim: 'self-score above the computed score',
  },
};

function checkRow(c: SheetCheck, o: RenderOptions): Row {
  const mark = !c.applicable ? '–' : c.passed ? '✓' : '✗';
  // The reason carries the numbers and names the fact; the check's label would only repeat it.
  const paint = !c.applicable || c.passed ? o.paint.dim : o.paint.red;
  return {
    cells: [{ text: '' }, { text: '' }, { text: `${mark} ${c.id} ${pick(c.reason, o.lang)}`, span: 4, paint }],
  };
}

function itemCells(item: SheetItem, o: RenderOptions): Cell[] {
  // A 要点 that does not apply shows —; one that partly applies shows the points that apply.
  const none = item.checks.every((c) => !c.applicable);
  const number = item.id.replace(/^[^.]*\./, '');
  return [
    { text: `${number}. ${pick(item.text, o.lang)}` },
    { text: none ? '—' : pts(item.max) },
    { text: '' },
    { text: none ? '—' : pts(item.score), ...(item.score < item.max ? { paint: o.paint.yellow } : {}) },
  ];
}

export const renderTable: SheetRenderer = (sheet, o) => {
  const lang = o.lang;
  const t = T[lang];
  const rows: Row[] = [{ cells: HEAD[lang].map((text) => ({ text, paint: o.paint.bold })) }];
  for (const g of sheet.groups) {
    rows.push({ rule: true });
    sheet.indicators
      .filter((b) => b.group === g.id)
      .forEach((b, bi) => {
        if (bi > 0) rows.push({ rule: true, indent: 1 });
        b.items.forEach((item, k) => {
          const [content, points, , score] = itemCells(item, o) as [Cell, Cell, Cell, Cell];
          const self: Cell =
            k === 0 && b.selfScore !== null
              ? { text: pts(b.selfScore), ...(b.overclaim ? { paint: o.paint.red } : {}) }
              : { text: '' };
          rows.push({
            cells: [
              { text: bi === 0 && k === 0 ? `${g.id}\n${pick(g.name, lang)}\n(${pts(g.points)})` : '' },
              { text: k === 0 ? `${b.id}\n${pick(b.name, lang)}\n(${pts(b.points)})` : '' },
              content,
              points,
              self,
              score,
            ],
          });
          for (const c of item.checks.filter((x) => o.details || !x.applicable || !x.passed)) rows.push(checkRow(c, o));
        });
      });
  }
  rows.push({ rule: true });
  rows.push({
    cells: [
      { text: t.total, span: 3 },
      { text: pts(sheet.max) },
      { text: sheet.selfTotal === null ? '' : pts(sheet.selfTotal) },
      { text: pts(sheet.total), paint: o.paint.bold },
    ],
  });

  const s = sheet.school;
  const stage = STAGE_LABELS[s.stage][lang];
  const title =
    lang === 'zh'
      ? `${s.name}（${s.county}，${stage}）${s.year} 学年`
      : `${s.name} (${s.county}, ${stage}), academic year ${s.year}`;
  const lines = [o.paint.bold(title), pick(sheet.rubric.name, lang), renderGrid(WIDTHS, rows)];
  lines.push(sheet.groups.map((g) => `${g.id} ${pick(g.name, lang)} ${pts(g.score)}/${pts(g.max)}`).join(' · '));
  const sep = lang === 'zh' ? '，' : ', ';
  const summary = [
    `${t.total} ${centsText(Math.round(sheet.total * 100))}`,
    `${t.max} ${pts(sheet.max)}`,
    `${t.normalized} ${centsText(Math.round(sheet.normalized * 100))}`,
  ];
  lines.push(o.paint.bold(summary.join(sep)));
  for (const b of sheet.indicators.filter((x) => x.overclaim)) {
    const selfScore = pts(b.selfScore ?? 0);
    const name = pick(b.name, lang);
    lines.push(
      o.paint.red(
        lang === 'zh'
          ? `⚠ ${b.id} ${name}：自评 ${selfScore} 分，核定得分 ${pts(b.score)} 分（${t.overclaim}）`
          : `⚠ ${b.id} ${name}: self-score ${selfScore}, computed ${pts(b.score)} (${t.overclaim})`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
};
