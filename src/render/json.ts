// The versioned JSON sheet (README: JSON 评分表 · JSON sheet). Texts are given in the chosen language.

import { jsonText } from '../base/escape.js';
import type { SheetReview } from '../report/review.js';
import type { Sheet, SheetExtras, SheetGain, SheetNextLevel } from '../report/sheet.js';
import { inLang, type SheetRenderer } from './types.js';

function extras(x: SheetExtras | null, lang: 'zh' | 'en') {
  if (!x) return null;
  return {
    cap: x.cap,
    total: x.total,
    items: x.items.map((i) => ({
      id: i.id,
      label: inLang(i.label, lang),
      points: i.points,
      score: i.score,
      applicable: i.applicable,
      perUnit: i.perUnit,
      reason: inLang(i.reason, lang),
    })),
  };
}

/** 复评: null when no reviewer adjusted the sheet; the sheet's figures are otherwise the reviewed ones. */
function review(r: SheetReview | undefined, lang: 'zh' | 'en') {
  if (!r) return null;
  return {
    reviewer: r.reviewer,
    date: r.date,
    computed: {
      total: r.computed.total,
      base: r.computed.base,
      normalized: r.computed.normalized,
      ...(r.computed.level ? { level: inLang(r.computed.level, lang) } : {}),
      groups: Object.fromEntries(r.computed.groups.map((g) => [g.id, g.score])),
      indicators: Object.fromEntries(r.computed.indicators.map((b) => [b.id, b.score])),
    },
    adjustments: r.adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      item: a.item,
      label: inLang(a.label, lang),
      computed: { passed: a.computedPassed, score: a.computedScore },
      reviewed: { passed: a.reviewedPassed, score: a.reviewedScore },
      reason: a.reason,
    })),
  };
}

export function sheetJson(sheet: Sheet, lang: 'zh' | 'en') {
  return {
    schemaVersion: sheet.schemaVersion,
    rubric: { id: sheet.rubric.id, name: inLang(sheet.rubric.name, lang), total: sheet.rubric.total },
    school: sheet.school,
    total: sheet.total,
    base: sheet.base,
    bonus: extras(sheet.bonus, lang),
    deductions: extras(sheet.deductions, lang),
    vetoes: sheet.vetoes.map((v) => ({
      id: v.id,
      label: inLang(v.label, lang),
      triggered: v.triggered,
      denies: v.denies,
      reason: inLang(v.reason, lang),
    })),
    level: sheet.level
      ? {
          name: sheet.level.name ? inLang(sheet.level.name, lang) : null,
          basis: sheet.level.basis,
          deniedBy: sheet.level.deniedBy,
        }
      : null,
    max: sheet.max,
    normalized: sheet.normalized,
    selfTotal: sheet.selfTotal,
    groups: sheet.groups.map((g) => ({
      id: g.id,
      name: inLang(g.name, lang),
      points: g.points,
      max: g.max,
      score: g.score,
      selfScore: g.selfScore,
    })),
    indicators: sheet.indicators.map((b) => ({
      id: b.id,
      group: b.group,
      name: inLang(b.name, lang),
      points: b.points,
      max: b.max,
      score: b.score,
      selfScore: b.selfScore,
      overclaim: b.overclaim,
      items: b.items.map((i) => ({
        id: i.id,
        text: inLang(i.text, lang),
        points: i.points,
        max: i.max,
        score: i.score,
        checks: i.checks.map((c) => ({
          id: c.id,
          label: inLang(c.label, lang),
          passed: c.passed,
          applicable: c.applicable,
          missing: c.missing,
          reason: inLang(c.reason, lang),
          cites: c.cites,
        })),
      })),
    })),
    review: review(sheet.review, lang),
    ...gainsJson(sheet, lang),
  };
}

/** Points to gain and the next level, with the file citations point into: fields added in schemaVersion 1. */
function gainsJson(sheet: Sheet, lang: 'zh' | 'en') {
  const gain = (g: SheetGain) => ({
    kind: g.kind,
    id: g.id,
    item: g.item,
    label: inLang(g.label, lang),
    points: g.points,
    reason: inLang(g.reason, lang),
    cites: g.cites,
  });
  const next = (n: SheetNextLevel) => ({ ...n, name: inLang(n.name, lang) });
  return {
    evidenceFile: sheet.evidenceFile,
    gains: sheet.gains.map(gain),
    nextLevel: sheet.nextLevel && next(sheet.nextLevel),
  };
}

export const renderJson: SheetRenderer = (sheet, options) => jsonText(sheetJson(sheet, options.lang));
