// Combinations of nested checks: any of them ("有县级及以上立项课题，或家庭教育个案指导成果"), all of
// them, or at least k of n.
import * as z from 'zod';
import type { CompiledCheck, Finding, RuleKind } from '../types.js';
import { checkBase, once } from './common.js';

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
  return {
    kind,
    schema,
    fields: () => [],
    lint: (o) =>
      o.k !== undefined && o.k > o.checks.length
        ? [{ at: ['k'], code: 'rubric.atLeastTooMany', params: { k: o.k, n: o.checks.length } }]
        : [],
    children: (o) => o.checks.map((raw, i) => ({ at: ['checks', i], raw })),
    evaluate(o, ctx, children: CompiledCheck[]): Finding {
      const findings = children.map((c) => ctx.evaluate(c));
      const passed = findings.filter((f) => f.outcome === 'pass');
      const need = kind === 'anyOf' ? 1 : kind === 'allOf' ? findings.length : (o.k ?? 1);
      const pass = passed.length >= need;
      // Say what decided it: the passing reason for any-of, the failing ones otherwise.
      const shown =
        kind === 'anyOf' && pass ? passed.slice(0, 1) : pass ? findings : findings.filter((f) => f.outcome !== 'pass');
      const zh = shown.map((f) => f.reason.zh).join('；');
      const en = shown.map((f) => f.reason.en).join('; ');
      const lead =
        kind === 'anyOf'
          ? pass
            ? { zh: '满足其一：', en: 'one of them met: ' }
            : { zh: '均未满足：', en: 'none met: ' }
          : kind === 'atLeast'
            ? {
                zh: `满足 ${passed.length}/${findings.length} 项，要求至少 ${need} 项${pass ? '' : '；未满足：'}`,
                en: `${passed.length} of ${findings.length} met, at least ${need} required${pass ? '' : '; not met: '}`,
              }
            : { zh: '', en: '' };
      const missing = findings.flatMap((f) => f.missing ?? []);
      const body = kind === 'atLeast' && pass ? { zh: '', en: '' } : { zh, en };
      return {
        outcome: pass ? 'pass' : 'fail',
        reason: { zh: `${lead.zh}${body.zh}`, en: `${lead.en}${body.en}` },
        ...(missing.length > 0 && !pass ? { missing } : {}),
      };
    },
  };
}

export const anyOf = combinator('anyOf');
export const allOf = combinator('allOf');
export const atLeast = combinator('atLeast');
