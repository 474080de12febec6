// The English help: program.ts writes each command, argument and option in Chinese; under --lang en (or
// JIAXIAO_LANG=en) these take their place, applied in one place (toEnglish) so that a new command only adds
// its lines here. Keys: the command's path, then an option's long flag (or short) or an argument as <name>.
import type { Command } from 'commander';
import { FORMATS } from '../render/formats.js';
import { TEXT_WIDTH } from '../render/types.js';

const REPORT_FORMATS = 'text, json, github, junit, markdown';
const RUBRIC = 'rubric file (default: the embedded Wuzhong 2019 rubric)';
const LANG = 'language of the output and messages: zh (default) or en; also JIAXIAO_LANG=en';

export const ENGLISH_HELP: Record<string, string> = {
  jiaxiao: 'Scores schools against the home–school co-education model school rubric (吴教发〔2019〕83号)',
  'jiaxiao --version': 'show the version',
  'jiaxiao --lang': `${LANG}; may come before or after the command`,

  'jiaxiao score':
    'score schools. One file: the sheet in the rubric’s columns (level 1 · level 2 · content · points · self-score · score); a folder or several files: score them all, with a ranking and a summary',
  'jiaxiao score <paths>': 'school evidence files (YAML), or folders holding them',
  'jiaxiao score --rubric': RUBRIC,
  'jiaxiao score --format': `output format: ${FORMATS.map((f) => `${f.name} ${f.help.en}`).join('; ')}`,
  'jiaxiao score --output':
    'write the sheet (for a batch: the summary) to this file instead of the screen; without --format, in the format its extension names',
  'jiaxiao score --width': `table width in columns (default: the terminal's; ${TEXT_WIDTH} into a file or a pipe)`,
  'jiaxiao score --details': 'list the reasons of passed checks too',
  'jiaxiao score --min-score': 'exit 1 when the normalized score is below n (for a batch: when any school is)',
  'jiaxiao score --out': 'batch: write each school’s sheet and the summary into this folder',
  'jiaxiao score --force': 'allow overwriting files already in --out',
  'jiaxiao score --out-in-input': 'allow --out inside an input folder',
  'jiaxiao score --lang': LANG,
  'jiaxiao score --no-color': 'no colours',
  'jiaxiao score --year':
    'batch: only the schools of this academic year (such as 2023-2024); without it each year is ranked apart',
  'jiaxiao score --review':
    'a reviewer’s adjustments (default: "<evidence file stem>.review.yaml" beside the evidence file, in a batch too)',

  'jiaxiao explain':
    'explain the rubric: without an id, its indicators, items and points; with an id (B6, B6.2, B6.2a), the source text, each check’s requirement, the evidence fields it reads with an example, and how points are earned',
  'jiaxiao explain <id>': 'the id of an indicator, item or check, such as B6.2',
  'jiaxiao explain --rubric': RUBRIC,
  'jiaxiao explain --format': 'output format',
  'jiaxiao explain --output': 'write it to this file (default: the screen)',
  'jiaxiao explain --width': `text width in columns (default: the terminal's; ${TEXT_WIDTH} into a file or a pipe)`,
  'jiaxiao explain --lang': LANG,
  'jiaxiao explain --no-color': 'no colours',

  'jiaxiao diff':
    'compare two academic years: a school’s two evidence files, or a county’s two folders; the change per indicator and in total, and the checks newly passed and newly failed',
  'jiaxiao diff <old>': 'the earlier year’s evidence file or folder',
  'jiaxiao diff <new>': 'the later year’s evidence file or folder',
  'jiaxiao diff --rubric': RUBRIC,
  'jiaxiao diff --format': 'output format',
  'jiaxiao diff --output': 'write it to this file (default: the screen)',
  'jiaxiao diff --width': `table width in columns (default: the terminal's; ${TEXT_WIDTH} into a file or a pipe)`,
  'jiaxiao diff --lang': LANG,
  'jiaxiao diff --no-color': 'no colours',

  'jiaxiao convert':
    'convert an evidence workbook (.xlsx) to a YAML evidence file or back: the evidence read back is the same',
  'jiaxiao convert <input>': 'an evidence workbook (.xlsx) or a YAML evidence file',
  'jiaxiao convert --output': 'the file to write: .yaml or .xlsx (never over an existing one without --force)',
  'jiaxiao convert --rubric':
    'rubric file (the workbook’s items-fed column and self-score rows; default: the embedded Wuzhong 2019 rubric)',
  'jiaxiao convert --force': 'allow overwriting an existing output file',
  'jiaxiao convert --lang': LANG,

  'jiaxiao init':
    'write a complete evidence template: every field with a comment saying what it is and which items it feeds; check it with validate once filled in',
  'jiaxiao init --stage':
    'stage: kindergarten, primary, junior, senior, nine-year, complete (or their Chinese names); default: primary',
  'jiaxiao init --name': 'the school’s name',
  'jiaxiao init --year': 'academic year, such as 2023-2024 (default: the one today falls in, from 1 September)',
  'jiaxiao init --output':
    'write it to this file (never overwritten), with evidence.schema.json for editors beside it; default: the screen',
  'jiaxiao init --format':
    'template format: yaml, an evidence file; xlsx, an Excel/WPS workbook (the default when -o ends in .xlsx)',
  'jiaxiao init --rubric': RUBRIC,
  'jiaxiao init --lang': LANG,

  'jiaxiao validate':
    'check evidence files: structure and types, consistency, whether the data is complete, and whether supporting files exist inside the school’s folder',
  'jiaxiao validate <paths>': 'evidence files or folders (searched for .yaml/.yml)',
  'jiaxiao validate --rubric': RUBRIC,
  'jiaxiao validate --strict': 'count warnings as errors',
  'jiaxiao validate --format': `report format: ${REPORT_FORMATS}; may be given several times, each followed by its own --output`,
  'jiaxiao validate --output': 'write the report of the --format before it to this file (default: the screen)',
  'jiaxiao validate --lang': LANG,

  'jiaxiao rubric': 'tools for rubric files',
  'jiaxiao rubric check':
    'check rubric files: structure, point sums, rule kinds, evidence fields, ids, levels; each problem with file:line:column',
  'jiaxiao rubric check <files>': 'rubric files (YAML)',
  'jiaxiao rubric check --format': `report format: ${REPORT_FORMATS}`,
  'jiaxiao rubric check --lang': LANG,

  'jiaxiao schema': 'print the JSON Schema of evidence files (draft 2020-12), for editors’ completion and checks',
  'jiaxiao schema --output': 'write it to this file (default: the screen)',
};

const HELP = 'show help';

/** The path of a command as the keys spell it: "jiaxiao rubric check". */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every key a command tree has: its commands, their arguments and options (commander's own help command aside). */
export function helpKeys(program: Command): string[] {
  const keys: string[] = [];
  const visit = (cmd: Command) => {
    const path = pathOf(cmd);
    keys.push(path);
    for (const a of cmd.registeredArguments) keys.push(`${path} <${a.name()}>`);
    for (const o of cmd.options) keys.push(`${path} ${o.long ?? o.short}`);
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
  return keys;
}

/** Puts the English descriptions in place; what has none keeps its Chinese one (test/english.test.ts finds it). */
export function toEnglish(program: Command): void {
  const visit = (cmd: Command) => {
    const path = pathOf(cmd);
    const own = ENGLISH_HELP[path];
    if (own !== undefined) cmd.description(own);
    for (const a of cmd.registeredArguments) a.description = ENGLISH_HELP[`${path} <${a.name()}>`] ?? a.description;
    for (const o of cmd.options) o.description = ENGLISH_HELP[`${path} ${o.long ?? o.short}`] ?? o.description;
    cmd.helpOption('-h, --help', HELP);
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
}
