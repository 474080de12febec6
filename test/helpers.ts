// Builders for tests: a small valid evidence file, a one-check rubric around any check; the YAML files of a folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Rubric } from '../src/engine/model.js';
import type { Evidence } from '../src/evidence/model.js';
import { parseEvidenceText } from '../src/evidence/parse.js';
import { scoreSchool } from '../src/index.js';
import type { SheetCheck } from '../src/report/sheet.js';
import { loadRubricText } from '../src/rubric/load.js';
import { parseSchoolText } from '../src/validation/school.js';

/** A primary school in 2023-2024 with Ningxia's terms and no facts. */
export function baseEvidence(): Record<string, unknown> {
  return {
    school: {
      name: '测试小学',
      county: '利通区',
      stage: 'primary',
      students: 1000,
      studentsLastYear: 1000,
      classes: 20,
      households: 950,
    },
    year: '2023-2024',
    terms: [
      { start: '2023-09-01', end: '2024-01-19' },
      { start: '2024-02-26', end: '2024-07-05' },
    ],
  };
}

export function evidenceOf(data: Record<string, unknown>, rubric?: Rubric): Evidence {
  const parsed = rubric
    ? parseSchoolText(stringify(data), rubric, 'test.yaml')
    : parseEvidenceText(stringify(data), 'test.yaml');
  if (!parsed.evidence) throw new Error(`test evidence invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.evidence;
}

export function rubricAround(check: Record<string, unknown>, points = 10): Rubric {
  const text = stringify({
    schemaVersion: 1,
    id: 'test',
    name: '测试细则',
    total: points,
    groups: [
      {
        id: 'A1',
        name: 'A',
        points,
        indicators: [{ id: 'B1', name: 'B', points, items: [{ id: 'B1.1', text: 't', checks: [check] }] }],
      },
    ],
  });
  const loaded = loadRubricText(text, 'test-rubric.yaml');
  if (!loaded.rubric) throw new Error(`test rubric invalid: ${JSON.stringify(loaded.problems)}`);
  return loaded.rubric;
}

/** Scores one check against evidence built from the base plus `patch`. */
export function runCheck(
  check: Record<string, unknown>,
  patch: Record<string, unknown> = {},
): SheetCheck & { score: number; max: number } {
  const rubric = rubricAround({ id: 'c', label: 'c', ...check }, typeof check.points === 'number' ? check.points : 10);
  const sheet = scoreSchool(rubric, evidenceOf({ ...baseEvidence(), ...patch }));
  const item = sheet.indicators[0]?.items[0];
  const c = item?.checks[0];
  if (!item || !c) throw new Error('no check in sheet');
  return { ...c, score: item.score, max: item.max };
}

/** The base school profile with some fields changed. */
export const school = (patch: Record<string, unknown>) => ({
  ...(baseEvidence().school as object),
  ...patch,
});

/** A one-group, one-indicator, one-item rubric of 10 points in YAML: its checks start on line 17, then devices. */
export const rubricYaml = (checks: string, devices = '', groupPoints = 'points: 10') => `schemaVersion: 1
id: t
name: 测试
total: 10
groups:
  - id: A1
    name: A
    ${groupPoints}
    indicators:
      - id: B1
        name: B
        points: 10
        items:
          - id: B1.1
            text: t
            checks:
${checks}${devices}`;

/** Every YAML file under `dir`, at any depth. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}
