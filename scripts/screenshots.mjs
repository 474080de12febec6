// The README's pictures of the HTML format: the built CLI's page for one school (docs/screenshots/sheet.png,
// the whole page) and for examples/city (docs/screenshots/report.png, the report before the schools' sheets),
// rendered by headless Chromium at 900 px, device scale 1 to keep the files small.
//   npm run screenshots          (builds first)
//   CHROMIUM=/path/to/chrome npm run screenshots
// Needs Chromium (Debian: apt-get install chromium fonts-noto-cjk) and a built bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = 'docs/screenshots';
const WIDTH = 900;
/** The README should stay light: a picture above this fails the script. */
const MAX_BYTES = 600 * 1024;

if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM)`);
  process.exit(1);
}
if (!existsSync('dist/cli.cjs')) {
  console.error('screenshots: no dist/cli.cjs; run npm run build first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'jiaxiao-screenshots-'));
function render(input, file) {
  const out = join(work, file);
  // Chinese, whatever the environment says.
  const env = { ...process.env, JIAXIAO_LANG: 'zh' };
  const r = spawnSync(process.execPath, ['bin/jiaxiao.cjs', 'score', input, '--format', 'html', '-o', out], {
    encoding: 'utf8',
    env,
  });
  // A batch below a --min-score exits 1; without one, anything but 0 is a failure.
  if (r.status !== 0 || !existsSync(out)) {
    console.error(`screenshots: jiaxiao score ${input} failed (${r.status})\n${r.stderr}`);
    process.exit(1);
  }
  return pathToFileURL(resolve(out)).href;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 1200 }, deviceScaleFactor: 1 });

  await page.goto(render('examples/schools/typical-primary.yaml', 'sheet.html'));
  await page.screenshot({ path: join(OUT, 'sheet.png'), fullPage: true });

  await page.goto(render('examples/city', 'report.html'));
  // The report itself; the schools' sheets after it look like the picture above.
  const box = await page.locator('section.report').boundingBox();
  if (!box) throw new Error('no report section in the page');
  await page.screenshot({
    path: join(OUT, 'report.png'),
    fullPage: true,
    clip: { x: 0, y: 0, width: WIDTH, height: Math.ceil(box.y + box.height + 6) },
  });

  for (const name of ['sheet.png', 'report.png']) {
    const size = statSync(join(OUT, name)).size;
    console.log(`${OUT}/${name}: ${Math.round(size / 1024)} KB`);
    if (size > MAX_BYTES) {
      console.error(`screenshots: ${name} is over ${MAX_BYTES / 1024} KB`);
      process.exitCode = 1;
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
