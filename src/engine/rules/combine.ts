// Any-of / all-of over nested checks: "有县级及以上立项课题，或家庭教育个案指导成果".
import * as z from 'zod';
import type { CompiledCheck, Finding, RuleKind } from '../types.js';
import { checkBase, once } from './common.js';

function combinator(kind: 'anyOf' | 'allOf'): RuleKind<{ checks: unknown[] }> {
  const schema = once(() =>
    z.strictObject({
      ...checkBase(),
      rule: z.literal(kind),
      checks: z.array(z.looseObject({ rule: z.string() })).min(2),
    }),
  );
  return {
    kind,
    schema,
    fields: () => [],
    children: (o) => o.checks.map((raw, i) => ({ at: ['checks', i], raw })),
    evaluate(_o, ctx, children: CompiledCheck[]): Finding {
      const findings = children.map((c) => ctx.evaluate(c));
      const passed = findings.filter((f) => f.outcome === 'pass');
      const pass = kind === 'anyOf' ? passed.length > 0 : passed.length === findings.length;
      const shown =
        kind === 'anyOf'
          ? pass
            ? passed.slice(0, 1)
            : findings
          : pass
            ? findings
            : findings.filter((f) => f.outcome !== 'pass');
      const zh = shown.map((f) => f.reason.zh).join('；');
      const en = shown.map((f) => f.reason.en).join('; ');
      const lead =
        kind === 'anyOf'
          ? pass
            ? { zh: '满足其一：', en: 'one of them met: ' }
            : { zh: '均未满足：', en: 'none met: ' }
          : { zh: '', en: '' };
      const missing = findings.flatMap((f) => f.missing ?? []);
      return {
        outcome: pass ? 'pass' : 'fail',
        reason: { zh: `${lead.zh}${zh}`, en: `${lead.en}${en}` },
        ...(missing.length > 0 && !pass ? { missing } : {}),
      };
    },
  };
}

export const anyOf = combinator('anyOf');
export const allOf = combinator('allOf');
