// `jiaxiao explain [ID]`: what a rubric asks, built from the compiled rubric alone. Without an id, the tree
// of 一级指标 → 二级指标 → 要点 with points; with one, the source text, each check's requirement with its
// numbers, the evidence fields it reads, how to write them (a YAML fragment) and how partial points arise.
// Pure: no I/O; the renderers in render/explain.ts turn it into text or JSON.
import { centsText, cmp, type Exact, ratio, toCents } from '../base/exact.js';
import type { Rubric, RubricGroup, RubricIndicator, RubricItem, WeightedCheck } from '../engine/model.js';
import type { CompiledCheck, Text } from '../engine/types.js';
import { evidenceLabel } from '../evidence/field-labels.js';
import { nearest } from '../evidence/issues.js';
import { labelAt } from '../evidence/labels.js';
import { evidenceSchema, RECORD_TYPES, type RecordType, STAGE_LABELS, STAGES, type Stage } from '../evidence/schema.js';
import { exampleSnippet, type SnippetLine } from './explain-example.js';

export interface ExplainedField {
  /** As docs/evidence-fields.md writes it: facts.spending, ledger[].completed, projects. */
  path: string;
  label: Text;
}

export interface ExplainedCheck {
  id: string;
  label: Text;
  rule: string;
  /** This check's share of its 要点's points; undefined for a part of a combination. */
  points?: Exact;
  requirement: Text;
  /** Stages with parameters of their own, and their requirement. */
  byStage: { stage: Stage; requirement: Text }[];
  /** Stages it does not apply to. */
  notFor: Stage[];
  note?: Text;
  fields: ExplainedField[];
  records: { type: RecordType; label: Text }[];
  /** How its points are earned. */
  partial?: Text;
  parts: ExplainedCheck[];
}

export interface ExplainedItem {
  id: string;
  text: Text;
  points: Exact;
  group: { id: string; name: Text };
  indicator: { id: string; name: Text; points: Exact };
  /** How the 要点's points are split among its checks. */
  split: Text;
  checks: ExplainedCheck[];
  /** The evidence the checks shown read, as a fragment of an evidence file. */
  snippet: SnippetLine[];
}

export interface TreeItem {
  id: string;
  text: Text;
  points: Exact;
  checks: number;
  notFor: Stage[];
}

export interface TreeGroup {
  id: string;
  name: Text;
  points: Exact;
  indicators: { id: string; name: Text; points: Exact; items: TreeItem[] }[];
}

export interface ExplainedExtra {
  id: string;
  section: 'bonus' | 'deduction' | 'veto';
  label: Text;
  points?: Exact;
  /** The section's cap (bonus, deductions). */
  cap?: Exact;
  /** A deduction for each unit of this field. */
  per?: ExplainedField;
  /** The levels a veto denies. */
  denies?: 'all' | string[];
  check?: ExplainedCheck;
  snippet: SnippetLine[];
}

export interface RubricHead {
  id: string;
  name: Text;
  total: Exact;
  source?: string;
}

export type Explanation =
  | {
      kind: 'tree';
      /** A group's id, when only that group is shown. */
      id?: string;
      rubric: RubricHead;
      groups: TreeGroup[];
      notes: Text[];
      extras: { id: string; section: ExplainedExtra['section']; label: Text; points?: Exact }[];
      levels: { name: Text; min: Exact }[];
    }
  | { kind: 'indicator'; rubric: RubricHead; id: string; split: Text; items: ExplainedItem[] }
  | { kind: 'item'; rubric: RubricHead; id: string; items: [ExplainedItem] }
  /** A check: its 要点 with only that check (or the check a nested part belongs to). */
  | { kind: 'check'; rubric: RubricHead; id: string; items: [ExplainedItem] }
  | { kind: 'extra'; rubric: RubricHead; id: string; extra: ExplainedExtra };

/** An id the rubric does not have, with the closest ones it has. */
export interface UnknownId {
  kind: 'unknown';
  id: string;
  suggestions: string[];
}

/** Points as a person reads them: 11, 2.75, 0.5; ≈3.33 where two decimals would hide a remainder. */
export function pointsOf(x: Exact): string {
  if (x.d === 1n) return x.n.toString();
  const cents = toCents(x);
  const shown = centsText(cents).replace(/\.?0+$/, '');
  return cmp(ratio(BigInt(cents), 100n), x) === 0 ? shown : `≈${shown}`;
}

const exactText = pointsOf;

/** "1 point", "2.75 points". */
export const pointsEn = (x: Exact): string => `${pointsOf(x)} point${pointsOf(x) === '1' ? '' : 's'}`;

const head = (r: Rubric): RubricHead => ({
  id: r.id,
  name: r.name,
  total: r.total,
  ...(r.source ? { source: r.source } : {}),
});

/** A field path as docs/evidence-fields.md writes it: indices become []. */
export function docPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[]` : s ? `${s}.${k}` : k), '');
}

function fieldsOf(check: CompiledCheck): ExplainedField[] {
  const seen = new Map<string, ExplainedField>();
  for (const o of [check.options, ...Object.values(check.optionsFor ?? {})]) {
    for (const ref of check.kind.fields(o as never)) {
      const path = docPath(ref.path);
      if (seen.has(path)) continue;
      const l = labelAt(
        evidenceSchema(),
        ref.path.map((k) => (typeof k === 'number' ? 0 : k)),
      );
      seen.set(path, { path, label: l ? { zh: l.zh, en: l.en } : { zh: path, en: path } });
    }
  }
  return [...seen.values()];
}

function recordsOf(check: CompiledCheck): { type: RecordType; label: Text }[] {
  const types = new Set<RecordType>();
  for (const o of [check.options, ...Object.values(check.optionsFor ?? {})])
    for (const t of check.kind.recordTypes?.(o as never) ?? []) types.add(t);
  return [...types].map((type) => ({ type, label: RECORD_TYPES[type] }));
}

const stageList = (stages: Stage[], lang: 'zh' | 'en') =>
  stages.map((s) => STAGE_LABELS[s][lang]).join(lang === 'zh' ? '、' : ', ');

function explainCheck(check: CompiledCheck, points?: Exact): ExplainedCheck {
  const notFor = check.appliesTo ? STAGES.filter((s) => !check.appliesTo?.includes(s)) : [];
  const byStage = STAGES.flatMap((stage) => {
    const o = check.optionsFor?.[stage];
    return o === undefined ? [] : [{ stage, requirement: check.kind.describe(o as never) }];
  });
  const { note, noteEn } = check.options as { note?: unknown; noteEn?: unknown };
  const partial = points === undefined ? undefined : partialOf(check, points, notFor);
  return {
    id: check.id,
    label: check.label,
    rule: check.kind.kind,
    ...(points !== undefined ? { points } : {}),
    requirement: check.kind.describe(check.options as never),
    byStage,
    notFor,
    ...(typeof note === 'string' ? { note: { zh: note, en: typeof noteEn === 'string' ? noteEn : note } } : {}),
    fields: fieldsOf(check),
    records: recordsOf(check),
    ...(partial ? { partial } : {}),
    parts: check.children.map((c) => explainCheck(c)),
  };
}

function partialOf(check: CompiledCheck, points: Exact, notFor: Stage[]): Text {
  const p = exactText(points);
  const earn = check.kind.maxPoints
    ? {
        zh: `按达到的档次或级别得分（见上），最多 ${p} 分`,
        en: `points by the tier or level reached (above), at most ${p}`,
      }
    : { zh: `通过得全部 ${p} 分，不通过得 0 分`, en: `all ${pointsEn(points)} when it passes, 0 when it fails` };
  const missing = { zh: '缺少所需数据时不得分', en: 'missing data earns nothing' };
  const na =
    notFor.length > 0
      ? {
          zh: `；不适用于${stageList(notFor, 'zh')}：其分值从应得满分中扣除，评分表另给出折算分`,
          en: `; not applicable to ${stageList(notFor, 'en')}: its points leave the attainable total, and the sheet adds a normalized score`,
        }
      : { zh: '', en: '' };
  return { zh: `${earn.zh}；${missing.zh}${na.zh}`, en: `${earn.en}; ${missing.en}${na.en}` };
}

/** "11 分由 4 项核查平均分配，每项 2.75 分", or each part's points where they differ. */
function splitText(whole: Exact, parts: { id: string; points: Exact }[], unit: Text): Text {
  const w = exactText(whole);
  const [first] = parts;
  if (parts.length === 1) return { zh: `只有 1 ${unit.zh}：${w} 分`, en: `a single ${unit.en}: ${pointsEn(whole)}` };
  if (first && parts.every((x) => cmp(x.points, first.points) === 0)) {
    const each = exactText(first.points);
    return {
      zh: `${w} 分由 ${parts.length} ${unit.zh}平均分配，每${unit.zh.slice(0, 1)} ${each} 分`,
      en: `${pointsEn(whole)} shared equally by ${parts.length} ${unit.en}s: ${each} each`,
    };
  }
  return {
    zh: `${w} 分：${parts.map((x) => `${x.id} ${exactText(x.points)} 分`).join('、')}`,
    en: `${pointsEn(whole)}: ${parts.map((x) => `${x.id} ${exactText(x.points)}`).join(', ')}`,
  };
}

const CHECK_UNIT = { zh: '项核查', en: 'check' };
const ITEM_UNIT = { zh: '个要点', en: 'item' };

function explainItem(
  rubric: Rubric,
  g: RubricGroup,
  b: RubricIndicator,
  item: RubricItem,
  only?: WeightedCheck,
): ExplainedItem {
  const shown = only ? [only] : item.checks;
  return {
    id: item.id,
    text: item.text,
    points: item.points,
    group: { id: g.id, name: g.name },
    indicator: { id: b.id, name: b.name, points: b.points },
    split: splitText(
      item.points,
      item.checks.map((c) => ({ id: c.id, points: c.weight })),
      CHECK_UNIT,
    ),
    checks: shown.map((c) => explainCheck(c, c.weight)),
    snippet: exampleSnippet(rubric, shown),
  };
}

/** Every check id below a check, itself included. */
const idsIn = (c: CompiledCheck): string[] => [c.id, ...c.children.flatMap(idsIn)];

/** Every id `explain` takes, in the rubric's order. */
export function explainableIds(rubric: Rubric): string[] {
  const ids: string[] = [];
  for (const g of rubric.groups) {
    ids.push(g.id);
    for (const b of g.indicators) {
      ids.push(b.id);
      for (const item of b.items) {
        ids.push(item.id);
        for (const c of item.checks) ids.push(...idsIn(c));
      }
    }
  }
  for (const x of [...(rubric.bonus?.items ?? []), ...(rubric.deductions?.items ?? [])]) {
    ids.push(x.id);
    if (x.check) ids.push(...idsIn(x.check));
  }
  for (const v of rubric.vetoes) ids.push(v.id, ...idsIn(v.check));
  return ids;
}

function tree(rubric: Rubric, groups: RubricGroup[], id?: string): Explanation {
  const extras = [
    ...(rubric.bonus?.items ?? []).map((x) => ({
      id: x.id,
      section: 'bonus' as const,
      label: x.label,
      points: x.points,
    })),
    ...(rubric.deductions?.items ?? []).map((x) => ({
      id: x.id,
      section: 'deduction' as const,
      label: x.label,
      points: x.points,
    })),
    ...rubric.vetoes.map((v) => ({ id: v.id, section: 'veto' as const, label: v.label })),
  ];
  const whole = groups.length === rubric.groups.length;
  return {
    kind: 'tree',
    ...(id !== undefined ? { id } : {}),
    rubric: head(rubric),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      points: g.points,
      indicators: g.indicators.map((b) => ({
        id: b.id,
        name: b.name,
        points: b.points,
        items: b.items.map((item) => ({
          id: item.id,
          text: item.text,
          points: item.points,
          checks: item.checks.length,
          // Stages none of its checks apply to.
          notFor: STAGES.filter((s) => item.checks.every((c) => c.appliesTo && !c.appliesTo.includes(s))),
        })),
      })),
    })),
    notes: whole ? rubric.notes : [],
    extras: whole ? extras : [],
    levels: whole ? rubric.levels.map((l) => ({ name: l.name, min: l.min })) : [],
  };
}

function extraOf(rubric: Rubric, id: string): ExplainedExtra | undefined {
  const sections = [
    ...(rubric.bonus?.items ?? []).map((x) => ({ x, section: 'bonus' as const, cap: rubric.bonus?.cap })),
    ...(rubric.deductions?.items ?? []).map((x) => ({ x, section: 'deduction' as const, cap: rubric.deductions?.cap })),
  ];
  for (const { x, section, cap } of sections) {
    if (x.id !== id && !(x.check && idsIn(x.check).includes(id))) continue;
    const per = x.per ? docPath(x.per.split('.')) : undefined;
    const perLabel = x.per ? evidenceLabel(x.per.split('.')) : undefined;
    return {
      id: x.id,
      section,
      label: x.label,
      points: x.points,
      ...(cap ? { cap } : {}),
      ...(per
        ? { per: { path: per, label: perLabel ? { zh: perLabel.zh, en: perLabel.en } : { zh: per, en: per } } }
        : {}),
      ...(x.check ? { check: explainCheck(x.check, x.points) } : {}),
      snippet: x.check ? exampleSnippet(rubric, [x.check]) : [],
    };
  }
  for (const v of rubric.vetoes) {
    if (v.id !== id && !idsIn(v.check).includes(id)) continue;
    return {
      id: v.id,
      section: 'veto',
      label: v.label,
      denies: v.denies,
      check: explainCheck(v.check),
      snippet: exampleSnippet(rubric, [v.check]),
    };
  }
  return undefined;
}

/** The explanation of `id` (none: the whole tree), or the closest ids where the rubric has no such id. */
export function explain(rubric: Rubric, id?: string): Explanation | UnknownId {
  if (id === undefined || id.trim() === '') return tree(rubric, rubric.groups);
  const want = id.trim();
  // Ids are matched without regard to case: b6.2a is B6.2a.
  const known = explainableIds(rubric);
  const exactId = known.find((k) => k === want) ?? known.find((k) => k.toLowerCase() === want.toLowerCase());
  if (exactId === undefined) return { kind: 'unknown', id: want, suggestions: suggest(want, known) };
  for (const g of rubric.groups) {
    if (g.id === exactId) return tree(rubric, [g], g.id);
    for (const b of g.indicators) {
      if (b.id === exactId)
        return {
          kind: 'indicator',
          rubric: head(rubric),
          id: b.id,
          split: splitText(
            b.points,
            b.items.map((i) => ({ id: i.id, points: i.points })),
            ITEM_UNIT,
          ),
          items: b.items.map((item) => explainItem(rubric, g, b, item)) as ExplainedItem[],
        };
      for (const item of b.items) {
        if (item.id === exactId)
          return { kind: 'item', rubric: head(rubric), id: item.id, items: [explainItem(rubric, g, b, item)] };
        const check = item.checks.find((c) => idsIn(c).includes(exactId));
        if (check)
          return { kind: 'check', rubric: head(rubric), id: exactId, items: [explainItem(rubric, g, b, item, check)] };
      }
    }
  }
  const extra = extraOf(rubric, exactId);
  if (extra) return { kind: 'extra', rubric: head(rubric), id: exactId, extra };
  return { kind: 'unknown', id: want, suggestions: suggest(want, known) };
}

/** Up to five ids nearest to what was typed: its spelling, then ids it starts or that start with it. */
function suggest(want: string, known: string[]): string[] {
  const lower = want.toLowerCase();
  const close = nearest(want, known) ?? nearest(want.toUpperCase(), known);
  const prefix = known.filter((k) => {
    const kl = k.toLowerCase();
    return kl.startsWith(lower) || (lower.startsWith(kl) && kl.length >= 2);
  });
  // The longest ids that what was typed begins with come first ("B6.9" → B6).
  prefix.sort((a, b) => b.length - a.length || known.indexOf(a) - known.indexOf(b));
  const out = [...(close ? [close] : []), ...prefix.filter((k) => k !== close)];
  if (out.length === 0) {
    // A letter and a number at least: the indicators, so there is always somewhere to go.
    out.push(...known.filter((k) => /^[A-Za-z]+\d+$/.test(k) && !/^A\d/.test(k)));
  }
  return out.slice(0, 5);
}

/**
 * The 要点 (and 加分/扣分/否决 items) each evidence field feeds, by the path docs/evidence-fields.md writes;
 * ledger record types under "ledger[].type=homework". From every check of the rubric, nested parts included.
 */
export function fieldFeeds(rubric: Rubric): Map<string, string[]> {
  const feeds = new Map<string, string[]>();
  const note = (key: string, id: string) => {
    const list = feeds.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    feeds.set(key, list);
  };
  const walk = (c: CompiledCheck, id: string) => {
    for (const f of fieldsOf(c)) note(f.path, id);
    for (const r of recordsOf(c)) note(`ledger[].type=${r.type}`, id);
    for (const child of c.children) walk(child, id);
  };
  for (const g of rubric.groups)
    for (const b of g.indicators) for (const item of b.items) for (const c of item.checks) walk(c, item.id);
  for (const x of [...(rubric.bonus?.items ?? []), ...(rubric.deductions?.items ?? [])]) {
    if (x.check) walk(x.check, x.id);
    if (x.per) note(docPath(x.per.split('.')), x.id);
  }
  for (const v of rubric.vetoes) walk(v.check, v.id);
  return feeds;
}
