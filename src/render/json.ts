// The versioned JSON sheet (docs/sheet-json.md). Texts are given in the chosen language.
import type { Sheet } from '../report/sheet.js';
import { pick, type SheetRenderer } from './types.js';

export function sheetJson(sheet: Sheet, lang: 'zh' | 'en') {
  return {
    schemaVersion: sheet.schemaVersion,
    rubric: { id: sheet.rubric.id, name: pick(sheet.rubric.name, lang), total: sheet.rubric.total },
    school: sheet.school,
    total: sheet.total,
    max: sheet.max,
    normalized: sheet.normalized,
    selfTotal: sheet.selfTotal,
    groups: sheet.groups.map((g) => ({
      id: g.id,
      name: pick(g.name, lang),
      points: g.points,
      max: g.max,
      score: g.score,
      selfScore: g.selfScore,
    })),
    indicators: sheet.indicators.map((b) => ({
      id: b.id,
      group: b.group,
      name: pick(b.name, lang),
      points: b.points,
      max: b.max,
      score: b.score,
      selfScore: b.selfScore,
      overclaim: b.overclaim,
      items: b.items.map((i) => ({
        id: i.id,
        text: pick(i.text, lang),
        points: i.points,
        max: i.max,
        score: i.score,
        checks: i.checks.map((c) => ({
          id: c.id,
          label: pick(c.label, lang),
          passed: c.passed,
          applicable: c.applicable,
          missing: c.missing,
          reason: pick(c.reason, lang),
        })),
      })),
    })),
  };
}

export const renderJson: SheetRenderer = (sheet, o) => `${JSON.stringify(sheetJson(sheet, o.lang), null, 2)}\n`;
