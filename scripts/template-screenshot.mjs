// The README's picture of the evidence workbook template (docs/screenshots/template.png): the template as
// the library writes it (templateWorkbook, the one `init --format xlsx` writes), opened by LibreOffice
// headless, printed to PDF, and the first page (基本情况) rendered to PNG by pdftoppm.
//   node scripts/build.mjs --no-types && node scripts/template-screenshot.mjs
// Needs a built dist/index.js, LibreOffice (Debian: libreoffice-calc), pdftoppm (poppler-utils) and CJK fonts
// (fonts-noto-cjk).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = 'docs/screenshots/template.png';
/** The README should stay light. */
const MAX_BYTES = 400 * 1024;

for (const [tool, hint] of [
  ['soffice', 'apt-get install libreoffice-calc'],
  ['pdftoppm', 'apt-get install poppler-utils'],
]) {
  if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error) {
    console.error(`template-screenshot: ${tool} is missing (${hint})`);
    process.exit(1);
  }
}
if (!existsSync('dist/index.js')) {
  console.error('template-screenshot: no dist/index.js; run npm run build first');
  process.exit(1);
}
const { defaultRubric, templateWorkbook } = await import(new URL('../dist/index.js', import.meta.url).href);

const work = mkdtempSync(join(tmpdir(), 'jiaxiao-template-'));
try {
  const xlsx = join(work, 'evidence-template.xlsx');
  writeFileSync(xlsx, await templateWorkbook('primary', 'zh', defaultRubric()));
  // A profile of its own: no clash with a LibreOffice the user has open.
  const profile = `-env:UserInstallation=file://${join(work, 'profile')}`;
  const pdf = spawnSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], {
    encoding: 'utf8',
  });
  const pdfFile = join(work, 'evidence-template.pdf');
  if (pdf.status !== 0 || !existsSync(pdfFile)) {
    console.error(`template-screenshot: soffice failed (${pdf.status})\n${pdf.stderr}`);
    process.exit(1);
  }
  mkdirSync('docs/screenshots', { recursive: true });
  const png = spawnSync(
    'pdftoppm',
    [
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      '-scale-to-x',
      '1100',
      '-scale-to-y',
      '-1',
      pdfFile,
      OUT.replace(/\.png$/, ''),
    ],
    { encoding: 'utf8' },
  );
  if (png.status !== 0 || !existsSync(OUT)) {
    console.error(`template-screenshot: pdftoppm failed (${png.status})\n${png.stderr}`);
    process.exit(1);
  }
  const size = statSync(OUT).size;
  if (size > MAX_BYTES) {
    console.error(`template-screenshot: ${OUT} is ${size} bytes, above ${MAX_BYTES}`);
    process.exit(1);
  }
  console.log(`${OUT}: ${size} bytes`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
