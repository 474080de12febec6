// Generates N synthetic school evidence files (about 2 KB each) with a fixed seed, for the benchmarks.
//   node scripts/gen-schools.mjs DIR N
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fixed-seed generator, so every run writes the same files. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = ['利通区', '红寺堡区', '青铜峡市', '同心县', '盐池县'];
const STAGES = ['primary', 'junior', 'kindergarten', 'senior'];
const MONTHS = ['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-03', '2024-04', '2024-05', '2024-06'];
const WEEKS = [
  '2023-09-06',
  '2023-09-13',
  '2023-09-20',
  '2023-09-27',
  '2023-10-11',
  '2023-10-18',
  '2023-10-25',
  '2023-11-01',
  '2023-11-08',
  '2023-11-15',
  '2023-11-22',
  '2023-11-29',
  '2023-12-06',
  '2023-12-13',
  '2023-12-20',
  '2023-12-27',
  '2024-01-03',
  '2024-01-10',
  '2024-01-17',
  '2024-02-28',
  '2024-03-06',
  '2024-03-13',
  '2024-03-20',
  '2024-03-27',
  '2024-04-03',
  '2024-04-10',
  '2024-04-17',
  '2024-04-24',
  '2024-05-08',
  '2024-05-15',
  '2024-05-22',
  '2024-05-29',
  '2024-06-05',
  '2024-06-12',
  '2024-06-19',
  '2024-06-26',
  '2024-07-03',
];

export function schoolYaml(i, rnd) {
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const yes = (p = 0.85) => rnd() < p;
  const keep = (xs, p) => xs.filter(() => rnd() < p);
  const stage = STAGES[i % STAGES.length];
  const students = int(150, 2500);
  const households = Math.max(1, students - int(0, 100));
  const classes = Math.max(1, Math.round(students / 45));
  const respondents = int(Math.round(students * 0.6), students);
  const flag = (k) => `  ${k}: ${yes()}`;
  const months = (day, p) =>
    `[${
      keep(MONTHS, p)
        .map((m) => `${m}-${day}`)
        .join(', ') || `${MONTHS[0]}-${day}`
    }]`;
  return `school:
  name: 示例学校${String(i).padStart(5, '0')}
  code: "${stage === 'kindergarten' ? 11 : stage === 'primary' ? 21 : stage === 'junior' ? 31 : 34}640${String(i).padStart(5, '0')}"
  county: ${COUNTIES[i % COUNTIES.length]}
  stage: ${stage}
  students: ${students}
  studentsLastYear: ${students + int(-80, 80)}
  classes: ${classes}
  households: ${households}
year: 2023-2024
terms:
  - { start: 2023-09-01, end: 2024-01-19 }
  - { start: 2024-02-26, end: 2024-07-05 }
breaks:
  - { name: 中秋国庆, start: 2023-09-29, end: 2023-10-06 }
facts:
${['developmentPlanProject', 'studyExchangeSystem', 'principalResponsibility', 'guidanceStation', 'stationDisplay', 'inAnnualPlan', 'inAnnualSummary', 'workloadCounted', 'headTeacherIncentive', 'trainingIncludesGuidance', 'committeeElection', 'committeeRoles', 'teachingPlan', 'textbook', 'infoPlatform'].map(flag).join('\n')}
  instructors: ${int(0, 5)}
  lecturers: ${int(4, 15)}
  volunteers: ${int(0, 30)}
  spending: ${int(students * 10, students * 30)}
  classesWithCommittee: ${classes - (yes(0.7) ? 0 : 1)}
ledger:
  - { type: homework, dates: ${months('15', 0.92)}, assigned: ${households}, completed: ${int(Math.round(households * 0.4), households)}, graded: ${yes()}, signed: ${yes()} }
  - { type: lecture, dates: [2023-10-12, 2023-12-07, 2024-03-21${yes() ? ', 2024-05-23' : ''}] }
  - { type: reading, dates: [2023-10-26, 2023-12-21, 2024-04-11, 2024-06-06], recorded: true, summarized: ${yes()} }
  - { type: practice, dates: [2023-11-24, 2024-05-24], recorded: true, summarized: true }
  - { type: onlineReading, dates: [${keep(WEEKS, 0.97).join(', ')}] }
  - { type: openDay, date: 2023-11-09 }
  - { type: receptionDay, date: 2023-09-15 }
  - { type: volunteerService, date: 2023-12-08 }
  - { type: committeeCase, date: 2023-11-15 }
  - { type: parentMeeting, dates: [2023-09-08, 2024-03-01] }
  - { type: community, dates: [2023-11-18${yes() ? ', 2024-04-20' : ''}] }
  - { type: research, dates: [2023-10-20, 2023-12-15, 2024-03-29${yes() ? ', 2024-05-31' : ''}] }
  - { type: course, form: 微课, reached: ${households}, dates: ${months('16', 0.95)} }
  - { type: course, form: 菜单, reached: ${households - (yes() ? 0 : 5)}, dates: ${months('17', 0.9)} }
projects:
  - { title: 家庭教育课题${i}, level: ${['county', 'city', 'province'][i % 3]}, year: ${int(2017, 2024)} }
surveys:
  children: { population: ${students}, respondents: ${respondents}, satisfied: ${int(Math.round(respondents * 0.7), respondents)} }
  students: { population: ${students}, respondents: ${respondents}, satisfied: ${int(Math.round(respondents * 0.8), respondents)} }
  parents: { population: ${households}, respondents: ${Math.min(respondents, households)}, satisfied: ${int(Math.round(Math.min(respondents, households) * 0.8), Math.min(respondents, households))} }
outcomes:
  examAverage: { current: ${int(700, 900) / 10}, previous: ${int(700, 900) / 10} }
  graduates: { current: ${int(40, 400)}, previous: ${int(40, 400)} }
  promoted: { current: 40, previous: 40 }
  complaints: { current: ${int(0, 8)}, previous: ${int(0, 8)} }
  bullying: { current: ${int(0, 2)}, previous: ${int(0, 2)} }
selfScores: { B1: 1, B2: 3, B3: 3, B4: 3, B5: 2, B6: ${int(30, 55)}, B7: 3, B8: 10, B9: 2, B10: ${int(5, 10)}, B11: 4, B12: 4 }
`;
}

/**
 * Quoted dates read as strings in every YAML reader; ajv-cli's js-yaml 3 would turn bare ones into Date
 * objects and reject every file at its first date, doing less than a full validation.
 */
export const quoteDates = (text) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, "'$1'");

export function generate(dir, n, { seed = 20241129, quoted = false } = {}) {
  const rnd = random(seed);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const county = COUNTIES[i % COUNTIES.length];
    const sub = join(dir, county);
    if (i < COUNTIES.length) mkdirSync(sub, { recursive: true });
    const text = schoolYaml(i, rnd);
    writeFileSync(join(sub, `school-${String(i).padStart(5, '0')}.yaml`), quoted ? quoteDates(text) : text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n, flag] = process.argv.slice(2);
  generate(dir, Number(n ?? 100), { quoted: flag === '--quoted' });
}
