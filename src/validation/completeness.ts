// Is every fact some applicable check needs present? A missing fact fails its check ("缺少数据"); here it
// becomes a warning at validation time (an error under --strict), so a school can fill it in before it submits.

import { type Problem, pathText } from '../base/problem.js';
import { indicatorsOf, type Rubric } from '../engine/model.js';
import type { CompiledCheck } from '../engine/types.js';
import { evidenceLabel } from '../evidence/field-labels.js';
import type { Evidence } from '../evidence/model.js';
import { RECORD_TYPES, type RecordType, type Stage } from '../evidence/schema.js';
import { type Located, locate } from '../io/yaml.js';

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

/** What a check reads, for one stage: facts by path, and ledger record types. */
interface Needs {
  id: string;
  /** How many children must be complete for the check to be (any-of 1, at-least k, all-of all). */
  need: number;
  facts: string[][];
  records: RecordType[];
  children: Needs[];
}

function needsOf(check: CompiledCheck, stage: Stage): Needs {
  const options = (check.optionsFor?.[stage] ?? check.options) as never;
  const facts = check.kind
    .fields(options)
    // A field of ledger records is not a fact of the school.
    .filter((ref) => !ref.path.some((k) => typeof k === 'number'))
    .map((ref) => ref.path as string[]);
  // A ratio of two quantities of one type (completed ÷ assigned homework) names the type twice: once here.
  const records = [...new Set(check.kind.recordTypes?.(options) ?? [])];
  const children = check.children.map((c) => needsOf(c, stage));
  const need = check.kind.need?.(options, children.length) ?? children.length;
  return { id: check.id, need, facts, records, children };
}

/** Every check a school is scored by, bonus, deductions and vetoes included, with their stages. */
function allChecks(rubric: Rubric): CompiledCheck[] {
  return [
    ...indicatorsOf(rubric).flatMap((b) => b.items.flatMap((i) => i.checks)),
    ...(rubric.bonus?.items ?? []).flatMap((x) => (x.check ? [x.check] : [])),
    ...(rubric.deductions?.items ?? []).flatMap((x) => (x.check ? [x.check] : [])),
    ...rubric.vetoes.map((v) => v.check),
  ];
}

const NEEDS = new WeakMap<Rubric, Map<Stage, { check: CompiledCheck; needs: Needs }[]>>();

function rubricNeeds(rubric: Rubric, stage: Stage) {
  let byStage = NEEDS.get(rubric);
  if (!byStage) {
    byStage = new Map();
    NEEDS.set(rubric, byStage);
  }
  let list = byStage.get(stage);
  if (!list) {
    list = allChecks(rubric).map((check) => ({ check, needs: needsOf(check, stage) }));
    // A per-unit deduction reads its field like a fact.
    for (const x of rubric.deductions?.items ?? []) {
      if (x.per)
        list.push({
          check: { id: x.id } as CompiledCheck,
          needs: { id: x.id, need: 0, facts: [x.per.split('.')], records: [], children: [] },
        });
    }
    byStage.set(stage, list);
  }
  return list;
}

/** Nothing lacking: one list for every check of every school that lacks nothing, which most do. */
const NONE: readonly Gap[] = [];

/** What a check lacks; a combination lacks something only when too few of its ways to pass are complete. */
function gaps(needs: Needs, evidence: Evidence): readonly Gap[] {
  if (needs.children.length > 0) {
    let complete = 0;
    for (const c of needs.children) if (gaps(c, evidence).length === 0) complete++;
    if (complete >= needs.need) return NONE;
    return needs.children.flatMap((c) => gaps(c, evidence));
  }
  // Made at the first gap (a function to add one would itself be made for every check of every school).
  let out: Gap[] | undefined;
  for (const path of needs.facts) {
    if (present(evidence.data, path)) continue;
    if (out) out.push({ path });
    else out = [{ path }];
  }
  const types = needs.records;
  if (types.length > 0 && !types.some((t) => evidence.recordsByType.has(t))) {
    if (out) out.push({ records: types });
    else out = [{ records: types }];
  }
  return out ?? NONE;
}

export function completenessProblems(evidence: Evidence, rubric: Rubric, source: Located, file?: string): Problem[] {
  const stage = evidence.data.school.stage;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const { check, needs } of rubricNeeds(rubric, stage)) {
    if (check.appliesTo && !check.appliesTo.includes(stage)) continue;
    for (const gap of gaps(needs, evidence)) {
      const key = gap.path ? gap.path.join('.') : `records:${gap.records?.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (gap.path) {
        const label = evidenceLabel(gap.path);
        problems.push({
          severity: 'warning',
          code: 'missing.field',
          params: { check: needs.id },
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
            check: needs.id,
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
