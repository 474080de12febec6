// Combinations of nested checks: any of them ("有县级及以上立项课题，或家庭教育个案指导成果"), all of
// them, or at least k of n.

import * as z from 'zod';
import { once } from '../../base/once.js';
import { lazyText } from '../text.js';
import type { CompiledCheck, Finding, RuleDoc, RuleKind, Text } from '../types.js';
import { checkBase } from './common.js';

/** Documentation: docs/rubric-language.md is generated from it. */
const doc: RuleDoc = {
  title: { zh: '组合', en: 'combinations' },
  example: `- id: B1.1a
  rule: atLeast
  k: 2
  label: 三项至少两项
  checks:
    - { id: B1.1a1, rule: flag, label: 教学计划, field: facts.teachingPlan }
    - { id: B1.1a2, rule: flag, label: 教材, field: facts.textbook }
    - { id: B1.1a3, rule: flag, label: 学习交流制度, field: facts.studyExchangeSystem }
`,
  text: {
    zh: `\`anyOf\` 满足其一，\`allOf\` 全部满足，\`atLeast\` 至少 \`k\` 项。评分表：\`满足 1/3 项，要求至少 2 项；未满足：…\`。`,
    en: `\`anyOf\` passes when one part passes, \`allOf\` when all do, \`atLeast\` when at least \`k\` do.`,
  },
};

type Kind = 'anyOf' | 'allOf' | 'atLeast';

function combinator(kind: Kind): RuleKind<{ checks: unknown[]; k?: number }> {
  const schema = once(() =>
    z.strictObject({
      ...checkBase(),
      rule: z.literal(kind),
      k: kind === 'atLeast' ? z.number().int().positive() : z.never().optional(),
      checks: z.array(z.looseObject({ rule: z.string() })).min(2),
    }),
  );
  /** Parts that must pass (or, for completeness, be complete): one for any-of, k for at-least, all for all-of. */
  const need = (o: { k?: number }, parts: number) => (kind === 'anyOf' ? 1 : kind === 'atLeast' ? (o.k ?? 1) : parts);
  return {
    kind,
    doc,
    schema,
    describe: (o) => {
      const n = o.checks.length;
      return kind === 'anyOf'
        ? { zh: `下列 ${n} 项满足其一即通过`, en: `one of the ${n} below` }
        : kind === 'atLeast'
          ? { zh: `下列 ${n} 项至少满足 ${o.k ?? 1} 项`, en: `at least ${o.k ?? 1} of the ${n} below` }
          : { zh: `下列 ${n} 项全部满足`, en: `all ${n} below` };
    },
    need,
    fields: () => [],
    lint: (o) =>
      o.k !== undefined && o.k > o.checks.length
        ? [{ at: ['k'], code: 'rubric.atLeastTooMany', params: { k: o.k, n: o.checks.length } }]
        : [],
    children: (o) => o.checks.map((raw, i) => ({ at: ['checks', i], raw })),
    evaluate(o, ctx, children: CompiledCheck[]): Finding {
      const findings = children.map((c) => ctx.evaluate(c));
      const passed = findings.filter((f) => f.outcome === 'pass');
      const needed = need(o, findings.length);
      const pass = passed.length >= needed;
      // Say what decided it: the passing reason for any-of, the failing ones otherwise.
      const shown =
        kind === 'anyOf' && pass ? passed.slice(0, 1) : pass ? findings : findings.filter((f) => f.outcome !== 'pass');
      const lead = (): Text =>
        kind === 'anyOf'
          ? pass
            ? { zh: '满足其一：', en: 'one of them met: ' }
            : { zh: '均未满足：', en: 'none met: ' }
          : kind === 'atLeast'
            ? {
                zh: `满足 ${passed.length}/${findings.length} 项，要求至少 ${needed} 项${pass ? '' : '；未满足：'}`,
                en: `${passed.length} of ${findings.length} met, at least ${needed} required${pass ? '' : '; not met: '}`,
              }
            : { zh: '', en: '' };
      const missing = findings.flatMap((f) => f.missing ?? []);
      // A failure cites what its failing parts cite.
      const cites = pass ? [] : findings.flatMap((f) => (f.outcome === 'pass' ? [] : (f.cites ?? [])));
      // The parts' reasons are read only when this one is.
      const reason = lazyText(() => {
        const head = lead();
        if (kind === 'atLeast' && pass) return head;
        return {
          zh: `${head.zh}${shown.map((f) => f.reason.zh).join('；')}`,
          en: `${head.en}${shown.map((f) => f.reason.en).join('; ')}`,
        };
      });
      const out: Finding = { outcome: pass ? 'pass' : 'fail', reason };
      if (missing.length > 0 && !pass) out.missing = missing;
      if (cites.length > 0) out.cites = cites;
      return out;
    },
  };
}

export const anyOf = combinator('anyOf');
export const allOf = combinator('allOf');
export const atLeast = combinator('atLeast');
