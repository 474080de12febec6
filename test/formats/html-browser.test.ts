// The HTML format in a real browser (headless Chromium through playwright-core): nothing fetched, no console
// error, no script, the page fits A4's printable width, the PDF has a page per school at least, the form's
// cells are merged as the attachment's. Screenshots and PDFs go to test/artifacts/ for a person to look at.
// Without /usr/bin/chromium the tests are skipped, except under CI, where they fail (.ci/run installs it).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/base/problem.js';
import type { Sheet } from '../../src/report/sheet.js';
import type { Summary } from '../../src/report/summary.js';
import {
  citySummary,
  countySummary,
  formatNamed,
  hostileSheet,
  hostileSummary,
  renderOptions,
  typicalSheet,
} from '../format-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test/artifacts';
/** A4 at 96 dpi less 15 mm margins each side: 180 mm ≈ 680 px. */
const A4_PRINTABLE_PX = 680;
const TIMEOUT = 60_000;

const format = formatNamed('html');
const sheetHtml = (sheet: Sheet) => format.sheet(sheet, { ...renderOptions('zh'), details: false }) as string;
const summaryHtml = (summary: Summary) => format.summary(summary, renderOptions('zh')) as string;

interface Loaded {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

const available = existsSync(CHROMIUM);
const run = available || Boolean(process.env.CI);

if (!run)
  describe('HTML in Chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is absent (apt-get install chromium fonts-noto-cjk); under CI these tests fail instead`, () => {});
  });

describe.runIf(run)('HTML in Chromium', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: CI must install chromium and fonts-noto-cjk (.ci/run)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the document to test/artifacts/ and opens it from there, recording what the page does. */
  async function load(name: string, doc: string): Promise<Loaded> {
    if (!browser) throw new Error('no browser');
    const file = resolve(ARTIFACTS, `${name}.html`);
    writeFileSync(file, doc);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: A4_PRINTABLE_PX, height: 1000 }, deviceScaleFactor: 1 });
    const loaded: Loaded = { page, url, requests: [], errors: [], dialogs: [] };
    page.on('request', (r) => loaded.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') loaded.errors.push(m.text());
    });
    page.on('pageerror', (e) => loaded.errors.push(String(e)));
    page.on('dialog', (d) => {
      loaded.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return loaded;
  }

  /** The PDF's pages: each page object of the file (not the /Pages tree). */
  async function pdfPages(page: Page, name: string): Promise<number> {
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${ARTIFACTS}/${name}.pdf` });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  }

  async function fitsA4(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(client).toBe(A4_PRINTABLE_PX);
    expect(scroll).toBeLessThanOrEqual(client);
  }

  it(
    'the typical sheet: self-contained, fits A4, merged cells as the form, printable',
    async () => {
      const sheet = typicalSheet();
      const { page, url, requests, errors, dialogs } = await load('sheet', sheetHtml(sheet));
      await page.screenshot({ path: `${ARTIFACTS}/sheet.png`, fullPage: true });
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      await fitsA4(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

      // 一级指标 merged over its group, 二级指标 over its 要点, one row per 要点 and a totals row.
      const spans = await page.$$eval('table.form td.group', (cells) =>
        cells.map((c) => [c.querySelector('.id')?.textContent, (c as HTMLTableCellElement).rowSpan]),
      );
      expect(spans).toEqual(
        sheet.groups.map((g) => [
          g.id,
          sheet.indicators.filter((b) => b.group === g.id).reduce((n, b) => n + b.items.length, 0),
        ]),
      );
      const items = sheet.indicators.reduce((n, b) => n + b.items.length, 0);
      expect(await page.locator('table.form > tbody > tr').count()).toBe(items + 1);
      // Every row of the form is six columns wide, counting the cells merged down into it from rows above.
      const widths = await page.$$eval('table.form tbody tr', (rows) => {
        let above: number[] = [];
        return rows.map((r) => {
          const cells = [...r.querySelectorAll(':scope > td')] as HTMLTableCellElement[];
          const width = above.length + cells.reduce((n, c) => n + c.colSpan, 0);
          above = [...above, ...cells.flatMap((c) => Array.from({ length: c.colSpan }, () => c.rowSpan))]
            .map((n) => n - 1)
            .filter((n) => n > 0);
          return width;
        });
      });
      expect(widths).toEqual(widths.map(() => 6));
      // The browser lays the cells out: the last column's cells line up with its header.
      const right = await page.$$eval('table.form thead th', (ths) => ths.map((t) => t.getBoundingClientRect().right));
      const scoreCells = await page.$$eval('table.form td.score', (tds) =>
        tds.map((t) => t.getBoundingClientRect().right),
      );
      expect(scoreCells).toHaveLength(sheet.indicators.length);
      for (const x of scoreCells) expect(Math.abs(x - (right[5] ?? 0))).toBeLessThan(1);
      // CJK text takes a CJK font: a Chinese character is about as wide as it is tall (no tofu boxes of 0.5em).
      const glyph = await page.evaluate(() => {
        const s = document.createElement('span');
        s.style.fontSize = '20px';
        s.textContent = '家校共育家校共育家校共育';
        document.body.append(s);
        const w = s.getBoundingClientRect().width;
        s.remove();
        return w;
      });
      expect(glyph).toBeGreaterThan(12 * 18);

      const pages = await pdfPages(page, 'sheet');
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(6);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'the city report with every sheet: a ranking row per school, a page per school at least',
    async () => {
      const city = citySummary(true);
      const { page, url, requests, errors, dialogs } = await load('report', summaryHtml(city));
      await page.screenshot({ path: `${ARTIFACTS}/report.png`, fullPage: true });
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await fitsA4(page);

      await page.emulateMedia({ media: 'print' });
      const ranking = await page.$$eval('table.ranking tbody tr', (rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim())),
      );
      expect(ranking).toHaveLength(city.schools);
      expect(ranking.map((r) => r[2])).toEqual(city.ranking.map((r) => r.name));
      // Each school's sheet starts a new page when printed; the report's own sections do not.
      const breaks = await page.$$eval('section.sheet', (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
      expect(breaks).toEqual(city.ranking.map(() => 'page'));
      expect(await page.$$eval('table.form thead', (hs) => hs.map((h) => getComputedStyle(h).display))).toEqual(
        city.ranking.map(() => 'table-header-group'),
      );
      // Anchors: the ranking's links land on the sheets.
      const targets = await page.$$eval('table.ranking a', (as) =>
        as.map(
          (a) => document.querySelector((a as HTMLAnchorElement).hash)?.querySelector('.school-info b')?.textContent,
        ),
      );
      expect(targets).toEqual(city.ranking.map((r) => r.name));
      // Three charts (full marks, 折算分, counties), one per sheet, each within the page.
      const charts = await page.$$eval('svg.chart', (ss) => ss.map((s) => s.getBoundingClientRect().right));
      expect(charts).toHaveLength(3 + city.schools);
      for (const r of charts) expect(r).toBeLessThanOrEqual(A4_PRINTABLE_PX + 0.5);

      const pages = await pdfPages(page, 'report');
      expect(pages).toBeGreaterThanOrEqual(city.schools + 1);
      await page.close();
    },
    TIMEOUT,
  );

  /** Words the browser split across two lines, in any table of the page: letters whose boxes sit on two lines. */
  const brokenWords = (page: Page): Promise<string[]> =>
    page.evaluate(() => {
      const broken: string[] = [];
      for (const table of document.querySelectorAll('table')) {
        const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of (node.textContent ?? '').matchAll(/[A-Za-z]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index ?? 0);
            range.setEnd(node, (m.index ?? 0) + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(m[0]);
          }
        }
      }
      return broken;
    });

  it(
    'in English, no table breaks a word: the sheet with its reasons, the city report with every sheet, a county report with a file not counted',
    async () => {
      const en = renderOptions('en');
      const copy: Problem = {
        severity: 'error',
        code: 'batch.duplicate',
        params: { school: '利通区示例第一小学', first: 'examples/county/01-2164020101.yaml', code: '2164020101' },
        file: 'examples/county/01-copy.yaml',
      };
      for (const [name, doc] of [
        ['sheet-en', format.sheet(typicalSheet(), { ...en, details: true }) as string],
        ['report-en', format.summary(citySummary(true), en) as string],
        [
          'report-en-not-counted',
          format.summary(countySummary(false, [{ file: copy.file ?? '', problems: [copy] }]), en) as string,
        ],
      ] as const) {
        const { page, errors } = await load(name, doc);
        await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
        expect(errors).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        await fitsA4(page);
        // The check can fail: the same page squeezed to half its width breaks words.
        expect(await brokenWords(page)).toEqual([]);
        await page.setViewportSize({ width: A4_PRINTABLE_PX / 2, height: 1000 });
        expect((await brokenWords(page)).length).toBeGreaterThan(0);
        await page.close();
      }
    },
    TIMEOUT,
  );

  it(
    'hostile strings show as text: no script, no dialog, nothing fetched',
    async () => {
      for (const [name, doc] of [
        ['hostile-sheet', sheetHtml(hostileSheet())],
        ['hostile-report', summaryHtml(hostileSummary(true))],
      ] as const) {
        const { page, url, requests, errors, dialogs } = await load(name, doc);
        expect(requests).toEqual([url]);
        expect(errors).toEqual([]);
        expect(dialogs).toEqual([]);
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('[onclick], [onerror], [onload]').count()).toBe(0);
        const body = (await page.textContent('body')) ?? '';
        expect(body).toContain('<script>alert(1)</script>');
        expect(body).toContain('\\e[31m \\u202E \\r\\n\\t& "q" \'a\' ]]>');
        await fitsA4(page);
        await page.close();
      }
    },
    TIMEOUT,
  );
});
