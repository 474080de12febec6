// Problem messages in Chinese and English: templates over a problem's params. Each says what is wrong and
// what to write instead.

import { escapeText, textLine } from '../base/escape.js';
import { EXCERPT_CHARS, excerpt, type Problem } from '../base/problem.js';

export type Lang = 'zh' | 'en';
type P = Problem['params'];
type Template = (p: P) => string;

/** What a path is when it is not a regular file (see specialKind in src/io/paths.ts). */
const KIND_ZH: Record<string, string> = {
  fifo: '命名管道',
  device: '设备文件',
  socket: '套接字',
  symlink: '符号链接',
  other: '特殊文件',
};
const KIND_EN: Record<string, string> = {
  fifo: 'a FIFO',
  device: 'a device',
  socket: 'a socket',
  symlink: 'a symbolic link',
  other: 'a special file',
};

/** What Notepad calls a UTF-16 encoding in its Save As dialog. */
const notepadName = (p: P) => (p.encoding === 'UTF-16BE' ? 'Unicode big endian' : 'Unicode');

/** The keys or values meant, each with its label: instructors（家庭教育指导师人数）或 …; params joined by "|". */
const meantList = (p: P, label: 'suggestionZh' | 'suggestionEn') => {
  const labels = String(p[label] ?? '').split('|');
  return String(p.suggestion ?? '')
    .split('|')
    .map((key, i) =>
      label === 'suggestionZh'
        ? `${key}（${labels[i] ?? ''}）`
        : `${key} (${labels[i] ?? ''}, ${String(p.suggestionZh ?? '').split('|')[i] ?? ''})`,
    );
};
const meantZh = (p: P) => meantList(p, 'suggestionZh').join(' 或 ');
const meantEn = (p: P) => meantList(p, 'suggestionEn').join(' or ');

/** A value's kind as a clerk would call it, not as JavaScript does (array, record). */
const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: ' true/false', en: 'true/false' },
  array: { zh: '列表（每项一行 - ，或写在 [ ] 中）', en: 'a list (- items, or [ ])' },
  object: { zh: '一组字段（字段名: 值）', en: 'a group of fields (key: value)' },
  record: { zh: '一组“名称: 值”', en: 'a group of name: value pairs' },
};
const typeName = (t: unknown, lang: Lang): string =>
  TYPE_NAMES[String(t)]?.[lang] ?? (lang === 'zh' ? ` ${String(t)}` : String(t));

/** Why two files are one school (report/same-school.ts): the same 学校标识码, or the same county and name. */
const sameBy = (p: P, lang: 'zh' | 'en'): string =>
  p.code
    ? lang === 'zh'
      ? `学校标识码 ${p.code} 相同`
      : `the same school code ${p.code}`
    : lang === 'zh'
      ? '同一区县、同一校名'
      : 'the same county and name';

const MESSAGES: Record<string, { zh: Template; en: Template }> = {
  'file.empty': {
    zh: () => '文件是空的。可用 jiaxiao init 生成一份完整的证据文件模板，照着填写',
    en: () => 'the file is empty; `jiaxiao init` writes a complete evidence template to fill in',
  },
  'file.tooLarge': {
    zh: (p) => `文件过大（${p.size} 字节，上限 ${p.max} 字节），不像是一所学校的证据文件`,
    en: (p) =>
      `the file is too large (${p.size} bytes, limit ${p.max}); it does not look like one school's evidence file`,
  },
  'file.binary': {
    zh: () => '这是二进制文件，不是 YAML 文本。请提交 .yaml 文本文件',
    en: () => 'this is a binary file, not YAML text; submit the .yaml text file',
  },
  'file.encoding': {
    zh: () =>
      '从这里起的文字既不是 UTF-8 也不是 GB18030/GBK 编码（多半是从别的文档粘贴来的）。请重新输入这一处，再把文件另存为 UTF-8',
    en: () =>
      'the text from here is neither UTF-8 nor GB18030/GBK (most likely pasted from another document); retype it, then save the file as UTF-8',
  },
  'file.gb18030': {
    zh: () => '文件是 GB18030/GBK 编码，已按此解码。建议另存为 UTF-8',
    en: () => 'the file is GB18030/GBK-encoded and was decoded as such; saving it as UTF-8 is recommended',
  },
  'file.utf16': {
    zh: (p) =>
      `文件是 ${p.encoding} 编码（记事本中的“${notepadName(p)}”），已按此解码。建议另存为 UTF-8：记事本“另存为”，编码选“UTF-8”`,
    en: (p) =>
      `the file is ${p.encoding}-encoded (Notepad's "${notepadName(p)}") and was decoded as such; saving it as UTF-8 is recommended (Notepad: Save As, Encoding: UTF-8)`,
  },
  'file.utf16Broken': {
    zh: (p) =>
      `文件像是 ${p.encoding} 编码（记事本的“Unicode”），但其中有不完整的字符，无法解码。请在记事本中“另存为”，编码选“UTF-8”，再提交`,
    en: (p) =>
      `the file looks ${p.encoding}-encoded (Notepad's "Unicode") but holds incomplete characters and cannot be decoded; in Notepad choose Save As, Encoding: UTF-8, and submit that`,
  },
  'file.notEvidence': {
    zh: () => '这不是证据文件：顶层应有 school、year、terms 等字段。可用 jiaxiao init 生成完整的模板对照',
    en: () =>
      'this is not an evidence file: expected school, year, terms… at the top level; `jiaxiao init` writes a complete template to compare with',
  },
  'yaml.fullWidthColon': {
    zh: (p) => `使用了全角冒号“：”${p.key ? `（${p.key}）` : ''}。请改为半角冒号加空格，如 ${p.key || 'key'}: 值`,
    en: (p) =>
      `full-width colon "：" used${p.key ? ` after ${p.key}` : ''}; write an ASCII colon and a space: ${p.key || 'key'}: value`,
  },
  'file.notRubric': {
    zh: () => '这不是细则文件：顶层应有 schemaVersion、id、name、total、groups。证据文件请用 jiaxiao validate 检查',
    en: () => 'this is not a rubric file: expected schemaVersion, id, name, total, groups at the top level',
  },
  'yaml.noSpaceAfterColon': {
    zh: (p) => `冒号后缺少空格。请写成 ${p.key}: 值（半角冒号后加一个空格）`,
    en: (p) => `no space after the colon; write ${p.key}: value`,
  },
  'yaml.fullWidthComma': {
    zh: () =>
      '使用了全角逗号“，”分隔列表。请改为半角逗号加空格，如 [2023-09-08, 2024-03-01]；若逗号是文字的一部分，请给这段文字加引号',
    en: () =>
      'a full-width comma "，" separates the list; use an ASCII comma and a space, or quote the text if the comma belongs to it',
  },
  'yaml.fullWidthBracket': {
    zh: (p) => `使用了全角括号“${p.char}”。请改为半角的 [ ] 或 { }`,
    en: (p) => `a full-width bracket "${p.char}"; use ASCII [ ] or { }`,
  },
  'yaml.indent': {
    zh: () => '缩进不对：同一层的字段要左对齐，用同样多的半角空格缩进',
    en: () =>
      'bad indentation: keys of one level must start in the same column, indented with the same number of spaces',
  },
  'yaml.badStart': {
    zh: () => '值不能以 @ 或 ` 等符号开头。请给这个值加引号，如 "@某某"',
    en: () => 'a value cannot start with @ or `; put it in quotes',
  },
  'yaml.keyValue': {
    zh: () => '这一行不是“字段: 值”的写法。字段名和值写在同一行，中间是半角冒号加一个空格',
    en: () =>
      'this line is not "key: value"; write the key and its value on one line, separated by a colon and a space',
  },
  'yaml.unclosed': {
    zh: () => '方括号 [ ] 或花括号 { } 没有配对，或其中的内容换行时缩进不够。请检查这一行和上一行',
    en: () =>
      'a [ ] or { } is not closed, or its continuation lines are not indented enough; check this line and the one before',
  },
  'yaml.multipleDocs': {
    zh: () => '文件里有多个 YAML 文档（---）。一所学校一个学年一个文件',
    en: () => 'the file holds several YAML documents (---); one school and year per file',
  },
  'yaml.tabIndent': {
    zh: () => '用 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成两个空格',
    en: () => 'indented with a tab; YAML indents with spaces only: use two spaces',
  },
  'yaml.oddSpaceIndent': {
    zh: (p) => `缩进中有全角空格或不换行空格（${p.char}）。请改为半角空格`,
    en: (p) => `the indentation contains a full-width or non-breaking space (${p.char}); use ASCII spaces`,
  },
  'yaml.oddSpaceAfterColon': {
    zh: (p) => `冒号后是全角空格或不换行空格（${p.char}）。请改为半角空格`,
    en: (p) => `a full-width or non-breaking space (${p.char}) follows the colon; use an ASCII space`,
  },
  'yaml.duplicateKey': {
    zh: (p) => `字段${p.key ? ` ${p.key} ` : ''}重复出现。每个字段只能写一次，请删除或合并重复的一行`,
    en: (p) => `duplicate key${p.key ? ` ${p.key}` : ''}; each key may appear once: remove or merge the repeated line`,
  },
  'yaml.tooDeep': {
    zh: (p) =>
      `嵌套超过 ${p.max} 层（方括号、花括号、缩进或“- ”“? ”层层套叠），已停止读取。多半是括号没有闭合；证据文件只需要几层`,
    en: (p) =>
      `nested more than ${p.max} levels deep (brackets, braces, indentation or "- "/"? " inside one another); reading stopped. Most likely a bracket is not closed; evidence needs only a few levels`,
  },
  'file.moreProblems': {
    zh: (p) => `…… 另有 ${p.count} 个问题未列出（${p.errors} 个错误，${p.warnings} 个警告）。先改正上面的问题再检查`,
    en: (p) =>
      `… and ${p.count} more problems not listed (${p.errors} errors, ${p.warnings} warnings); mend those above and check again`,
  },
  'yaml.aliasBomb': {
    zh: () => 'YAML 别名（&/*）展开过多，已拒绝读取。请直接写出数据，不要用别名',
    en: () => 'too many YAML alias expansions; refused. Write the data out without aliases',
  },
  'yaml.unclosedBracket': {
    zh: (p) => `这里的“${p.open}”没有配对的“${p.close}”。请补上“${p.close}”；跨行书写时，续行要比字段名缩进更多`,
    en: (p) =>
      `this "${p.open}" has no matching "${p.close}"; close it, and indent continuation lines further than the key`,
  },
  'yaml.undefinedAlias': {
    zh: (p) => `别名 *${p.name} 没有对应的锚点 &${p.name}。请直接写出数据；若 * 是文字的一部分，请给文字加引号`,
    en: (p) => `the alias *${p.name} refers to no anchor &${p.name}; write the data out, or quote the text`,
  },
  'yaml.tag': {
    zh: (p) => `“${p.tag}”是 YAML 标签，证据文件不使用标签，已拒绝读取。请删去“${p.tag}”，直接写值`,
    en: (p) => `"${p.tag}" is a YAML tag; evidence files use no tags, so it was refused: remove it and write the value`,
  },
  'yaml.complexKey': {
    zh: () => '字段名不能是列表或映射（? [ … ] 或 [ … ]: 的写法）。请写成“字段名: 值”',
    en: () => 'a key cannot be a list or a mapping (? [ … ] or [ … ]:); write "key: value"',
  },
  'yaml.nullKey': {
    zh: () => '字段名是空的（~ 或 null）。请写出字段名，如 students: 1200',
    en: () => 'the key is empty (~ or null); write the key, e.g. students: 1200',
  },
  'yaml.protoKey': {
    zh: () => '字段名 __proto__ 不能使用。请删去这一项',
    en: () => 'the key __proto__ is not allowed; remove it',
  },
  'yaml.version': {
    zh: (p) =>
      `文件要求按 YAML ${p.version} 读取，本工具只按 YAML 1.2 读取（yes/no 不是 true/false，0 开头的数字不是八进制）。请删去 %YAML 这一行`,
    en: (p) =>
      `the file asks for YAML ${p.version}; jiaxiao reads YAML 1.2 only (yes/no are not booleans, a leading 0 is not octal): remove the %YAML line`,
  },
  'yaml.afterEnd': {
    zh: (p) => `第 ${p.endLine} 行的“...”表示文件到此结束，其后的内容不会被读取。请删去“...”这一行，或删去其后的内容`,
    en: (p) =>
      `the "..." on line ${p.endLine} ends the document, so what follows would not be read; remove the "..." line or what follows it`,
  },
  'number.notFinite': {
    zh: (p) =>
      /^[-+]?\.(inf|nan)$/i.test(String(p.input))
        ? `“${p.input}”在 YAML 中表示无穷大或“非数”，不是具体的数。请写具体的数字`
        : `“${p.input}”超出数字范围，被读作无穷大。请写具体的数字`,
    en: (p) =>
      /^[-+]?\.(inf|nan)$/i.test(String(p.input))
        ? `"${p.input}" means infinity or not-a-number in YAML; write an actual number`
        : `"${p.input}" is beyond the range of numbers and reads as infinity; write an actual number`,
  },
  'number.octal': {
    zh: (p) => `“${p.input}”被读作八进制数 ${p.value}。请写十进制数字，如 ${p.value}`,
    en: (p) => `"${p.input}" reads as the octal number ${p.value}; write decimal digits, e.g. ${p.value}`,
  },
  'number.hex': {
    zh: (p) => `“${p.input}”被读作十六进制数 ${p.value}。请写十进制数字，如 ${p.value}`,
    en: (p) => `"${p.input}" reads as the hexadecimal number ${p.value}; write decimal digits, e.g. ${p.value}`,
  },
  'number.leadingZero': {
    zh: (p) =>
      `“${p.input}”以 0 开头${p.octal !== undefined ? `，有的工具会读作八进制数 ${p.octal}` : ''}。请去掉开头的 0，写 ${p.suggestion}`,
    en: (p) =>
      `"${p.input}" starts with 0${p.octal !== undefined ? ` (some tools read it as the octal number ${p.octal})` : ''}; drop the leading 0: ${p.suggestion}`,
  },
  'number.tooLarge': {
    zh: (p) => `“${p.input}”太大，超出能精确读取的范围（最大 ${p.max}），会被读成近似值。请核对这个数字`,
    en: (p) => `"${p.input}" is too large to be read exactly (the maximum is ${p.max}); check the number`,
  },
  'code.quote': {
    zh: (p) => `“${p.input}”没有加引号，会被当作数字读取（开头的 0 会丢失）。学校标识码请加引号：code: "${p.input}"`,
    en: (p) => `${p.input} without quotes reads as a number (losing leading zeros); quote the code: code: "${p.input}"`,
  },
  'yaml.syntax': {
    // The parser's own words, kept for English; in Chinese they would only confuse.
    zh: () => 'YAML 格式错误。请检查这一行的缩进、冒号和引号，或对照 jiaxiao init 生成的模板',
    en: (p) => `YAML syntax error: ${p.detail}; check indentation and colons`,
  },
  'key.unknown': {
    zh: (p) => `未知字段 ${p.key}。可用的字段：${p.known}`,
    en: (p) => `unknown key ${p.key}; known keys: ${p.known}`,
  },
  'key.chinese': {
    zh: (p) => `未知字段 ${p.key}。字段名要写英文：写作 ${meantZh(p)}`,
    en: (p) => `unknown key ${p.key}; keys are English: write ${meantEn(p)}`,
  },
  'value.chinese': {
    zh: (p) => `“${p.input}”要写英文名称：写作 ${meantZh(p)}`,
    en: (p) => `"${p.input}" is written by its English name: ${meantEn(p)}`,
  },
  'key.unknownSuggest': {
    zh: (p) => `未知字段 ${p.key}，是否应为 ${p.suggestion}？`,
    en: (p) => `unknown key ${p.key}; did you mean ${p.suggestion}?`,
  },
  'value.required': { zh: () => '缺少此项', en: () => 'this field is required' },
  'value.empty': { zh: () => '值是空的', en: () => 'the value is empty' },
  'value.fullWidthDigits': {
    zh: (p) => `“${p.input}”是全角数字。请写半角数字 ${p.suggestion}`,
    en: (p) => `"${p.input}" has full-width digits; write ${p.suggestion}`,
  },
  'value.unit': {
    zh: (p) => `“${p.input}”带了单位。只写数字：${p.suggestion}`,
    en: (p) => `"${p.input}" includes a unit; write the number only: ${p.suggestion}`,
  },
  'value.percent': {
    zh: (p) => `“${p.input}”是百分比。请填写原始数量（如人数），比例由工具计算`,
    en: (p) => `"${p.input}" is a percentage; give the raw count, the tool computes the rate`,
  },
  'value.quotedNumber': {
    zh: (p) => `“${p.input}”加了引号，成了文字。数字不加引号：写 ${p.suggestion}`,
    en: (p) => `"${p.input}" is quoted, so it is text; write the number without quotes: ${p.suggestion}`,
  },
  'value.underscore': {
    zh: (p) => `“${p.input}”中有下划线，不是数字（YAML 1.2 不认数字中的下划线）。请写 ${p.suggestion}`,
    en: (p) => `"${p.input}" has underscores, so it is not a number in YAML 1.2; write ${p.suggestion}`,
  },
  'value.quotedBoolean': {
    zh: (p) => `“${p.input}”加了引号，成了文字。请去掉引号：写 ${p.suggestion}`,
    en: (p) => `"${p.input}" is quoted, so it is text; write ${p.suggestion} without quotes`,
  },
  'value.enumSuggest': {
    zh: (p) => `“${p.input}”不是可选值，是否应为 ${p.suggestion}？`,
    en: (p) => `"${p.input}" is not allowed; did you mean ${p.suggestion}?`,
  },
  'value.notNumber': { zh: (p) => `“${p.input}”不是数字`, en: (p) => `"${p.input}" is not a number` },
  'value.yesNo': {
    zh: (p) => `“${p.input}”不是 true/false。请写 ${p.suggestion}`,
    en: (p) => `"${p.input}" is not true/false; write ${p.suggestion}`,
  },
  'value.type': {
    zh: (p) => `类型不对：应为${typeName(p.expected, 'zh')}，实际写的是${typeName(p.received, 'zh')}`,
    en: (p) => `wrong type: expected ${typeName(p.expected, 'en')}, got ${typeName(p.received, 'en')}`,
  },
  'value.integer': {
    zh: (p) => `“${p.input ?? ''}”应为整数`,
    en: (p) => `"${p.input ?? ''}" must be a whole number`,
  },
  'value.min': {
    zh: (p) => `${p.input} 太小，不能小于 ${p.minimum}`,
    en: (p) => `${p.input} is too small; the minimum is ${p.minimum}`,
  },
  'value.above': {
    zh: (p) => `${p.input} 太小，必须大于 ${p.minimum}`,
    en: (p) => `${p.input} is too small; it must be greater than ${p.minimum}`,
  },
  'value.max': {
    zh: (p) => `${p.input} 太大，不能大于 ${p.maximum}`,
    en: (p) => `${p.input} is too large; the maximum is ${p.maximum}`,
  },
  'value.tooFew': {
    zh: (p) => `至少要写 ${p.minimum} 项`,
    en: (p) => `at least ${p.minimum} entries are needed`,
  },
  'value.tooMany': {
    zh: (p) => `最多只能写 ${p.maximum} 项`,
    en: (p) => `at most ${p.maximum} entries are allowed`,
  },
  'value.enum': {
    // Without options where the field's hint lists them (in Chinese, with each value's name).
    zh: (p) => `“${p.input}”不是可选值${p.options ? `。可选：${p.options}` : ''}`,
    en: (p) => `"${p.input}" is not allowed${p.options ? `; choose one of: ${p.options}` : ''}`,
  },
  'value.format': {
    zh: (p) => `“${p.input}”格式不对`,
    en: (p) => `"${p.input}" is not in the expected form`,
  },
  'value.date': { zh: (p) => `“${p.input}”不是有效日期`, en: (p) => `"${p.input}" is not a valid date` },
  'value.dateForm': {
    zh: (p) => `日期“${p.input}”请写成 ${p.suggestion}`,
    en: (p) => `write the date "${p.input}" as ${p.suggestion}`,
  },
  'value.controlChar': {
    zh: (p) => `第 ${p.index} 个字符是控制字符 ${p.char}（看不见，却能改动屏幕和日志的显示），请删去`,
    en: (p) =>
      `character ${p.index} is the control character ${p.char} (invisible, yet it can alter screens and logs); remove it`,
  },
  'value.invalid': { zh: (p) => `值无效：${p.detail}`, en: (p) => `invalid value: ${p.detail}` },
  'ledger.dateOrDates': {
    zh: () => '每条台账写 date（一个日期）或 dates（日期列表）二者之一',
    en: () => 'give each ledger entry either date (one date) or dates (a list), not both or neither',
  },
  'year.invalid': {
    zh: (p) => `学年“${p.input}”应为相邻两年，如 2023-2024`,
    en: (p) => `academic year "${p.input}" must be two consecutive years, e.g. 2023-2024`,
  },
  'date.outsideYear': {
    zh: (p) => `日期 ${p.date} 不在 ${p.year} 学年内（${p.from} 至 ${p.to}）。请核对年份`,
    en: (p) => `${p.date} is outside the academic year ${p.year} (${p.from} to ${p.to}); check the year`,
  },
  'date.outsideTerms': {
    zh: (p) => `日期 ${p.date} 不在任何学期内，按学期或教学月统计时不计入`,
    en: (p) => `${p.date} lies in no term; it does not count for any term or teaching month`,
  },
  'date.outsideTermsMore': {
    zh: (p) => `另有 ${p.more} 个台账日期不在任何学期内（共 ${p.total} 个）。请先核对两个学期的起止日期`,
    en: (p) =>
      `${p.more} more ledger dates lie in no term (${p.total} in all); check the terms' start and end dates first`,
  },
  'term.order': {
    zh: (p) => `结束日期 ${p.end} 早于开始日期 ${p.start}`,
    en: (p) => `the end ${p.end} is before the start ${p.start}`,
  },
  'term.overlap': {
    zh: (p) => `第二学期开始日期 ${p.start} 不晚于第一学期结束日期 ${p.end}。两个学期按先后写，且不能重叠`,
    en: (p) => `term 2 starts on ${p.start}, not after term 1 ends (${p.end}); list the terms in order without overlap`,
  },
  'count.over': {
    zh: (p) => `${p.part} 大于${p.wholeZh} ${p.whole}，两者矛盾。请核对`,
    en: (p) => `${p.part} exceeds ${p.wholeEn} ${p.whole}; they contradict each other`,
  },
  'code.form': {
    zh: (p) => `学校标识码“${p.input}”应为 10 位数字`,
    en: (p) => `school code "${p.input}" should be 10 digits`,
  },
  'code.stage': {
    zh: (p) => `学校标识码 ${p.code} 的类别 ${p.category} 与学段 ${p.stage} 不符。请核对`,
    en: (p) => `school code ${p.code} has category ${p.category}, which does not fit the stage ${p.stage}`,
  },
  'self.unknownIndicator': {
    zh: (p) =>
      `自评中的 ${p.id} 不是本细则的二级指标${p.suggestion ? `，是否应为 ${p.suggestion}？` : `。可用：${p.known}`}`,
    en: (p) =>
      `${p.id} in selfScores is not an indicator of this rubric${p.suggestion ? `; did you mean ${p.suggestion}?` : `; known: ${p.known}`}`,
  },
  'self.range': {
    zh: (p) => `${p.id} 自评 ${p.value} 分超出范围：应在 0 到 ${p.points} 分之间`,
    en: (p) => `self-score ${p.value} for ${p.id} is out of range: 0 to ${p.points}`,
  },
  'rubric.duplicateId': {
    zh: (p) => `编号 ${p.id} 重复（第 ${p.first} 行已用过）`,
    en: (p) => `id ${p.id} is used twice (first on line ${p.first})`,
  },
  'rubric.pointsSum': {
    zh: (p) => `${p.what} 的下级分值合计 ${p.sum}，与其分值 ${p.points} 不符`,
    en: (p) => `the parts of ${p.what} add up to ${p.sum}, not its ${p.points} points`,
  },
  'rubric.sharesSum': {
    zh: (p) => `指定的下级分值（${p.child}）合计 ${p.fixed}，与分值 ${p.points} 不符，或没有留给其余各项的分值`,
    en: (p) => `the fixed points of the ${p.child} (${p.fixed}) do not fit within ${p.points}`,
  },
  'rubric.unknownRule': {
    zh: (p) => `未知的规则类型 ${p.rule}。可用：${p.known}`,
    en: (p) => `unknown rule kind ${p.rule}; known: ${p.known}`,
  },
  'rubric.unknownRuleSuggest': {
    zh: (p) => `未知的规则类型 ${p.rule}，是否应为 ${p.suggestion}？`,
    en: (p) => `unknown rule kind ${p.rule}; did you mean ${p.suggestion}?`,
  },
  'rubric.unknownField': {
    zh: (p) => `证据文件中没有字段 ${p.field}`,
    en: (p) => `the evidence file has no field ${p.field}`,
  },
  'rubric.fieldKind': {
    zh: (p) => `字段 ${p.field} 的类型是 ${p.actual}，此规则需要 ${p.expected}`,
    en: (p) => `field ${p.field} holds ${p.actual}; this rule needs ${p.expected}`,
  },
  'missing.field': {
    zh: (p) => `未填写。${p.check} 需要此项，缺少时该项不得分`,
    en: (p) => `not given; ${p.check} needs it and fails without it`,
  },
  'template.placeholder': {
    zh: () => '仍是模板中的示例值（注释中有“【待填】”）。请改为本校的实际数据，再删去“【待填】”',
    en: () =>
      'still the template\'s example value (marked 【待填】, "to fill", in its comment); write your school\'s own and delete the mark',
  },
  'missing.records': {
    zh: (p) =>
      `台账中没有“${p.typesZh}”记录。${p.check} 需要，缺少时该项不得分；在 ledger 中添加 type: ${p.types} 的记录`,
    en: (p) => `the ledger has no ${p.typesEn} records; ${p.check} needs them (add entries with type: ${p.types})`,
  },
  'attachment.absolute': {
    zh: (p) => `“${p.ref}”是绝对路径。请写相对于本证据文件所在文件夹的路径，如 佐证/讲座签到表.pdf`,
    en: (p) => `"${p.ref}" is an absolute path; give it relative to this evidence file's folder`,
  },
  'attachment.escapes': {
    zh: (p) => `“${p.ref}”指向学校文件夹之外。佐证材料须放在本证据文件所在的文件夹内`,
    en: (p) => `"${p.ref}" points outside the school's folder; supporting files must lie inside it`,
  },
  'attachment.missing': {
    zh: (p) => `找不到佐证材料“${p.ref}”。请核对文件名，或把文件放进本证据文件所在的文件夹`,
    en: (p) => `supporting file "${p.ref}" not found; check the name or put the file in this evidence file's folder`,
  },
  'attachment.linkEscapes': {
    zh: (p) => `“${p.ref}”是指向学校文件夹之外的符号链接。请放入文件本身`,
    en: (p) => `"${p.ref}" is a symbolic link pointing outside the school's folder; put the file itself there`,
  },
  'attachment.folder': {
    zh: (p) => `“${p.ref}”是文件夹，不是文件。请写出具体的佐证文件，如 佐证/讲座签到表.pdf`,
    en: (p) => `"${p.ref}" is a folder, not a file; name the supporting file itself, e.g. 佐证/讲座签到表.pdf`,
  },
  'attachment.notFile': {
    zh: (p) => `“${p.ref}”不是普通文件（${KIND_ZH[String(p.kind)] ?? p.kind}）。佐证材料须是学校文件夹内的普通文件`,
    en: (p) =>
      `"${p.ref}" is not a regular file (${KIND_EN[String(p.kind)] ?? p.kind}); supporting files must be regular files in the school's folder`,
  },
  'attachment.hardLink': {
    zh: (p) =>
      `“${p.ref}”是硬链接（同一文件共有 ${p.links} 个名字），其他名字可能在学校文件夹之外。请放入文件的副本，而不是硬链接`,
    en: (p) =>
      `"${p.ref}" is a hard link (the file has ${p.links} names); another may lie outside the school's folder: put a copy there instead`,
  },
  'rubric.partialPoints': {
    zh: (p) =>
      `${p.id} 最多可得 ${p.most} 分（最高一档），但它在细则中占 ${p.points} 分。请给这项核查写 points: ${p.most}，或调整各档分值`,
    en: (p) =>
      `${p.id} earns at most ${p.most} (its top tier) but is worth ${p.points} here; give it points: ${p.most}`,
  },
  'rubric.nestedStages': {
    zh: (p) => `${p.id} 是组合核查的一部分，不能单独限定学段。请把 appliesTo / notApplicableTo 写在外层核查上`,
    en: (p) => `${p.id} is part of a combined check and cannot have stages of its own; put them on the outer check`,
  },
  'rubric.tierShadowed': {
    zh: (p) =>
      `这一档（${p.tier}）永远轮不到：满足它的值都已被前面的第 ${p.n} 档（${p.prev}）取走。分档按顺序判断，请从要求最高的写起`,
    en: (p) =>
      `this tier (${p.tier}) can never be reached: every value meeting it already meets tier ${p.n} (${p.prev}) before it; list tiers from the most demanding`,
  },
  'rubric.tierPercent': {
    zh: (p) => `这一档（${p.tier}）是百分比，而百分比在 0–100 之间，永远达不到`,
    en: (p) => `this tier (${p.tier}) is a percentage, which lies within 0–100: it can never be reached`,
  },
  'rubric.atLeastTooMany': {
    zh: (p) => `要求至少满足 ${p.k} 项，但只列了 ${p.n} 项，永远达不到。请把 k 改为不超过 ${p.n}`,
    en: (p) => `at least ${p.k} required but only ${p.n} listed: it can never pass; make k at most ${p.n}`,
  },
  'rubric.byLevelOrder': {
    zh: (p) =>
      `${p.level}（${p.points} 分）比${p.lower}（${p.lowerPoints} 分）低。按“县级及以上”取最高级别计分，请让级别越高分值越高`,
    en: (p) =>
      `${p.level} (${p.points}) is worth less than ${p.lower} (${p.lowerPoints}); the highest level counts, so make higher levels worth more`,
  },
  'rubric.labelNumber': {
    zh: (p) =>
      `说明“${p.label}”中的数字 ${p.number} 不是这项核查的参数，评分表会把错误的要求告诉学校。请让说明与参数一致`,
    en: (p) =>
      `the number ${p.number} in the label "${p.label}" is none of the check's parameters; make the label match them`,
  },
  'rubric.stageBoth': {
    zh: (p) => `学段 ${p.stages} 同时写在 appliesTo 和 notApplicableTo 中。请只写在其中一处`,
    en: (p) => `stage ${p.stages} is in both appliesTo and notApplicableTo; name it in one of them`,
  },
  'rubric.bonusItemOverCap': {
    zh: (p) => `加分项 ${p.id} 的分值 ${p.points} 超过加分上限 ${p.cap}，永远得不到全部分值`,
    en: (p) => `bonus item ${p.id} is worth ${p.points}, more than the cap ${p.cap}: it can never count in full`,
  },
  'rubric.notesEn': {
    zh: (p) => `有 ${p.en} 条英文说明，而 notes 有 ${p.notes} 条。请一条说明配一条英文，顺序相同`,
    en: (p) => `${p.en} English notes for ${p.notes} notes; give one for each note, in the same order`,
  },
  'rubric.bonusCapOverTotal': {
    zh: (p) => `加分上限 ${p.cap} 超过细则总分 ${p.total}。请核对上限`,
    en: (p) => `the bonus cap ${p.cap} exceeds the rubric's total ${p.total}; check the cap`,
  },
  'rubric.denies': {
    zh: (p) => `denies 写的是 ${p.input}：应写 all（小写，否决全部等级）或等级名称的列表，如 [示范, 卓越]`,
    en: (p) => `denies is ${p.input}: write all (lower case: every level) or a list of level names, e.g. [示范, 卓越]`,
  },
  'rubric.deductionHow': {
    zh: (p) => `扣分项 ${p.id} 既没有 check 也没有 per。请写其一：check（不满足时扣分）或 per（按数量扣分）`,
    en: (p) => `deduction ${p.id} has neither check nor per; give one of them`,
  },
  'rubric.unknownLevel': {
    zh: (p) => `等级“${p.name}”不在 levels 中。请写 levels 中的等级名，或写 all`,
    en: (p) => `level "${p.name}" is not among the levels; name one of them, or write all`,
  },
  'rubric.duplicateLevel': { zh: (p) => `等级“${p.name}”重复`, en: (p) => `level "${p.name}" is declared twice` },
  'rubric.levelOrder': {
    zh: (p) =>
      `等级“${p.name}”的最低分 ${p.min} 不高于前一等级“${p.prev}”的 ${p.prevMin}，永远达不到。请从低到高排列，分数递增`,
    en: (p) =>
      `level "${p.name}" starts at ${p.min}, not above "${p.prev}" (${p.prevMin}): it can never be reached; list levels from the lowest, rising`,
  },
  'rubric.levelUnreachable': {
    zh: (p) =>
      `等级“${p.name}”要求${p.basis} ≥ ${p.min}，但${p.basis}最高只能是 ${p.best}${p.stage ? `（${p.stage}，含加分）` : '（含加分）'}，永远达不到`,
    en: (p) =>
      `level "${p.name}" needs ${p.min}, but the best possible score is ${p.best} (bonus included): it can never be reached`,
  },
  // Evidence workbooks (.xlsx): what cannot be read, and cells worded for dropdowns.
  'workbook.notXlsx': {
    zh: () => '这不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”，或提交 .yaml 证据文件',
    en: () =>
      'this is not an Excel workbook (.xlsx); save it as "Excel Workbook (*.xlsx)", or submit a .yaml evidence file',
  },
  'workbook.xls': {
    zh: () =>
      '这是旧版 Excel 97-2003 工作簿（.xls），不能读取。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”',
    en: () =>
      'this is an old Excel 97-2003 workbook (.xls), which cannot be read; open it and save it as "Excel Workbook (*.xlsx)"',
  },
  'workbook.encrypted': {
    zh: () =>
      '工作簿设了打开密码（已加密），不能读取。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后保存',
    en: () =>
      'the workbook is password-protected (encrypted) and cannot be read; open it, remove the password (File → Info → Protect Workbook → Encrypt with Password) and save',
  },
  'workbook.ods': {
    zh: () => '这是 OpenDocument 表格（.ods）。请另存为“Excel 工作簿（*.xlsx）”',
    en: () => 'this is an OpenDocument spreadsheet (.ods); save it as "Excel Workbook (*.xlsx)"',
  },
  'workbook.corrupt': {
    zh: (p) => `工作簿已损坏，读不出来（${p.detail}）。请在 Excel 或 WPS 中打开后重新保存，或重新下载`,
    en: (p) => `the workbook is damaged and cannot be read (${p.detail}); open and save it again, or download it again`,
  },
  'workbook.tooLarge': {
    zh: () => '工作簿解压后过大（或含太多部件），不像是一所学校的证据工作簿。请删去多余的工作表、图片和空行',
    en: () =>
      'the workbook is too large once unpacked (or has too many parts) for one school’s evidence; remove extra sheets, pictures and blank rows',
  },
  'workbook.tooManyRows': {
    zh: (p) => `工作表“${p.sheet}”有内容的行超过 ${p.max} 行，不像是一所学校一个学年的证据。请删去多余的行`,
    en: (p) =>
      `the sheet "${p.sheet}" has more than ${p.max} rows with content, too many for one school’s year; remove extra rows`,
  },
  'workbook.notEvidence': {
    zh: (p) =>
      `这不是证据工作簿：没有“台账”工作表（工作表有：${p.sheets || '无'}）。请用 jiaxiao 的证据模板填写，或提交 .yaml 证据文件`,
    en: (p) =>
      `this is not an evidence workbook: it has no 台账 (ledger) sheet (its sheets: ${p.sheets || 'none'}); fill in jiaxiao's evidence template, or submit a .yaml evidence file`,
  },
  'workbook.missingSheet': {
    zh: (p) => `缺少工作表“${p.sheet}”。请从证据模板中复制这张工作表`,
    en: (p) => `the sheet "${p.sheet}" is missing; copy it from the evidence template`,
  },
  'workbook.noHeader': {
    zh: (p) => `工作表“${p.sheet}”中找不到表头（应有：${p.headers}）。请恢复模板中的表头行`,
    en: (p) =>
      `no header row found in the sheet "${p.sheet}" (expected: ${p.headers}); restore the template's header row`,
  },
  'workbook.unknownRow': {
    zh: (p) => `“${p.input}”不是“${p.sheet}”中的项目，未读取。请使用模板中的项目名称，或保留“字段”列`,
    en: (p) =>
      `"${p.input}" is not an item of the sheet "${p.sheet}" and was not read; use the template's item names, or keep the 字段 column`,
  },
  'workbook.duplicateRow': {
    zh: (p) => `“${p.input}”已在第 ${p.first} 行填写过。请删去重复的一行`,
    en: (p) => `"${p.input}" is given already on row ${p.first}; remove the repeated row`,
  },
  'workbook.yesNo': {
    zh: (p) => `${p.input ? `“${p.input}”` : '这一格'}不是“是”或“否”。请从下拉列表中选择“是”或“否”`,
    en: (p) => `${p.input ? `"${p.input}"` : 'this cell'} is not 是 (yes) or 否 (no); choose one from the dropdown`,
  },
  'workbook.choice': {
    zh: (p) =>
      `“${p.input}”不在下拉列表中。${p.suggestion ? `是否应为“${p.suggestion}”？` : ''}请从下拉列表中选择：${p.options}`,
    en: (p) =>
      `"${p.input}" is not in the dropdown list${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''}; choose one of: ${p.options}`,
  },
  'workbook.noDate': {
    zh: () => '这一行缺少日期。每行写一次活动的一个日期（同一活动有几个日期，就写几行）',
    en: () =>
      'this row has no date; give each row one date of the activity (an activity on several dates takes several rows)',
  },
  'cli.noPath': { zh: (p) => `找不到文件或文件夹：${p.file}`, en: (p) => `no such file or folder: ${p.file}` },
  'batch.duplicate': {
    zh: (p) =>
      `与 ${p.first} 是同一所学校（${p.school}；${sameBy(p, 'zh')}）：只计入 ${p.first}，本文件未计入排名和统计。请删去其中一个文件`,
    en: (p) =>
      `the same school as ${p.first} (${p.school}; ${sameBy(p, 'en')}): only ${p.first} is counted, not this file; remove one of the two`,
  },
  'diff.duplicate': {
    zh: (p) =>
      `与 ${p.first} 是同一所学校（${p.school}；${sameBy(p, 'zh')}）：只比较 ${p.first}，本文件未计入比较。请删去其中一个文件`,
    en: (p) =>
      `the same school as ${p.first} (${p.school}; ${sameBy(p, 'en')}): only ${p.first} is compared, not this file; remove one of the two`,
  },
  'out.locked': {
    zh: (p) =>
      `输出文件夹 ${p.out} 正被另一次评分使用：进程 ${p.pid}（主机 ${p.host}，开始于 ${p.started}）持有此锁。请等它结束，或换一个 --out；确认该进程已不在运行时，可删除此锁文件`,
    en: (p) =>
      `the output folder ${p.out} is in use by another run: process ${p.pid} (host ${p.host}, started ${p.started}) holds this lock; wait for it to finish or choose another --out; if you are sure that process is gone, delete the lock file`,
  },
  'out.lockedUnknown': {
    zh: (p) =>
      `输出文件夹 ${p.out} 有一个读不出持有者的锁文件，可能另一次评分正在使用。请稍后再试；确认没有评分在运行时，可删除此锁文件`,
    en: (p) =>
      `the output folder ${p.out} has a lock file whose holder cannot be read; another run may be using it; try again later, or delete the lock file if you are sure none is running`,
  },
  'out.lockTakenOver': {
    zh: (p) => `接管了上次评分留下的锁：进程 ${p.pid}（开始于 ${p.started}）已不在运行`,
    en: (p) =>
      `took over the lock left by an earlier run: process ${p.pid} (started ${p.started}) is no longer running`,
  },
  'out.staleTemporaries': {
    zh: (p) => `清理了上次中断留下的 ${p.count} 个临时文件`,
    en: (p) => `removed ${p.count} temporary files left by an interrupted run`,
  },
  'cli.noYaml': {
    zh: (p) => `文件夹 ${p.file} 中没有 .yaml、.yml 或 .xlsx 证据文件。请核对文件夹`,
    en: (p) => `the folder ${p.file} holds no .yaml, .yml or .xlsx evidence file; check the folder`,
  },
  'cli.isDirectory': {
    zh: (p) => `${p.file} 是文件夹。请给出一个证据文件`,
    en: (p) => `${p.file} is a folder; give one evidence file`,
  },
  'cli.notRegular': {
    zh: (p) => `${p.file} 不是普通文件（${KIND_ZH[String(p.kind)] ?? p.kind}），未读取。请给出一个证据文件`,
    en: (p) =>
      `${p.file} is not a regular file (${KIND_EN[String(p.kind)] ?? p.kind}); not read. Give an evidence file`,
  },
  'cli.skipped': {
    zh: (p) =>
      p.kind === 'symlink'
        ? `已跳过 ${p.file}：文件夹中的符号链接不跟随。请把文件本身放进文件夹，或在命令行上直接给出它`
        : `已跳过 ${p.file}：不是普通文件（${KIND_ZH[String(p.kind)] ?? p.kind}）`,
    en: (p) =>
      p.kind === 'symlink'
        ? `skipped ${p.file}: symbolic links inside a folder are not followed; put the file itself in the folder, or name it on the command line`
        : `skipped ${p.file}: not a regular file (${KIND_EN[String(p.kind)] ?? p.kind})`,
  },
  'cli.noFile': { zh: (p) => `找不到文件：${p.file}`, en: (p) => `no such file: ${p.file}` },
  'cli.exists': {
    zh: (p) => `${p.file} 已存在，没有覆盖。请换一个文件名，或先把原文件改名或删去`,
    en: (p) => `${p.file} exists and was not overwritten; choose another name, or rename or delete the file first`,
  },
  'cli.unwritable': {
    zh: (p) => `无法写入 ${p.file}：${p.detail}。请检查文件夹是否存在、是否有写权限、磁盘是否已满`,
    en: (p) => `cannot write ${p.file}: ${p.detail}; check the folder exists, is writable, and the disk is not full`,
  },
  'cli.unreadable': { zh: (p) => `无法读取：${p.detail}`, en: (p) => `cannot read: ${p.detail}` },
  'cli.existsForce': {
    zh: (p) => `${p.file} 已存在，未覆盖。加 --force 覆盖`,
    en: (p) => `${p.file} exists already and was kept; add --force to overwrite`,
  },
  // 复评 (reviewer files): src/evidence/review.ts, src/validation/review.ts.
  'review.notReview': {
    zh: () =>
      '这不是复评文件：顶层应有 school、year、reviewer、date、adjustments。请参照 examples/reviews/typical-primary.review.yaml',
    en: () =>
      'this is not a review file: expected school, year, reviewer, date, adjustments at the top level; see examples/reviews/typical-primary.review.yaml',
  },
  'review.passedOrScore': {
    zh: () => '每条调整写 passed（核查项，如 B6.3a）或 score（要点，如 B4.1）之一，不能都写也不能都不写',
    en: () =>
      'each adjustment gives either passed (for a check such as B6.3a) or score (for an item such as B4.1), not both',
  },
  'review.noEvidence': {
    zh: (p) =>
      `复评文件旁边没有对应的证据文件 ${p.expected}。复评文件应命名为“证据文件名.review.yaml”，与证据文件放在同一文件夹`,
    en: (p) =>
      `no evidence file ${p.expected} beside this review file; name a review "<evidence file stem>.review.yaml" in the evidence file's folder`,
  },
  'review.schoolMismatch': {
    zh: (p) =>
      `复评的学校“${p.input}”与证据文件 ${p.file} 中的学校不符（标识码 ${p.code}，名称 ${p.school}）。请写其中之一`,
    en: (p) =>
      `the review's school "${p.input}" does not match the evidence file ${p.file} (code ${p.code}, name ${p.school}); write one of them`,
  },
  'review.yearMismatch': {
    zh: (p) => `复评的学年 ${p.input} 与证据文件的学年 ${p.year} 不符。请写 ${p.year}，或把复评放在该学年的证据文件旁`,
    en: (p) => `the review's year ${p.input} does not match the evidence file's year ${p.year}; write ${p.year}`,
  },
  'review.unknownId': {
    zh: (p) =>
      `${p.input} 不是本细则的核查项或要点${p.suggestion ? `，是否应为 ${p.suggestion}？` : '。请用 jiaxiao score --details 查看各项编号'}`,
    en: (p) =>
      `${p.input} is not a check or item of this rubric${p.suggestion ? `; did you mean ${p.suggestion}?` : '; jiaxiao score --details lists the ids'}`,
  },
  'review.checkWantsPassed': {
    zh: (p) =>
      `${p.id} 是核查项，只能改判通过与否：写 passed: true 或 passed: false；要改分数请写其要点 ${p.item} 的 score`,
    en: (p) => `${p.id} is a check: give passed: true or false; to set a score, adjust its item ${p.item} with score`,
  },
  'review.itemWantsScore': {
    zh: (p) =>
      `${p.id} 是要点，请写 score（0 到 ${p.max} 分）；要改判某一项核查，请写核查项编号（如 ${p.example}）和 passed`,
    en: (p) =>
      `${p.id} is an item: give score (0 to ${p.max}); to overturn one check, give its id (e.g. ${p.example}) with passed`,
  },
  'review.notApplicable': {
    zh: (p) => `核查项 ${p.id} 不适用于本校（${p.stage}），不能复评。请删去这一条`,
    en: (p) => `the check ${p.id} does not apply to this school (${p.stage}); remove this adjustment`,
  },
  'review.scoreRange': {
    zh: (p) => `${p.id} 复评得分 ${p.value} 超出范围：应在 0 到 ${p.max} 分之间（该要点的应得分值）`,
    en: (p) => `reviewed score ${p.value} for ${p.id} is out of range: 0 to ${p.max} (the item's applicable points)`,
  },
  'review.duplicate': {
    zh: (p) => `${p.id} 已在第 ${p.first} 行复评过。每项只写一条，请合并`,
    en: (p) => `${p.id} is adjusted already on line ${p.first}; give one adjustment per id`,
  },
  'review.overlap': {
    zh: (p) => `已对要点 ${p.item} 给出复评得分（第 ${p.first} 行），不能再改判其核查项 ${p.id}。请只保留一条`,
    en: (p) =>
      `the item ${p.item} is given a score already (line ${p.first}); its check ${p.id} cannot be adjusted too`,
  },
};

/** Params that quote the file's own content: a message shows an excerpt of each (EXCERPT_CHARS). */
const CONTENT_PARAMS = new Set(['key', 'input', 'detail', 'suggestion', 'school', 'char', 'value', 'sheet', 'sheets']);

function shownParams(params: P): P {
  let shown: P | undefined;
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string' || !CONTENT_PARAMS.has(k) || v.length <= EXCERPT_CHARS) continue;
    shown ??= { ...params };
    shown[k] = excerpt(v);
  }
  return shown ?? params;
}

export function message(p: Problem, lang: Lang): string {
  const m = MESSAGES[p.code];
  // cli.* details are the system's words about a path, not file content: shown whole.
  const params = p.code.startsWith('cli.') ? p.params : shownParams(p.params);
  return m ? m[lang](params) : `${p.code} ${JSON.stringify(params)}`;
}

const SEVERITY: Record<Problem['severity'], { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'note' },
};

const HINTED = new Set([
  'value.required',
  'value.empty',
  'value.notNumber',
  'value.percent',
  'value.type',
  'value.integer',
  'value.min',
  'value.above',
  'value.max',
  'value.format',
  'value.date',
  'value.enum',
  'value.tooFew',
  'value.tooMany',
]);

export const severityText = (p: Problem, lang: Lang): string => SEVERITY[p.severity][lang];

/** The message with its field: 学生数（school.students）：… 写大于 0 的整数… */
export function problemText(p: Problem, lang: Lang): string {
  // In a workbook the cell is the place (problemLine, every report format): the YAML path would only puzzle.
  const path = p.path && p.cell === undefined ? (lang === 'zh' ? `（${p.path}）` : ` (${p.path})`) : '';
  // In English the Chinese label stays beside the English one: the file's keys and forms are Chinese.
  const name = p.label ? (lang === 'zh' ? p.label.zh : `${p.label.en} · ${p.label.zh}`) : '';
  const field = p.label ? `${name}${path}` : p.cell === undefined ? (p.path ?? '') : '';
  // The field's own hint, where the message has no concrete suggestion of its own. Hints are Chinese.
  const hint = p.label?.hint && lang === 'zh' && HINTED.has(p.code) ? `。${p.label.hint}` : '';
  const sep = lang === 'zh' ? '：' : ': ';
  // The hint lists the choices already: the message does not list them again.
  const said = hint && p.code === 'value.enum' ? { ...p, params: { ...p.params, options: '' } } : p;
  return `${field ? `${field}${sep}` : ''}${message(said, lang)}${hint}`;
}

/**
 * One line for a terminal: file:line:col 错误 学生数（school.students）：…, the file's own strings escaped; in
 * a workbook file:sheet!cell (证据.xlsx:台账!B14 错误 日期：…).
 */
export function problemLine(p: Problem, lang: Lang): string {
  const where = [
    p.file === undefined ? undefined : escapeText(p.file),
    p.line,
    p.col,
    p.cell === undefined ? undefined : escapeText(p.cell),
  ]
    .filter((x) => x !== undefined)
    .join(':');
  return textLine(`${where ? `${where} ` : ''}${severityText(p, lang)} ${escapeText(problemText(p, lang))}`);
}

/** "1 file", "2 files": an English count with its noun; `shown` is the number as written (Markdown's **2**). */
export const countOf = (n: number, noun: string, shown = String(n)): string => `${shown} ${noun}${n === 1 ? '' : 's'}`;

/**
 * validate's closing line, as every report ends: files checked, errors, warnings and (`withFiles`) files with
 * errors. `mark` sets off the two counts that matter (Markdown's bold).
 */
export function checkedLine(
  t: { files: number; errors: number; warnings: number; filesWithErrors: number },
  lang: Lang,
  o: { mark?: (count: string) => string; withFiles: boolean },
): string {
  const mark = o.mark ?? ((count: string) => count);
  if (lang === 'zh')
    return `检查了 ${t.files} 个文件：${mark(String(t.errors))} 个错误，${mark(String(t.warnings))} 个警告${o.withFiles ? `；${t.filesWithErrors} 个文件有错误` : ''}。`;
  const marked = (n: number, noun: string) => countOf(n, noun, mark(String(n)));
  return `${countOf(t.files, 'file')} checked: ${marked(t.errors, 'error')}, ${marked(t.warnings, 'warning')}${o.withFiles ? `; ${countOf(t.filesWithErrors, 'file')} with errors` : ''}.`;
}
