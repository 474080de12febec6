// The evidence file: one school, one academic year. Raw, auditable quantities only; the engine derives rates.
import * as z from 'zod';
import { once } from '../base/once.js';
import { firstUnsafeChar } from '../base/unsafe-chars.js';
import { labelled } from './labels.js';

/** What to write in a count: an integer without a unit, with an example plausible for that very field. */
const countHint = (example: number) => `写整数，不带单位，如 ${example}`;
const YESNO_HINT = '写 true（是）或 false（否）';
const DATE_HINT = '写成 YYYY-MM-DD，如 2023-09-01';

const count = (zh: string, en: string, example: number) =>
  labelled(z.number().int().nonnegative(), zh, en, countHint(example));
const positive = (zh: string, en: string, example: number) =>
  labelled(z.number().int().positive(), zh, en, `写大于 0 的整数，如 ${example}`);
const yesNo = (zh: string, en: string) => labelled(z.boolean(), zh, en, YESNO_HINT);
/** Free text may not hold control characters: they would reach screens and CI logs. A note may hold line breaks. */
const plain =
  (allow = '') =>
  (s: string, ctx: z.core.$RefinementCtx<string>) => {
    const bad = firstUnsafeChar(s, allow);
    if (bad) ctx.addIssue({ code: 'custom', input: s, params: { code: 'controlChar', ...bad } });
  };
const text = (zh: string, en: string) => labelled(z.string().trim().min(1).superRefine(plain()), zh, en);
/** A real calendar date, YYYY-MM-DD (zod checks month lengths and leap years; JSON Schema gets format: date). */
export const isoDate = (zh: string, en: string) => labelled(z.iso.date(), zh, en, DATE_HINT);

/** An enum that also takes the Chinese names a clerk may write, mapped to the English value. */
function aliasedEnum<T extends string>(values: readonly [T, ...T[]], aliases: Record<string, T>) {
  const names = [...values, ...Object.keys(aliases)] as [string, ...string[]];
  return z.enum(names).transform((v): T => aliases[v] ?? (v as T));
}

export const STAGES = ['kindergarten', 'primary', 'junior', 'senior', 'nine-year', 'complete'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  kindergarten: { zh: '幼儿园', en: 'kindergarten' },
  primary: { zh: '小学', en: 'primary school' },
  junior: { zh: '初中', en: 'junior secondary school' },
  senior: { zh: '高中', en: 'senior secondary school' },
  'nine-year': { zh: '九年一贯制学校', en: 'nine-year school' },
  complete: { zh: '完全中学', en: 'complete secondary school' },
};
/** The Chinese name of each stage, which a clerk may write instead (学段: 小学). */
export const STAGE_ALIASES: Record<string, Stage> = Object.fromEntries(
  Object.entries(STAGE_LABELS).map(([k, v]) => [v.zh, k as Stage]),
);
export const RECORD_TYPES = {
  committeeCase: { zh: '家委会解决问题案例', en: 'parent-committee case' },
  homework: { zh: '家长作业', en: 'parent homework' },
  lecture: { zh: '专题培训讲座', en: 'lecture' },
  reading: { zh: '家庭教育读书活动', en: 'reading activity' },
  practice: { zh: '亲子实践活动', en: 'parent-child practice activity' },
  onlineReading: { zh: '线上主题读书活动', en: 'online theme reading' },
  openDay: { zh: '校园开放日', en: 'campus open day' },
  receptionDay: { zh: '接待日', en: 'reception day' },
  parentMeeting: { zh: '家长会', en: 'parent meeting' },
  volunteerService: { zh: '家庭教育志愿者服务', en: 'volunteer service' },
  community: { zh: '社区家庭教育指导', en: 'community guidance' },
  research: { zh: '指导师、讲师专题研究或指导', en: 'research or guidance session' },
  course: { zh: '家庭教育指导课程或菜单', en: 'guidance course or menu' },
} as const;
export type RecordType = keyof typeof RECORD_TYPES;
const recordTypeNames = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]];

export const LEVELS = ['county', 'city', 'province', 'national'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '市级', en: 'city' },
  province: { zh: '省级（自治区级）', en: 'province' },
  national: { zh: '国家级', en: 'national' },
};
/** The Chinese names a clerk may write for a level, and the level each stands for. */
export const LEVEL_ALIASES: Record<string, Level> = {
  县级: 'county',
  区级: 'county',
  市级: 'city',
  省级: 'province',
  自治区级: 'province',
  国家级: 'national',
};

const survey = (zh: string, en: string) =>
  labelled(
    z.strictObject({
      population: count('调查对象总数', 'population', 1200),
      respondents: count('有效答卷数', 'respondents', 1100),
      satisfied: count('满意人数', 'satisfied', 1000),
    }),
    zh,
    en,
  );

/** This year's and last year's value; the examples are plausible for the field, this year's then last year's. */
const pair = (
  zh: string,
  en: string,
  examples: [number, number],
  value: z.ZodType<number> = z.number().int().nonnegative(),
) =>
  labelled(
    z.strictObject({
      current: labelled(value, `本学年${zh}`, `${en} this year`, `写数字，不带单位，如 ${examples[0]}`),
      previous: labelled(value, `上学年${zh}`, `${en} last year`, `写数字，不带单位，如 ${examples[1]}`),
    }),
    zh,
    en,
  );

/**
 * The evidence schema and the field tables it is made of. Built on first use: constructing it takes zod
 * ~10 ms, and a valid file is read and scored without it (./plain-evidence.ts and the build-time label
 * table of ./labels.ts); a file with mistakes, `validate`, `explain` and the JSON Schema build it.
 */
function buildSchemas() {
  const stage = labelled(
    aliasedEnum(STAGES, STAGE_ALIASES),
    '学段',
    'stage',
    `写 ${STAGES.map((s) => `${s}（${STAGE_LABELS[s].zh}）`).join('、')} 之一`,
    STAGE_LABELS,
  );

  const schoolCode = labelled(
    z.union([z.string().superRefine(plain()), z.number().int()]).transform((v) => String(v).trim()),
    '学校标识码',
    'national school code',
    '10 位数字，如 "2164010001"',
  );

  const school = labelled(
    z.strictObject({
      name: text('学校名称', 'school name'),
      code: schoolCode.optional(),
      county: text('所属区县', 'county'),
      stage,
      students: positive('在校学生数', 'enrolled students', 1200),
      studentsLastYear: positive('上学年在校学生数', 'enrolled students last year', 1150).optional(),
      classes: positive('班级数', 'classes', 24),
      households: positive('学生家庭户数', 'households', 1180).optional(),
    }),
    '学校概况',
    'school profile',
  );

  const term = labelled(
    z.strictObject({ start: isoDate('学期开始日期', 'term start'), end: isoDate('学期结束日期', 'term end') }),
    '学期',
    'term',
  );

  const breakSpan = labelled(
    z.strictObject({
      name: text('假期名称', 'break name').optional(),
      start: isoDate('假期开始日期', 'break start'),
      end: isoDate('假期结束日期', 'break end'),
    }),
    '假期',
    'break',
  );

  /** Status facts, one per rubric requirement that is a yes/no or a head count. */
  const factFields = {
    developmentPlanProject: yesNo(
      '学校发展规划中有家庭教育实施项目',
      'development plan has a family-education project',
    ),
    studyExchangeSystem: yesNo('有家庭教育学习和交流制度', 'family-education study and exchange system'),
    principalResponsibility: yesNo('实行校长（园长）负责制', 'principal responsibility system'),
    guidanceStation: yesNo('建有家校合作指导站', 'home–school guidance station established'),
    stationDisplay: yesNo('指导站有相关资料展示', 'guidance station displays materials'),
    inAnnualPlan: yesNo('家庭教育工作纳入学年度计划', 'family education in the annual plan'),
    inAnnualSummary: yesNo('家庭教育工作纳入学年度总结', 'family education in the annual summary'),
    workloadCounted: yesNo('家庭教育指导服务计入教师工作量', 'guidance counted in teacher workload'),
    headTeacherIncentive: yesNo('对班主任有考核激励机制', 'head-teacher assessment and incentive'),
    instructors: count('家庭教育指导师人数', 'family-education instructors', 3),
    lecturers: count('家庭教育讲师人数', 'family-education lecturers', 12),
    volunteers: count('家庭教育志愿者人数', 'family-education volunteers', 20),
    trainingIncludesGuidance: yesNo('校本培训含家庭教育指导内容', 'school-based training covers guidance'),
    spending: labelled(
      z.number().nonnegative(),
      '家庭教育经费实际支出（元）',
      'family-education spending (yuan)',
      '写金额数字，不带“元”，如 30000',
    ),
    classesWithCommittee: count('建立家长委员会的班级数', 'classes with a parent committee', 24),
    committeeElection: yesNo('家长委员会产生程序规范', 'committee election procedure standardized'),
    committeeRoles: yesNo('家长委员会分工明确', 'committee roles defined'),
    teachingPlan: yesNo('家长学校有教学计划', 'parent-school teaching plan'),
    textbook: yesNo('有校本教材或推荐教材', 'school-based or recommended textbook'),
    infoPlatform: yesNo('建有家校共育信息平台', 'home–school information platform'),
    safetyIncidents: count('重大安全责任事故数', 'serious safety incidents', 0),
  };

  /** Fields a ledger record may carry besides its type and date(s); which ones matter depends on the type. */
  const recordFields = {
    title: text('标题', 'title').optional(),
    note: labelled(z.string().superRefine(plain('\n\t')), '备注', 'note').optional(),
    files: labelled(z.array(z.string().superRefine(plain())), '佐证材料', 'supporting files').optional(),
    assigned: count('布置作业的家庭数', 'households assigned homework', 1180).optional(),
    completed: count('完成作业的家庭数', 'households that completed homework', 950).optional(),
    graded: yesNo('作业有批改', 'homework graded').optional(),
    signed: yesNo('作业有孩子签字', 'homework signed by the child').optional(),
    recorded: yesNo('活动有记录', 'activity recorded').optional(),
    summarized: yesNo('活动有总结', 'activity summarized').optional(),
    form: text('形式', 'form').optional(),
    reached: count('到达家庭数', 'households reached', 1180).optional(),
  };

  const ledgerEntry = labelled(
    z
      .strictObject({
        type: labelled(
          z.enum(recordTypeNames),
          '台账类型',
          'record type',
          `写 ${recordTypeNames.map((t) => `${t}（${RECORD_TYPES[t].zh}）`).join('、')} 之一`,
          RECORD_TYPES,
        ),
        date: isoDate('日期', 'date').optional(),
        dates: labelled(
          z.array(isoDate('日期', 'date')).min(1),
          '日期列表',
          'dates',
          '写成 [2023-09-04, 2023-09-11]',
        ).optional(),
        ...recordFields,
      })
      .refine((e) => (e.date === undefined) !== (e.dates === undefined), {
        params: { code: 'dateOrDates' },
        path: ['date'],
      }),
    '台账记录',
    'ledger record',
  );

  const level = labelled(
    aliasedEnum(LEVELS, LEVEL_ALIASES),
    '级别',
    'level',
    '写 county（县级）、city（市级）、province（省级/自治区级）、national（国家级）之一',
    LEVEL_LABELS,
  );
  const year = labelled(z.number().int().min(1990).max(2100), '年份', 'year', '写四位年份，如 2022');

  const project = labelled(
    z.strictObject({ title: text('课题名称', 'project title'), level, year: year, files: recordFields.files }),
    '立项课题',
    'research project',
  );
  const caseResult = labelled(
    z.strictObject({
      title: text('成果名称', 'result title'),
      year,
      level: level.optional(),
      files: recordFields.files,
    }),
    '个案指导成果',
    'case-guidance result',
  );

  const award = labelled(
    z.strictObject({ title: text('荣誉名称', 'award title'), level, year, files: recordFields.files }),
    '荣誉表彰',
    'award',
  );

  const evidenceSchema = z.strictObject({
    school,
    year: labelled(z.string().regex(/^\d{4}-\d{4}$/), '学年', 'academic year', '写成 2023-2024'),
    terms: labelled(z.array(term).length(2), '学期', 'terms', '写两个学期，每个有 start 和 end'),
    breaks: labelled(z.array(breakSpan), '假期', 'breaks').optional(),
    facts: labelled(
      z.strictObject(Object.fromEntries(Object.entries(factFields).map(([k, v]) => [k, v.optional()]))),
      '现状',
      'status facts',
    ).optional(),
    ledger: labelled(z.array(ledgerEntry), '活动台账', 'activity ledger').optional(),
    projects: labelled(z.array(project), '立项课题', 'research projects').optional(),
    cases: labelled(z.array(caseResult), '个案指导成果', 'case-guidance results').optional(),
    awards: labelled(z.array(award), '荣誉表彰', 'awards').optional(),
    surveys: labelled(
      z.strictObject({
        children: survey('子女对家长教育的满意度调查', 'children on their parents’ education').optional(),
        students: survey('学生对家庭成长环境的满意度调查', 'students on their family environment').optional(),
        parents: survey('家长对学校家庭教育指导服务的满意度调查', 'parents on the school’s guidance').optional(),
      }),
      '满意度调查',
      'surveys',
    ).optional(),
    outcomes: labelled(
      z.strictObject({
        examAverage: pair('统测平均分', 'exam average', [86.5, 85.2], z.number().nonnegative()).optional(),
        graduates: pair('毕业生数', 'graduates', [200, 195]).optional(),
        promoted: pair('升学人数', 'graduates progressing to further schooling', [198, 192]).optional(),
        complaints: pair('家长投诉数', 'parent complaints', [2, 3]).optional(),
        bullying: pair('校园欺凌事件数', 'bullying incidents', [0, 1]).optional(),
      }),
      '教育成效',
      'outcomes',
    ).optional(),
    selfScores: labelled(
      z.record(z.string(), labelled(z.number(), '自评分', 'self-score', '写数字，如 2.5')),
      '自评',
      'self-scores',
      '按二级指标写，如 B1: 1',
    ).optional(),
    attachments: labelled(
      z.array(
        labelled(
          z.strictObject({
            path: text('文件路径', 'file path'),
            indicator: text('对应指标', 'indicator').optional(),
            title: text('说明', 'title').optional(),
          }),
          '佐证材料条目',
          'supporting file',
        ),
      ),
      '佐证材料',
      'supporting files',
    ).optional(),
  });

  return { evidenceSchema, factFields, recordFields };
}

const schemas = once(buildSchemas);

/** The evidence file's schema (built on first use). */
export const evidenceSchema = () => schemas().evidenceSchema;
/** Status facts, one per rubric requirement that is a yes/no or a head count (built on first use). */
export const factFields = () => schemas().factFields;
/** Fields a ledger record may carry besides its type and date(s) (built on first use). */
export const recordFields = () => schemas().recordFields;

export type EvidenceInput = z.input<ReturnType<typeof evidenceSchema>>;
export type EvidenceData = z.output<ReturnType<typeof evidenceSchema>>;
export type LedgerEntry = NonNullable<EvidenceData['ledger']>[number];
