// Is every fact some applicable check needs present? A missing fact fails its check ("缺少数据"); here it
// becomes a warning at validation time (an error under --strict), so a school can fill it in before it submits.
import type { CompiledCheck } from '../engine/types.js';
import { type Located, locate } from '../io/yaml.js';
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

/** What a check reads, worked out once per rubric: facts by path, and ledger record types. */
interface Needs {
  kind: string;
  facts: string[][];
  records: RecordType[];
  children: Needs[];
}

function needsOf(check: CompiledCheck): Needs {
  const facts = check.kind
    .fields(check.options as never)
    // A field of ledger records is not a fact of the school.
    .filter((ref) => !ref.path.some((k) => typeof k === 'number'))
    .map((ref) => ref.path as string[]);
  const records = check.kind.recordTypes?.(check.options as never) ?? [];
  return { kind: check.kind.kind, facts, records, children: check.children.map(needsOf) };
}

const NEEDS = new WeakMap<Rubric, { check: CompiledCheck; needs: Needs }[]>();

function rubricNeeds(rubric: Rubric) {
  let list = NEEDS.get(rubric);
  if (!list) {
    list = indicatorsOf(rubric).flatMap((b) =>
      b.items.flatMap((i) => i.checks.map((check) => ({ check, needs: needsOf(check) }))),
    );
    NEEDS.set(rubric, list);
  }
  return list;
}

/** What a check lacks; combinators lack something only when no way to pass them is complete. */
function gaps(needs: Needs, evidence: Evidence): Gap[] {
  if (needs.children.length > 0) {
    const each = needs.children.map((c) => gaps(c, evidence));
    if (needs.kind === 'anyOf' && each.some((g) => g.length === 0)) return [];
    return each.flat();
  }
  const out: Gap[] = [];
  for (const path of needs.facts) if (!present(evidence.data, path)) out.push({ path });
  const types = needs.records;
  if (types.length > 0 && !evidence.records.some((r) => types.includes(r.type))) out.push({ records: types });
  return out;
}

export function completenessProblems(evidence: Evidence, rubric: Rubric, source: Located, file?: string): Problem[] {
  const stage = evidence.data.school.stage;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const { check, needs } of rubricNeeds(rubric)) {
    if (check.appliesTo && !check.appliesTo.includes(stage)) continue;
    for (const gap of gaps(needs, evidence)) {
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
  return problems;
}
