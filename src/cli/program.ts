// Commander wiring. Returns an exit code; only main.ts exits.

import { Command, CommanderError, Option } from 'commander';
import { escapeText, textLines } from '../base/escape.js';
import { FORMAT_NAMES, FORMATS } from '../render/formats.js';
import { TEXT_WIDTH } from '../render/types.js';
import type { OutputSpec } from './commands/validate.js';
import { type Streams, UsageError } from './env.js';
import { EXIT } from './exit.js';
import { toEnglish } from './help-en.js';

// Commands are loaded when run, so that `score FILE` does not start up what `validate` or a batch needs.
const REPORT_FORMAT_NAMES = ['text', 'json', 'github', 'junit', 'markdown'];

declare const JIAXIAO_VERSION: string;

/** Commander's own words (headings, usage errors) in Chinese, unless English is asked for. */
const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};
/** The arguments commands declare, as the usage error names a missing one. */
const ARGUMENTS: Record<string, string> = {
  paths: '证据文件或文件夹',
  files: '细则文件',
  old: '上一学年的证据文件或文件夹',
  new: '本学年的证据文件或文件夹',
  input: '证据工作簿或 YAML 证据文件',
};
const ERRORS: [RegExp, string | ((...m: string[]) => string)][] = [
  [
    /^error: missing required argument '(.+)'/,
    (_m, name = '') => `错误：缺少${ARGUMENTS[name] ?? `参数 ${name}`}。用 --help 查看用法`,
  ],
  [/\(Did you mean (.+)\?\)/, '（是不是要写 $1？）'],
  [/^error: unknown option '(.+)'/, '错误：未知选项 $1。用 --help 查看可用的选项'],
  [/^error: unknown command '(.+)'/, '错误：未知命令 $1。可用：{commands}'],
  [
    /^error: option '(.+)' argument '(.+)' is invalid\. Allowed choices are (.+)\./,
    '错误：选项 $1 的值 $2 无效，可选：$3',
  ],
  [/^error: option '(.+)' argument missing/, '错误：选项 $1 缺少值'],
  [/^error: too many arguments.*/, '错误：参数过多。用 --help 查看用法'],
];

export async function run(argv: string[], io: Streams): Promise<number> {
  const langAt = argv.indexOf('--lang');
  const english = argv.includes('--lang=en') || (langAt >= 0 ? argv[langAt + 1] : io.env.JIAXIAO_LANG) === 'en';
  // The commands as the unknown-command message lists them, from the program itself.
  const commandList = () => program.commands.map((c) => c.name()).join('、');
  const program = new Command('jiaxiao')
    .description('家校共育示范学校自评细则评分工具（吴教发〔2019〕83号）')
    .version(typeof JIAXIAO_VERSION === 'string' ? JIAXIAO_VERSION : 'dev', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    // Before the command as well as after it (jiaxiao --lang en score …): handed to the command run.
    .addOption(
      new Option('--lang <lang>', '语言：zh（默认）或 en；也可设 JIAXIAO_LANG=en；写在命令前后均可').choices([
        'zh',
        'en',
      ]),
    )
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // Its text may quote the command line: escaped like every other line on a terminal.
      outputError: (text, write) =>
        write(
          textLines(
            (english
              ? text
              : ERRORS.reduce(
                  (t, [re, zh]) => (typeof zh === 'string' ? t.replace(re, zh) : t.replace(re, zh)),
                  text,
                ).replace('{commands}', commandList())
            )
              .split('\n')
              .map(escapeText),
          ),
        ),
    });
  if (!english) {
    program
      .configureHelp({
        styleTitle: (title) => TITLES[title] ?? title,
        // Choices and defaults in Chinese too.
        optionDescription: (o) => {
          const extra = [
            ...(o.argChoices ? [`可选：${o.argChoices.join('、')}`] : []),
            ...(o.defaultValue !== undefined && !o.negate ? [`默认：${String(o.defaultValue)}`] : []),
          ];
          return extra.length > 0 ? `${o.description}（${extra.join('；')}）` : o.description;
        },
      })
      .helpCommand('help [command]', '显示命令的帮助');
  }

  let code: number = EXIT.ok;
  program.hook('preAction', (_program, command) => {
    const lang = program.opts().lang;
    if (lang !== undefined && command.opts().lang === undefined) command.setOptionValue('lang', lang);
  });
  program
    .command('score')
    .description(
      '为学校评分。一个文件：按细则列出 一级指标·二级指标·评估内容·分值·自评·得分；文件夹或多个文件：全部评分并给出排名与汇总',
    )
    .argument('<paths...>', '学校证据文件（YAML 或 .xlsx 工作簿），或包含它们的文件夹')
    .option('-r, --rubric <file>', '细则文件（默认：内置的吴忠市 2019 细则）')
    .addOption(
      new Option('-f, --format <format>', `输出格式：${FORMATS.map((f) => `${f.name} ${f.help.zh}`).join('；')}`)
        .choices(FORMAT_NAMES)
        .default('table'),
    )
    .option(
      '-o, --output <file>',
      '把评分表（批量时：汇总）写入此文件，而不是输出到屏幕；不写 --format 时按扩展名选格式',
    )
    .option('--width <n>', `表格宽度（列数；默认：终端宽度，输出到文件或管道时 ${TEXT_WIDTH}）`)
    .option('-d, --details', '同时列出已通过各项的理由')
    .option('--year <year>', '批量：只计入这一学年（如 2023-2024）的学校；不给时每个学年各排一次名')
    .option('--min-score <n>', '折算分低于 n 时（批量时：任一学校低于 n）退出码为 1')
    .option('--review <file>', '复评文件（默认：证据文件旁的“文件名.review.yaml”，批量时亦然）')
    .option('--out <dir>', '批量：每所学校的评分表与汇总写入此文件夹')
    .option('--force', '允许覆盖 --out 中已有的文件')
    .option('--out-in-input', '允许 --out 位于输入文件夹之内')
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .option('--no-color', '不使用颜色')
    .helpOption('-h, --help', '显示帮助')
    .action(async (paths: string[], opts, command: Command) => {
      const { runScore } = await import('./commands/score.js');
      // -o 评分表.xlsx without --format: the format is the file's (formatGiven false).
      const formatGiven = command.getOptionValueSource('format') !== 'default';
      code = await runScore(paths, { ...opts, formatGiven }, io);
    });

  const outputs: OutputSpec[] = [];
  program
    .command('validate')
    .description('检查证据文件：结构与类型、前后一致、数据是否齐全、佐证材料是否存在且在学校文件夹内')
    .argument('<paths...>', '证据文件或文件夹（递归查找 .yaml/.yml/.xlsx）')
    .option('-r, --rubric <file>', '细则文件（默认：内置的吴忠市 2019 细则）')
    .option('--strict', '把警告当作错误')
    .option(
      '-f, --format <format>',
      `报告格式：${REPORT_FORMAT_NAMES.join('、')}；可写多次，每个后面可跟自己的 --output`,
      (format: string) => {
        outputs.push({ format });
        return format;
      },
    )
    .option('-o, --output <file>', '把前一个 --format 的报告写入文件（默认输出到屏幕）', (output: string) => {
      const last = outputs.at(-1);
      if (last && last.output === undefined) last.output = output;
      else outputs.push({ output });
      return output;
    })
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .helpOption('-h, --help', '显示帮助')
    .action(async (paths: string[], opts) => {
      const { runValidate } = await import('./commands/validate.js');
      code = await runValidate(paths, { ...opts, outputs }, io);
    });

  program
    .command('explain')
    .description(
      '解释细则：不带编号时列出一级指标、二级指标、要点及分值；带编号（如 B6、B6.2、B6.2a）时给出原文、各项核查的要求、所读的证据字段及写法示例、得分方式',
    )
    .argument('[id]', '指标、要点或核查的编号，如 B6.2')
    .option('-r, --rubric <file>', '细则文件（默认：内置的吴忠市 2019 细则）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', '写入文件（默认输出到屏幕）')
    .option('--width <n>', `文字宽度（列数；默认：终端宽度，输出到文件或管道时 ${TEXT_WIDTH}）`)
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .option('--no-color', '不使用颜色')
    .helpOption('-h, --help', '显示帮助')
    .action(async (id: string | undefined, opts) => {
      const { runExplain } = await import('./commands/explain.js');
      code = runExplain(id, opts, io);
    });

  const rubric = program.command('rubric').description('细则文件的工具').helpOption('-h, --help', '显示帮助');
  rubric
    .command('check')
    .description('检查细则文件：结构、分值合计、规则类型、证据字段、编号、等级，每个问题给出 文件:行:列')
    .argument('<files...>', '细则文件（YAML）')
    .option('-f, --format <format>', `报告格式：${REPORT_FORMAT_NAMES.join('、')}`, 'text')
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .helpOption('-h, --help', '显示帮助')
    .action(async (files: string[], opts) => {
      const { runRubricCheck } = await import('./commands/rubric-check.js');
      code = runRubricCheck(files, opts, io);
    });

  program
    .command('diff')
    .description(
      '比较两个学年：一所学校的两个证据文件，或一个区县的两个文件夹；列出各二级指标和总分的变化、新通过和新未通过的检查',
    )
    .argument('<old>', '上一学年的证据文件或文件夹')
    .argument('<new>', '本学年的证据文件或文件夹')
    .option('-r, --rubric <file>', '细则文件（默认：内置的吴忠市 2019 细则）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', '写入文件（默认输出到屏幕）')
    .option('--width <n>', `表格宽度（列数；默认：终端宽度，输出到文件或管道时 ${TEXT_WIDTH}）`)
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .option('--no-color', '不使用颜色')
    .helpOption('-h, --help', '显示帮助')
    .action(async (older: string, newer: string, opts) => {
      const { runDiff } = await import('./commands/diff.js');
      code = await runDiff(older, newer, opts, io);
    });

  program
    .command('init')
    .description('写出一份完整的证据文件模板：每个字段都有中文注释，说明含义和计入的要点；填好后用 validate 检查')
    .option(
      '-s, --stage <stage>',
      '学段：幼儿园、小学、初中、高中、九年一贯制、完全中学（或 kindergarten、primary、junior、senior、nine-year、complete）；默认：小学',
    )
    .option('-n, --name <name>', '学校名称')
    .option('-y, --year <year>', '学年，如 2023-2024（默认：今天所在的学年，9 月 1 日起算）')
    .option(
      '-o, --output <file>',
      '写入此文件（已存在时不覆盖），并在同一文件夹写入编辑器用的 evidence.schema.json；默认输出到屏幕',
    )
    .addOption(
      new Option(
        '-f, --format <format>',
        '模板格式：yaml 证据文件；xlsx Excel/WPS 工作簿（-o 以 .xlsx 结尾时默认）',
      ).choices(['yaml', 'xlsx']),
    )
    .option('-r, --rubric <file>', '细则文件（默认：内置的吴忠市 2019 细则）')
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts) => {
      const { runInit } = await import('./commands/init.js');
      code = await runInit(opts, io);
    });

  program
    .command('convert')
    .description('证据工作簿（.xlsx）与 YAML 证据文件互相转换：转换后读回的证据与原来相同')
    .argument('<input>', '证据工作簿（.xlsx）或 YAML 证据文件')
    .option('-o, --output <file>', '输出文件：.yaml 或 .xlsx（已存在时不覆盖）')
    .option('-r, --rubric <file>', '细则文件（工作簿中“计入要点”与自评各行；默认：内置的吴忠市 2019 细则）')
    .option('--force', '允许覆盖已有的输出文件')
    .addOption(new Option('--lang <lang>', '语言').choices(['zh', 'en']))
    .helpOption('-h, --help', '显示帮助')
    .action(async (input: string, opts) => {
      const { runConvert } = await import('./commands/convert.js');
      code = await runConvert(input, opts, io);
    });

  program
    .command('schema')
    .description('输出证据文件的 JSON Schema（draft 2020-12），供编辑器补全和检查')
    .option('-o, --output <file>', '写入文件（默认输出到屏幕）')
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts) => {
      const { runSchema } = await import('./commands/schema.js');
      code = runSchema(opts, io);
    });

  if (english) toEnglish(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.failed;
    if (e instanceof UsageError) {
      // Its message may name files and folders found on disk: escaped like every other line on a terminal.
      io.err(`jiaxiao: ${escapeText(e.message)}\n`);
      return EXIT.failed;
    }
    throw e;
  }
}
