// Fixed sheets and summaries for the output formats' tests: made from the shipped examples and test fixtures
// through the library (no CLI), so that every format renders exactly the same input. `hostileSheet` puts
// strings no submission could pass validation with (control characters, bidi overrides) where a renderer
// must still escape them: renderers are the last line, not the only one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../src/base/problem.js';
import type { Rubric } from '../src/engine/model.js';
import { scoreSchool } from '../src/index.js';
import { chunksOf } from '../src/io/write.js';
import { FORMATS } from '../src/render/formats.js';
import { type Format, type Output, type Paint, TEXT_WIDTH } from '../src/render/types.js';
import type { Sheet } from '../src/report/sheet.js';
import { type Summary, SummaryBuilder, schoolRow, shapeOf } from '../src/report/summary.js';
import { defaultRubric } from '../src/rubric/default.js';
import { parseSchoolText } from '../src/validation/school.js';

export const PLAIN: Paint = { red: (t) => t, yellow: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t };

export function sheetOf(file: string, rubric: Rubric = defaultRubric()): Sheet {
  const parsed = parseSchoolText(readFileSync(file, 'utf8'), rubric, file);
  if (!parsed.evidence) throw new Error(`${file} is invalid: ${JSON.stringify(parsed.problems)}`);
  // With the file and its positions, as the CLI scores it: failed checks cite their lines.
  return scoreSchool(rubric, parsed.evidence, { file, ...(parsed.source ? { source: parsed.source } : {}) });
}

/** The shipped examples: a typical primary school (lost points with reasons), a model one, a kindergarten. */
export const typicalSheet = () => sheetOf('examples/schools/typical-primary.yaml');
export const modelSheet = () => sheetOf('examples/schools/model-primary.yaml');
export const kindergartenSheet = () => sheetOf('examples/schools/kindergarten.yaml');

/** Every kind of hostile string, raw (as if validation had let it through): in names, reasons and texts. */
export const HOSTILE =
  "<script>alert(1)</script> =cmd|' /C calc'!A0 +1 -2 @SUM(A1) |a|b| **x** [l](javascript:x) ::error::x ##[error]y \u001b[31m \u202e \r\n\t& \"q\" 'a' ]]>";

/** The typical sheet with HOSTILE in every string a submission or a rubric file can set. */
export function hostileSheet(): Sheet {
  const sheet = typicalSheet();
  const h = { zh: `学校 ${HOSTILE}`, en: `school ${HOSTILE}` };
  sheet.school.name = `=${HOSTILE}`;
  sheet.school.county = `+${HOSTILE}`;
  sheet.school.code = `-${HOSTILE}`;
  sheet.school.year = `@${HOSTILE}`;
  sheet.rubric.name = h;
  for (const g of sheet.groups) g.name = h;
  for (const b of sheet.indicators) {
    b.name = h;
    for (const i of b.items) {
      i.text = h;
      for (const c of i.checks) {
        c.label = h;
        c.reason = h;
      }
    }
  }
  // The file a citation names and the points-to-gain texts come from a submission and a rubric too.
  sheet.evidenceFile = `dir/${HOSTILE}.yaml`;
  for (const g of sheet.gains) {
    g.label = h;
    g.reason = h;
  }
  return sheet;
}

/**
 * A summary of sheets scored as a batch does (file names as given), keeping the sheets when `withSheets`,
 * with the files `notCounted` listed after them.
 */
export function summaryOf(
  files: { file: string; sheet: Sheet }[],
  withSheets = false,
  notCounted: { file: string; problems: Problem[] }[] = [],
): Summary {
  const builder = new SummaryBuilder(shapeOf(defaultRubric()));
  for (const { file, sheet } of files) builder.add(schoolRow(sheet, file), withSheets ? sheet : undefined);
  for (const { file, problems } of notCounted) builder.addInvalid(file, problems);
  return builder.finish();
}

const yamlIn = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));

/** examples/county: ten schools of one county, and the files `notCounted`. */
export const countySummary = (withSheets = false, notCounted: { file: string; problems: Problem[] }[] = []) =>
  summaryOf(
    yamlIn('examples/county').map((file) => ({ file, sheet: sheetOf(file) })),
    withSheets,
    notCounted,
  );

/** examples/city: two counties, so county ranks and the per-county comparison show. */
export const citySummary = (withSheets = false) =>
  summaryOf(
    yamlIn('examples/city').map((file) => ({ file, sheet: sheetOf(file) })),
    withSheets,
  );

/** The county with one hostile school among them, and one invalid file. */
export function hostileSummary(withSheets = false): Summary {
  const files = yamlIn('examples/county').map((file) => ({ file, sheet: sheetOf(file) }));
  files.push({ file: `hostile/${HOSTILE}.yaml`, sheet: hostileSheet() });
  const builder = new SummaryBuilder(shapeOf(defaultRubric()));
  for (const { file, sheet } of files) builder.add(schoolRow(sheet, file), withSheets ? sheet : undefined);
  builder.addInvalid(`bad/${HOSTILE}.yaml`, [
    {
      severity: 'error',
      code: 'yaml.syntax',
      params: { detail: HOSTILE },
      file: `bad/${HOSTILE}.yaml`,
      line: 3,
      col: 7,
    },
  ]);
  return builder.finish();
}

export const formatNamed = (name: string): Format => {
  const f = FORMATS.find((x) => x.name === name);
  if (!f) throw new Error(`no format ${name}`);
  return f;
};

/** A text output whole: its pieces joined (a summary is made in pieces). */
export const outputText = (o: Output): string =>
  [...chunksOf(o)].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');

export const renderOptions = (lang: 'zh' | 'en' = 'zh', width = TEXT_WIDTH) => ({
  lang,
  paint: PLAIN,
  width,
  details: false,
});
