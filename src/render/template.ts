// The evidence template of `jiaxiao init`: every field of the evidence file, each with a comment naming
// what it is and the 要点 it feeds (from the rubric: validation/field-map.ts). Blanks are fields not yet
// filled in (evidence/empty.ts); required fields hold an example marked 【待填】 (validation/placeholders.ts);
// list entries are commented-out examples. Pure: the academic year is given, not read from a clock.
import { yamlComment, yamlString } from '../base/escape.js';
import { indicatorsOf, type Rubric } from '../engine/model.js';
import { evidenceFields, type FieldRow } from '../evidence/field-list.js';
import {
  LEVEL_LABELS,
  RECORD_TYPES,
  type RecordType,
  recordFields,
  STAGE_LABELS,
  type Stage,
} from '../evidence/schema.js';
import type { Lang } from '../i18n/messages.js';
import { fieldMap, idsFor } from '../validation/field-map.js';
import { PLACEHOLDER_MARK } from '../validation/placeholders.js';
import { width } from './text.js';

export interface TemplateOptions {
  rubric: Rubric;
  stage: Stage;
  /** The academic year, e.g. 2024-2025. */
  year: string;
  name?: string;
  lang: Lang;
  /** Whether the stage was chosen (else the header says it is the default). */
  stageGiven: boolean;
  /** Whether the year was chosen (else the header says how it was found). */
  yearGiven: boolean;
  /** The schema file the first line names, beside the template. */
  schemaFile: string;
}

/** Example head counts of a school of each stage: realistic, and marked to be replaced. */
const SIZES: Record<Stage, { students: number; classes: number }> = {
  kindergarten: { students: 360, classes: 12 },
  primary: { students: 1200, classes: 24 },
  junior: { students: 1500, classes: 30 },
  senior: { students: 2100, classes: 42 },
  'nine-year': { students: 1800, classes: 36 },
  complete: { students: 2400, classes: 48 },
};

const COMMENT_COLUMN = 40;

type T = { zh: string; en: string };

export function evidenceTemplate(o: TemplateOptions): string {
  const zh = o.lang === 'zh';
  const say = (t: T) => (zh ? t.zh : t.en);
  const [y1 = 2024, y2 = 2025] = o.year.split('-').map(Number);
  const map = fieldMap(o.rubric, o.stage);
  const anyStage = fieldMap(o.rubric);
  const rows = new Map(evidenceFields().map((r) => [r.path, r]));
  const row = (path: string): FieldRow => rows.get(path) ?? { path, zh: path, en: path, kind: '', hint: '' };
  const label = (path: string) => (zh ? row(path).zh : row(path).en);

  /** "→ B3.1、B4.1", or why the field is not scored. */
  const feeds = (ids: string[], everIds: string[]) =>
    ids.length > 0
      ? `→ ${ids.join(zh ? '、' : ', ')}`
      : everIds.length > 0
        ? say({ zh: `（${STAGE_LABELS[o.stage].zh}不计分）`, en: `(not scored for a ${STAGE_LABELS[o.stage].en})` })
        : say({ zh: '（本细则不计分）', en: '(not scored by this rubric)' });
  const feedsPath = (path: string) => feeds(idsFor(map, path), idsFor(anyStage, path));
  const feedsKey = (key: string) => feeds(idsFor(map, key), idsFor(anyStage, key));

  const out: string[] = [];
  const line = (content: string, comment?: string) => {
    if (comment === undefined) {
      out.push(content);
      return;
    }
    const pad = Math.max(1, COMMENT_COLUMN - width(content));
    out.push(`${content}${' '.repeat(pad)}# ${yamlComment(comment)}`);
  };
  const note = (indent: string, text: string) => out.push(`${indent}# ${yamlComment(text)}`);

  const kindText = (path: string): string => {
    const r = row(path);
    if (r.kind === 'boolean') return say({ zh: '写 true（是）或 false（否）', en: 'true or false' });
    if (r.kind === 'number') {
      const integer = /整数/.test(r.hint);
      return say(integer ? { zh: '整数', en: 'a whole number' } : { zh: '数字', en: 'a number' });
    }
    return '';
  };
  const blank = (indent: string, key: string, path: string) => {
    const what = [label(path), kindText(path)].filter((s) => s !== '').join(zh ? '：' : ': ');
    line(`${indent}${key}:`, `${what} ${feedsPath(path)}`);
  };
  const marked = (indent: string, key: string, value: string, path: string, extra = '') => {
    // Who the school is feeds no 要点: only quantities name theirs.
    const feed = row(path).kind === 'number' ? ` ${feedsPath(path)}` : '';
    line(`${indent}${key}: ${value}`, `${PLACEHOLDER_MARK} ${label(path)}${extra}${feed}`);
  };

  // --- Header ---
  const stageName = say(STAGE_LABELS[o.stage]);
  out.push(`# yaml-language-server: $schema=${o.schemaFile}`);
  if (zh) {
    note(
      '',
      `家校共育证据文件 · ${STAGE_LABELS[o.stage].zh} · ${o.year} 学年 · 细则：${o.rubric.name.zh}（${o.rubric.id}）`,
    );
    note(
      '',
      `由 jiaxiao init 生成。学段：${STAGE_LABELS[o.stage].zh}（${o.stage}）${o.stageGiven ? '' : '——未指定 --stage，默认为小学；其他学段请用 jiaxiao init --stage 初中 等重新生成'}。`,
    );
    if (!o.yearGiven)
      note(
        '',
        `学年：${o.year}，即今天所在的学年（9 月 1 日至次年 8 月 31 日）；其他学年请用 --year ${y1 - 1}-${y1} 等重新生成。`,
      );
    out.push('#');
    note('', '怎么填：');
    note('', `  1. 注释中有“${PLACEHOLDER_MARK}”的行是示例值：改为本校的实际数据，再删去“${PLACEHOLDER_MARK}”。`);
    note(
      '',
      '  2. 冒号后面空着的字段还没有填：在冒号后写上数字或 true（是）/ false（否）；没有的就空着（该项不得分）。',
    );
    note('', '  3. 以“# - {”开头的行是台账、课题等的示例：删去行首的“# ”，改成本校的日期和内容；同类活动可写多条。');
    note('', '  4. 只填原始数量（人数、金额、日期），比例由工具计算。注释末尾的 → B3.1 是该字段计入的要点。');
    note('', '  5. 填好后运行 jiaxiao validate 本文件：空着的字段和“【待填】”都会逐行列出（警告）。');
    note('', `第一行让 VS Code（YAML 插件）按同一文件夹中的 ${o.schemaFile} 补全字段、显示说明；`);
    note('', `没有这个文件时运行：jiaxiao schema -o ${o.schemaFile}`);
  } else {
    note(
      '',
      `Home–school co-education evidence · ${STAGE_LABELS[o.stage].en} · academic year ${o.year} · rubric: ${o.rubric.name.en} (${o.rubric.id})`,
    );
    note(
      '',
      `Written by jiaxiao init. Stage: ${stageName} (${o.stage})${o.stageGiven ? '' : ' — no --stage given, so primary; for another stage run jiaxiao init --stage junior (or kindergarten, senior…)'}.`,
    );
    if (!o.yearGiven)
      note(
        '',
        `Academic year ${o.year}: the one today falls in (1 September to 31 August); for another, run again with --year ${y1 - 1}-${y1} or the like.`,
      );
    out.push('#');
    note('', 'How to fill it in:');
    note(
      '',
      `  1. A line whose comment has ${PLACEHOLDER_MARK} ("to fill") holds an example: write your school's own value, then delete the mark.`,
    );
    note(
      '',
      '  2. A field with nothing after its colon is not filled in yet: write the number, or true / false; leave it blank if you have none (the check then fails).',
    );
    note(
      '',
      '  3. Lines starting "# - {" are example ledger, project and other entries: delete the leading "# " and write your own dates and text; add as many as you need.',
    );
    note(
      '',
      '  4. Raw quantities only (counts, amounts, dates): the tool computes every rate. "→ B3.1" at the end of a comment names the 要点 the field feeds.',
    );
    note(
      '',
      '  5. Then run jiaxiao validate on this file: blank fields and remaining marks are listed line by line (warnings).',
    );
    note('', `The first line lets VS Code (YAML extension) complete fields from ${o.schemaFile} in the same folder;`);
    note('', `without that file, run: jiaxiao schema -o ${o.schemaFile}`);
  }
  out.push('');

  // --- school ---
  const size = SIZES[o.stage];
  line('school:', label('school'));
  if (o.name !== undefined) line(`  name: ${yamlString(o.name)}`, label('school.name'));
  else marked('  ', 'name', say({ zh: '待填写', en: 'to-fill' }), 'school.name');
  line(
    '  code:',
    `${label('school.code')}${say({ zh: '：10 位数字，写在引号里，如 "2164020001"', en: ': 10 digits in quotes, e.g. "2164020001"' })}`,
  );
  marked(
    '  ',
    'county',
    say({ zh: '待填写', en: 'to-fill' }),
    'school.county',
    say({ zh: '，如 利通区', en: ', e.g. 利通区' }),
  );
  line(`  stage: ${o.stage}`, `${label('school.stage')}${zh ? '：' : ': '}${stageName}`);
  marked('  ', 'students', String(size.students), 'school.students');
  blank('  ', 'studentsLastYear', 'school.studentsLastYear');
  marked('  ', 'classes', String(size.classes), 'school.classes');
  blank('  ', 'households', 'school.households');
  out.push('');

  // --- year, terms, breaks ---
  line(`year: ${o.year}`, label('year'));
  line(
    'terms:',
    say({
      zh: '两个学期的起止日期：教学月、教学周由此而来',
      en: 'the two terms: teaching months and weeks come from them',
    }),
  );
  line(
    `  - { start: ${y1}-09-01, end: ${y2}-01-19 }`,
    `${PLACEHOLDER_MARK} ${say({ zh: '第一学期，按本校校历改', en: 'first term, from your calendar' })}`,
  );
  line(
    `  - { start: ${y2}-02-26, end: ${y2}-07-05 }`,
    `${PLACEHOLDER_MARK} ${say({ zh: '第二学期', en: 'second term' })}`,
  );
  line('breaks:', say({ zh: '学期内的假期（不计入教学周）', en: 'holidays inside the terms (not teaching weeks)' }));
  out.push(`  # - { name: ${say({ zh: '国庆', en: 'National Day' })}, start: ${y1}-10-01, end: ${y1}-10-07 }`);
  out.push(`  # - { name: ${say({ zh: '劳动节', en: 'Labour Day' })}, start: ${y2}-05-01, end: ${y2}-05-05 }`);
  out.push('');

  // --- facts ---
  line('facts:', say({ zh: '现状', en: 'status facts' }));
  for (const r of evidenceFields()) {
    if (!r.path.startsWith('facts.')) continue;
    blank('  ', r.path.slice('facts.'.length), r.path);
  }
  out.push('');

  // --- ledger ---
  const types = Object.keys(RECORD_TYPES) as RecordType[];
  line(
    'ledger:',
    say({
      zh: '活动台账：每类活动一条，用 dates 列出各个日期（一次的写 date）',
      en: 'activity ledger: one entry per kind, its dates listed (one date: date)',
    }),
  );
  const shownFields = new Set<string>();
  for (const type of types) {
    const fields = [...map.keys(), ...anyStage.keys()]
      .filter((k) => k.startsWith(`ledger:${type}.`))
      .map((k) => k.slice(`ledger:${type}.`.length))
      .filter((f, i, all) => all.indexOf(f) === i && f in recordFields())
      .sort((a, b) => RECORD_FIELD_ORDER.indexOf(a) - RECORD_FIELD_ORDER.indexOf(b));
    for (const f of fields) shownFields.add(f);
    const entry = [`type: ${type}`, ...datesOf(type, y1, y2), `title: ${plain(exampleTitle(type, zh))}`];
    for (const f of fields) entry.push(`${f}: ${exampleValue(f, zh)}`);
    line(`  # - { ${entry.join(', ')} }`, `${say(RECORD_TYPES[type])} ${feedsKey(`ledger:${type}`)}`);
  }
  // The fields every entry may carry, and any the rubric reads of no type: one entry shows them all.
  const rest = Object.keys(recordFields()).filter((f) => !shownFields.has(f) && f !== 'title');
  line(
    `  # - { type: lecture, date: ${y1}-11-20, title: ${say({ zh: '一年级新生家长讲座', en: 'talk for new parents' })}, ${rest.map((f) => `${f}: ${exampleValue(f, zh)}`).join(', ')} }`,
    say({
      zh: '一次的活动写 date；note 备注，files 佐证材料（本文件所在文件夹内的路径）',
      en: "one date: date; note, and files (paths inside this file's folder)",
    }),
  );
  out.push('');

  // --- projects, cases, awards ---
  const levels = (Object.keys(LEVEL_LABELS) as (keyof typeof LEVEL_LABELS)[]).map(
    (l) => `${l} ${say(LEVEL_LABELS[l])}`,
  );
  const list = (key: string, example: string) => {
    line(`${key}:`, `${label(key)} ${feedsPath(key)}`);
    line(`  # - { ${example} }`, `level: ${levels.join(' / ')}`);
  };
  list(
    'projects',
    `title: ${say({ zh: '农村留守儿童家庭教育指导策略研究', en: 'family guidance for left-behind children' })}, level: city, year: ${y1 - 1}, files: [${say({ zh: '佐证/课题立项书.pdf', en: 'files/approval.pdf' })}]`,
  );
  list(
    'cases',
    `title: ${say({ zh: '单亲家庭学生个案指导', en: 'guidance for a single-parent family' })}, year: ${y2}, level: county, files: [${say({ zh: '佐证/个案指导报告.pdf', en: 'files/case.pdf' })}]`,
  );
  list(
    'awards',
    `title: ${say({ zh: '市级家庭教育示范学校', en: 'city model school for family education' })}, level: city, year: ${y2}, files: [${say({ zh: '佐证/奖牌照片.jpg', en: 'files/award.jpg' })}]`,
  );
  out.push('');

  // --- surveys, outcomes ---
  line(
    'surveys:',
    say({ zh: '满意度调查：填人数，满意率由工具计算', en: 'surveys: counts only; the tool computes the rates' }),
  );
  for (const key of keysAt(['surveys'])) {
    line(`  ${key}:`, `${label(`surveys.${key}`)} ${feedsPath(`surveys.${key}`)}`);
    for (const sub of keysAt(['surveys', key])) blank('    ', sub, `surveys.${key}.${sub}`);
  }
  out.push('');
  line(
    'outcomes:',
    say({
      zh: '教育成效：本学年（current）与上学年（previous）',
      en: 'outcomes: this year (current) and last year (previous)',
    }),
  );
  for (const key of keysAt(['outcomes'])) {
    line(`  ${key}:`, `${label(`outcomes.${key}`)} ${feedsPath(`outcomes.${key}`)}`);
    for (const sub of keysAt(['outcomes', key])) blank('    ', sub, `outcomes.${key}.${sub}`);
  }
  out.push('');

  // --- self-scores, attachments ---
  line(
    'selfScores:',
    say({ zh: '自评：按二级指标写自评分（不超过分值）', en: 'self-scores per 二级指标 (at most its points)' }),
  );
  for (const b of indicatorsOf(o.rubric)) {
    const points = Number(b.points.n) / Number(b.points.d);
    line(`  ${b.id}:`, say({ zh: `${b.name.zh}（${points} 分）`, en: `${b.name.en} (${points} points)` }));
  }
  out.push('');
  line(
    'attachments:',
    say({ zh: '佐证材料：本文件所在文件夹内的文件', en: "supporting files, inside this file's folder" }),
  );
  line(
    `  # - { path: ${say({ zh: '佐证/讲座签到表.pdf', en: 'files/lecture-sign-in.pdf' })}, indicator: B6.3, title: ${say({ zh: '专题讲座签到表', en: 'lecture sign-in sheet' })} }`,
    label('attachments[]'),
  );
  out.push('');
  return out.join('\n');
}

const RECORD_FIELD_ORDER = Object.keys(recordFields());

/** Text as a plain YAML scalar inside { … } where it can be one, else quoted. */
const plain = (s: string): string =>
  /^[^\s\-?:,[\]{}#&*!|>'"%@`][^:,[\]{}#]*$/.test(s) && !/\s$/.test(s) ? s : yamlString(s);

/** The keys of the object at a path of the evidence schema, in schema order. */
function keysAt(path: string[]): string[] {
  return evidenceFields()
    .filter((r) => r.path.startsWith(`${path.join('.')}.`) && r.path.split('.').length === path.length + 1)
    .map((r) => r.path.split('.').at(-1) ?? '');
}

/** An example date or dates in each term of the year. */
function datesOf(type: RecordType, y1: number, y2: number): string[] {
  if (type === 'committeeCase') return [`date: ${y1}-11-15`];
  return [`dates: [${y1}-10-15, ${y1}-12-10, ${y2}-03-18, ${y2}-05-20]`];
}

const TITLES: Record<RecordType, { zh: string; en: string }> = {
  committeeCase: { zh: '家委会协调解决放学接送拥堵问题', en: 'committee eased the school-gate traffic' },
  homework: { zh: '亲子共读打卡', en: 'shared reading at home' },
  lecture: { zh: '各年级段专题讲座', en: 'talks for each year group' },
  reading: { zh: '家长读书分享会', en: "parents' book circle" },
  practice: { zh: '亲子运动会', en: 'family sports day' },
  onlineReading: { zh: '班级微信群周三共读', en: 'class WeChat reading on Wednesdays' },
  openDay: { zh: '校园开放日', en: 'open day' },
  receptionDay: { zh: '家长接待日', en: 'reception day' },
  parentMeeting: { zh: '期初家长会', en: 'start-of-term parent meeting' },
  volunteerService: { zh: '家长志愿者护学岗', en: 'parent volunteers at the gate' },
  community: { zh: '社区家庭教育咨询', en: 'family guidance in the community' },
  research: { zh: '指导师专题研讨', en: "instructors' seminar" },
  course: { zh: '家庭教育线上微课', en: 'online micro-course' },
};
const exampleTitle = (type: RecordType, zh: boolean) => (zh ? TITLES[type].zh : TITLES[type].en);

/** An example value of a record field, as YAML. */
function exampleValue(field: string, zh: boolean): string {
  switch (field) {
    case 'assigned':
    case 'reached':
      return '1180';
    case 'completed':
      return '950';
    case 'form':
      return zh ? '线上微课' : 'online';
    case 'note':
      return zh ? '主讲：张老师' : 'given by Ms Zhang';
    case 'files':
      return zh ? '[佐证/讲座签到表.pdf]' : '[files/sign-in.pdf]';
    case 'title':
      return zh ? '活动名称' : 'title';
    default:
      return 'true';
  }
}
