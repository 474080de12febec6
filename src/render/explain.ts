// `jiaxiao explain`: the rubric tree as a grid fitted to the width, an id's explanation as wrapped text with
// its YAML fragment, or either as JSON. Pure; every rubric string passes through escapeText (or jsonText).
import { escapeText, jsonText, textLines } from '../base/escape.js';
import { type Exact, toCents } from '../base/exact.js';
import type { Text } from '../engine/types.js';
import { STAGE_LABELS } from '../evidence/schema.js';
import type { Lang } from '../i18n/messages.js';
import {
  type ExplainedCheck,
  type ExplainedExtra,
  type ExplainedItem,
  type Explanation,
  pointsEn,
  pointsOf,
  type TreeGroup,
} from '../report/explain.js';
import type { SnippetLine } from '../report/explain-example.js';
import { type Row, renderGrid } from './grid.js';
import { padEnd, width, wrap } from './text.js';
import type { Paint } from './types.js';
import { textOf } from './types.js';

export interface ExplainRenderOptions {
  lang: Lang;
  width: number;
  paint: Paint;
}

const W = {
  zh: { group: 11, indicator: 14, points: 6 },
  en: { group: 14, indicator: 18, points: 6 },
};

function treeText(e: Extract<Explanation, { kind: 'tree' }>, o: ExplainRenderOptions): string {
  const zh = o.lang === 'zh';
  const t = (x: Text) => textOf(x, o.lang);
  const cols = W[o.lang];
  const pts = (x: Exact) => (zh ? `${pointsOf(x)} 分` : pointsEn(x));
  const itemWidth = Math.max(16, o.width - 13 - cols.group - cols.indicator - cols.points);
  const head = zh ? ['一级指标', '二级指标', '要点', '分值'] : ['Group', 'Indicator', 'Item', 'Points'];
  const rows: Row[] = [{ cells: head.map((text) => ({ text, paint: o.paint.bold })) }];
  for (const g of e.groups) {
    rows.push({ rule: true });
    g.indicators.forEach((b, bi) => {
      if (bi > 0) rows.push({ rule: true, indent: 1 });
      b.items.forEach((item, ii) => {
        const na =
          item.notFor.length > 0
            ? zh
              ? `（不适用于${item.notFor.map((s) => STAGE_LABELS[s].zh).join('、')}）`
              : ` (not for ${item.notFor.map((s) => STAGE_LABELS[s].en).join(', ')})`
            : '';
        rows.push({
          cells: [
            { text: bi === 0 && ii === 0 ? `${escapeText(g.id)} ${t(g.name)}\n${pts(g.points)}` : '', hang: 2 },
            { text: ii === 0 ? `${escapeText(b.id)} ${t(b.name)}\n${pts(b.points)}` : '', hang: 2 },
            { text: `${escapeText(item.id)} ${t(item.text)}${na}`, hang: 2 },
            { text: pointsOf(item.points) },
          ],
        });
      });
    });
  }
  const grid = renderGrid([cols.group, cols.indicator, itemWidth, cols.points], rows);
  const lines: string[] = [o.paint.bold(wrap(titleOf(e.rubric, e.groups, o.lang), o.width)), grid];
  const extraLines = extrasText(e, o);
  if (extraLines.length > 0) lines.push('', ...extraLines);
  if (e.notes.length > 0) {
    lines.push('', o.paint.bold(zh ? '说明（细则原文未说明之处的做法）' : 'Notes (how the rubric reads the source)'));
    for (const n of e.notes) lines.push(wrap(`- ${escapeText(n[o.lang])}`, o.width, 2));
  }
  lines.push(
    '',
    wrap(
      zh
        ? '查看一个指标、要点或核查的要求、所读字段、写法示例和得分方式：jiaxiao explain B6（或 B6.2、B6.2a）'
        : 'What an indicator, item or check asks, the fields it reads, how to write them and how it scores: jiaxiao explain B6 (or B6.2, B6.2a)',
      o.width,
    ),
  );
  return `${textLines(lines)}\n`;
}

function titleOf(r: Extract<Explanation, { kind: 'tree' }>['rubric'], groups: TreeGroup[], lang: Lang): string {
  const [only] = groups;
  const part = groups.length === 1 && only ? only.points : undefined;
  return lang === 'zh'
    ? `${textOf(r.name, 'zh')}（满分 ${pointsOf(r.total)}${part ? `；本项 ${pointsOf(part)} 分` : ''}）`
    : `${textOf(r.name, 'en')} (${pointsOf(r.total)} points${part ? `; this group ${pointsOf(part)}` : ''})`;
}

function extrasText(e: Extract<Explanation, { kind: 'tree' }>, o: ExplainRenderOptions): string[] {
  const zh = o.lang === 'zh';
  const lines: string[] = [];
  const sections: [string, typeof e.extras][] = [
    [zh ? '加分' : 'Bonus', e.extras.filter((x) => x.section === 'bonus')],
    [zh ? '扣分' : 'Deductions', e.extras.filter((x) => x.section === 'deduction')],
    [zh ? '一票否决' : 'Vetoes', e.extras.filter((x) => x.section === 'veto')],
  ];
  for (const [name, xs] of sections) {
    if (xs.length === 0) continue;
    const body = xs
      .map(
        (x) =>
          `${escapeText(x.id)} ${textOf(x.label, o.lang)}${x.points ? (zh ? ` ${pointsOf(x.points)} 分` : ` ${pointsOf(x.points)}`) : ''}`,
      )
      .join(zh ? '；' : '; ');
    lines.push(wrap(`${name}${zh ? '：' : ': '}${body}`, o.width, 2));
  }
  if (e.levels.length > 0)
    lines.push(
      wrap(
        `${zh ? '等级：' : 'Levels: '}${e.levels.map((l) => `${textOf(l.name, o.lang)} ≥ ${pointsOf(l.min)}`).join(zh ? '、' : ', ')}`,
        o.width,
        2,
      ),
    );
  return lines;
}

/** The fragment's lines with their comments in one column, where the line leaves room for it. */
export function snippetText(lines: readonly SnippetLine[], lang: Lang, max: number, indent = ''): string[] {
  const codes = lines.map((l) => `${indent}${escapeText(l.code)}`);
  const column = Math.min(Math.max(0, ...codes.map(width)) + 2, Math.max(24, Math.floor(max * 0.55)));
  return lines.map((l, i) => {
    const code = codes[i] ?? '';
    if (!l.comment) return code;
    const comment = `# ${textOf(l.comment, lang)}`;
    const at = Math.max(column, width(code) + 2);
    return at + width(comment) <= max ? `${padEnd(code, at)}${comment}` : code;
  });
}

function checkLines(c: ExplainedCheck, o: ExplainRenderOptions, depth: number, focus?: string): string[] {
  const zh = o.lang === 'zh';
  const pad = ' '.repeat(depth * 2);
  const sep = zh ? '：' : ': ';
  const line = (label: string, body: string) => wrap(`${pad}  ${label}${sep}${body}`, o.width, pad.length + 4);
  const mark = focus !== undefined && c.id === focus ? '▶ ' : depth > 0 ? '· ' : '';
  const pts = c.points ? (zh ? ` · ${pointsOf(c.points)} 分` : ` · ${pointsEn(c.points)}`) : '';
  const out = [
    o.paint.bold(wrap(`${pad}${mark}${escapeText(c.id)} ${textOf(c.label, o.lang)}${pts}`, o.width, pad.length + 2)),
  ];
  out.push(line(zh ? '要求' : 'Requires', textOf(c.requirement, o.lang)));
  for (const s of c.byStage)
    out.push(line(zh ? STAGE_LABELS[s.stage].zh : STAGE_LABELS[s.stage].en, textOf(s.requirement, o.lang)));
  if (c.notFor.length > 0)
    out.push(line(zh ? '不适用于' : 'Not for', c.notFor.map((s) => STAGE_LABELS[s][o.lang]).join(zh ? '、' : ', ')));
  const reads = [
    ...c.records.map((r) =>
      zh
        ? `台账 ledger[]，type: ${r.type}（${r.label.zh}），每条写 date 或 dates`
        : `ledger[] entries of type: ${r.type} (${r.label.en}), each with date or dates`,
    ),
    ...c.fields.map((f) =>
      `${escapeText(f.path)}（${textOf(f.label, o.lang)}）`.replace(/（(.*)）$/, zh ? '（$1）' : ' ($1)'),
    ),
  ];
  if (reads.length > 0) out.push(line(zh ? '读取' : 'Reads', reads.join(zh ? '；' : '; ')));
  if (c.partial) out.push(line(zh ? '得分' : 'Scoring', textOf(c.partial, o.lang)));
  if (c.note) out.push(line(zh ? '说明' : 'Note', escapeText(c.note[o.lang])));
  for (const p of c.parts) out.push(...checkLines(p, o, depth + 1, focus));
  return out;
}

function snippetBlock(lines: readonly SnippetLine[], o: ExplainRenderOptions): string[] {
  if (lines.length === 0) return [];
  const zh = o.lang === 'zh';
  return [
    '',
    o.paint.bold(
      wrap(
        zh
          ? '怎么写（证据文件的片段，2023-2024 学年；数字取自示范小学，按此写即可通过）：'
          : 'How to write it (a fragment of an evidence file for 2023-2024, with the model primary school’s numbers; written so that it passes):',
        o.width,
        2,
      ),
    ),
    ...snippetText(lines, o.lang, o.width, '  ').map((l) =>
      l.includes('#') ? l.replace(/(#.*)$/, (m) => o.paint.dim(m)) : l,
    ),
  ];
}

function itemLines(item: ExplainedItem, o: ExplainRenderOptions, focus?: string): string[] {
  const zh = o.lang === 'zh';
  const t = (x: Text) => textOf(x, o.lang);
  const out = [
    o.paint.bold(
      wrap(
        zh
          ? `${escapeText(item.id)} · ${pointsOf(item.points)} 分 · ${escapeText(item.indicator.id)} ${t(item.indicator.name)} · ${escapeText(item.group.id)} ${t(item.group.name)}`
          : `${escapeText(item.id)} · ${pointsEn(item.points)} · ${escapeText(item.indicator.id)} ${t(item.indicator.name)} · ${escapeText(item.group.id)} ${t(item.group.name)}`,
        o.width,
      ),
    ),
    // The source's words, in any language; in English, the rubric's English rendering below them.
    wrap(`${zh ? '原文：' : 'Source text: '}${textOf(item.text, 'zh')}`, o.width, 2),
    ...(zh || item.text.en === item.text.zh ? [] : [wrap(`In English: ${t(item.text)}`, o.width, 2)]),
    wrap(`${zh ? '分值：' : 'Points: '}${t(item.split)}`, o.width, 2),
    '',
  ];
  item.checks.forEach((c, i) => {
    if (i > 0) out.push('');
    out.push(...checkLines(c, o, 0, focus));
  });
  out.push(...snippetBlock(item.snippet, o));
  return out;
}

function extraLines(x: ExplainedExtra, o: ExplainRenderOptions, focus: string): string[] {
  const zh = o.lang === 'zh';
  const section = {
    bonus: zh ? '加分' : 'Bonus',
    deduction: zh ? '扣分' : 'Deduction',
    veto: zh ? '一票否决' : 'Veto',
  }[x.section];
  const pts = x.points ? (zh ? ` · ${pointsOf(x.points)} 分` : ` · ${pointsEn(x.points)}`) : '';
  const cap = x.cap ? (zh ? `（本节上限 ${pointsOf(x.cap)} 分）` : ` (section cap ${pointsOf(x.cap)})`) : '';
  const out = [o.paint.bold(wrap(`${section} ${escapeText(x.id)} ${textOf(x.label, o.lang)}${pts}${cap}`, o.width))];
  if (x.per)
    out.push(
      wrap(
        zh
          ? `每 1 个 ${escapeText(x.per.path)}（${x.per.label.zh}）扣 ${pointsOf(x.points ?? { n: 0n, d: 1n })} 分`
          : `${pointsOf(x.points ?? { n: 0n, d: 1n })} for each unit of ${escapeText(x.per.path)} (${x.per.label.en})`,
        o.width,
        2,
      ),
    );
  if (x.denies)
    out.push(
      wrap(
        zh
          ? `不满足时取消${x.denies === 'all' ? '全部等级' : `等级：${x.denies.map(escapeText).join('、')}`}`
          : `When it fails, it denies ${x.denies === 'all' ? 'every level' : `the levels ${x.denies.map(escapeText).join(', ')}`}`,
        o.width,
        2,
      ),
    );
  if (x.check) out.push('', ...checkLines(x.check, o, 0, focus));
  out.push(...snippetBlock(x.snippet, o));
  return out;
}

export function renderExplainText(e: Explanation, o: ExplainRenderOptions): string {
  if (e.kind === 'tree') return treeText(e, o);
  const zh = o.lang === 'zh';
  const lines: string[] = [];
  if (e.rubric.source) lines.push(wrap(`${zh ? '出处：' : 'Source: '}${escapeText(e.rubric.source)}`, o.width, 2), '');
  if (e.kind === 'extra') lines.push(...extraLines(e.extra, o, e.id));
  else {
    if (e.kind === 'indicator') {
      const [first] = e.items;
      if (first)
        lines.push(
          o.paint.bold(
            wrap(
              `${escapeText(first.indicator.id)} ${textOf(first.indicator.name, o.lang)} · ${zh ? `${pointsOf(first.indicator.points)} 分` : pointsEn(first.indicator.points)} · ${escapeText(first.group.id)} ${textOf(first.group.name, o.lang)}`,
              o.width,
            ),
          ),
          wrap(`${zh ? '分值：' : 'Points: '}${textOf(e.split, o.lang)}`, o.width, 2),
          '',
        );
    }
    e.items.forEach((item, i) => {
      if (i > 0) lines.push('', '─'.repeat(Math.min(o.width, 40)), '');
      lines.push(...itemLines(item, o, e.kind === 'check' ? e.id : undefined));
    });
  }
  return `${textLines(lines)}\n`;
}

// --- JSON ---

const num = (x: Exact) => toCents(x) / 100;

function checkJson(c: ExplainedCheck, lang: Lang): unknown {
  return {
    id: c.id,
    label: c.label[lang],
    rule: c.rule,
    points: c.points ? num(c.points) : null,
    requirement: c.requirement[lang],
    byStage: c.byStage.map((s) => ({ stage: s.stage, requirement: s.requirement[lang] })),
    notApplicableTo: c.notFor,
    note: c.note ? c.note[lang] : null,
    fields: c.fields.map((f) => ({ path: f.path, label: f.label[lang] })),
    recordTypes: c.records.map((r) => ({ type: r.type, label: r.label[lang] })),
    scoring: c.partial ? c.partial[lang] : null,
    parts: c.parts.map((p) => checkJson(p, lang)),
  };
}

const snippetJson = (lines: readonly SnippetLine[], lang: Lang) =>
  lines.length === 0 ? null : `${snippetText(lines, lang, 400).join('\n')}\n`;

function itemJson(i: ExplainedItem, lang: Lang): unknown {
  return {
    id: i.id,
    text: i.text[lang],
    points: num(i.points),
    group: { id: i.group.id, name: i.group.name[lang] },
    indicator: { id: i.indicator.id, name: i.indicator.name[lang], points: num(i.indicator.points) },
    split: i.split[lang],
    checks: i.checks.map((c) => checkJson(c, lang)),
    snippet: snippetJson(i.snippet, lang),
  };
}

/** The explanation as versioned JSON, texts in the language asked for. */
export function renderExplainJson(e: Explanation, lang: Lang): string {
  const rubric = {
    id: e.rubric.id,
    name: e.rubric.name[lang],
    total: num(e.rubric.total),
    source: e.rubric.source ?? null,
  };
  const body =
    e.kind === 'tree'
      ? {
          groups: e.groups.map((g) => ({
            id: g.id,
            name: g.name[lang],
            points: num(g.points),
            indicators: g.indicators.map((b) => ({
              id: b.id,
              name: b.name[lang],
              points: num(b.points),
              items: b.items.map((i) => ({
                id: i.id,
                text: i.text[lang],
                points: num(i.points),
                checks: i.checks,
                notApplicableTo: i.notFor,
              })),
            })),
          })),
          extras: e.extras.map((x) => ({
            id: x.id,
            section: x.section,
            label: x.label[lang],
            points: x.points ? num(x.points) : null,
          })),
          levels: e.levels.map((l) => ({ name: l.name[lang], min: num(l.min) })),
          notes: e.notes.map((n) => n[lang]),
        }
      : e.kind === 'extra'
        ? {
            extra: {
              id: e.extra.id,
              section: e.extra.section,
              label: e.extra.label[lang],
              points: e.extra.points ? num(e.extra.points) : null,
              cap: e.extra.cap ? num(e.extra.cap) : null,
              per: e.extra.per ? { path: e.extra.per.path, label: e.extra.per.label[lang] } : null,
              denies: e.extra.denies ?? null,
              check: e.extra.check ? checkJson(e.extra.check, lang) : null,
              snippet: snippetJson(e.extra.snippet, lang),
            },
          }
        : {
            ...(e.kind === 'indicator' ? { split: e.split[lang] } : {}),
            items: e.items.map((i) => itemJson(i, lang)),
          };
  return jsonText({ schemaVersion: 1, kind: e.kind, id: e.id ?? null, rubric, ...body });
}
