// Is every fact some applicable check needs present? A missing fact fails its check ("缺少数据"); here it
// becomes a warning at validation time (an error under --strict), so a school can fill it in before it submits.
import type { CompiledCheck } from '../engine/types.js';
import { locate, type YamlSource } from '../io/yaml.js';
import { type Problem, pathText } from '../problem.js';
import { indicatorsOf, type Rubric } from '../rubric/model.js';
import { labelAt } from './labels.js';
import type { Evidence } from './model.js';
import { evidenceSchema, RECORD_TYPES, type RecordType } from './schema.js';

interface Gap {
  path?: string[];
  records?: RecordType[];
}

function present(data: unknown, path: readonly string[]): boolean {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur !== undefined && cur !== null;
}

/** What a check lacks; combinators lack something only when no way to pass them is complete. */
function gaps(check: CompiledCheck, evidence: Evidence): Gap[] {
  const kind = check.kind;
  if (check.children.length > 0) {
    const each = check.children.map((c) => gaps(c, evidence));
    if (kind.kind === 'anyOf' && each.some((g) => g.length === 0)) return [];
    return each.flat();
  }
  const out: Gap[] = [];
  for (const ref of kind.fields(check.options as never)) {
    if (ref.path.some((k) => typeof k === 'number')) continue; // a field of ledger records, not a fact
    const path = ref.path as string[];
    if (!present(evidence.data, path)) out.push({ path });
  }
  const types = kind.recordTypes?.(check.options as never) ?? [];
  if (types.length > 0 && !evidence.records.some((r) => types.includes(r.type))) out.push({ records: types });
  return out;
}

export function completenessProblems(evidence: Evidence, rubric: Rubric, source: YamlSource, file?: string): Problem[] {
  const stage = evidence.data.school.stage;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const b of indicatorsOf(rubric)) {
    for (const item of b.items) {
      for (const check of item.checks) {
        if (check.appliesTo && !check.appliesTo.includes(stage)) continue;
        for (const gap of gaps(check, evidence)) {
          const key = gap.path ? gap.path.join('.') : `records:${gap.records?.join(',')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (gap.path) {
            const label = labelAt(evidenceSchema, gap.path);
            problems.push({
              severity: 'warning',
              code: 'missing.field',
              params: { check: check.id },
              path: pathText(gap.path),
              ...(label ? { label } : {}),
              ...locate(source, gap.path),
              ...(file ? { file } : {}),
            });
          } else {
            const types = gap.records ?? [];
            problems.push({
              severity: 'warning',
              code: 'missing.records',
              params: {
                check: check.id,
                typesZh: types.map((t) => RECORD_TYPES[t].zh).join('、'),
                typesEn: types.map((t) => RECORD_TYPES[t].en).join(', '),
                types: types.join(', '),
              },
              path: 'ledger',
              ...locate(source, ['ledger']),
              ...(file ? { file } : {}),
            });
          }
        }
      }
    }
  }
  return problems;
}
