// Workbooks from a writer that is not ours: LibreOffice (Debian's libreoffice-calc) re-saves our workbooks
// headless, and what it writes must score as the YAML twin. Also a real .xls of LibreOffice's. The test needs
// soffice: .ci/run installs it; elsewhere, without soffice and outside CI, it is skipped and says why.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scoreSchool } from '../src/index.js';
import { templateWorkbook } from '../src/render/workbook/evidence.js';
import { exampleData, readBack, rubric, workbookOf } from './workbook-fixtures.js';

vi.setConfig({ testTimeout: 300_000 });

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const run = hasSoffice || process.env.CI !== undefined;
const reason = run ? '' : ' (skipped: no soffice on this machine; apt-get install libreoffice-calc)';

/** Converts the files with LibreOffice headless into `to` (xlsx or xls); the converted files' bytes by name. */
function soffice(files: Record<string, Uint8Array>, to: string): Map<string, Buffer> {
  const work = mkdtempSync(join(tmpdir(), 'jiaxiao-soffice-'));
  const out = join(work, 'out');
  mkdirSync(out);
  const paths = Object.entries(files).map(([name, bytes]) => {
    const p = join(work, name);
    writeFileSync(p, bytes);
    return p;
  });
  // A profile of its own: parallel runs and a user's open LibreOffice do not clash.
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      to,
      '--outdir',
      out,
      ...paths,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return new Map(Object.keys(files).map((name) => [name, readFileSync(join(out, name.replace(/\.xlsx$/, `.${to}`)))]));
}

describe.runIf(run)(`LibreOffice interop${reason}`, () => {
  it('workbooks re-saved by LibreOffice score as their YAML twins; its .xls is named as such', async () => {
    const names = ['typical-primary', 'kindergarten', 'model-primary'];
    const ours: Record<string, Uint8Array> = {};
    for (const n of names) ours[`${n}.xlsx`] = await workbookOf(exampleData(n));
    ours['template.xlsx'] = await templateWorkbook('junior', 'zh', rubric);
    const resaved = soffice(ours, 'xlsx');
    for (const n of names) {
      const bytes = resaved.get(`${n}.xlsx`);
      if (!bytes) throw new Error(`LibreOffice wrote no ${n}.xlsx`);
      expect(bytes.equals(Buffer.from(ours[`${n}.xlsx`] ?? []))).toBe(false); // really another writer's file
      const parsed = readBack(new Uint8Array(bytes), `${n}.xlsx`);
      expect(parsed.problems).toEqual([]);
      const data = exampleData(n);
      expect(parsed.evidence?.data).toEqual(data);
      const twin = readBack(await workbookOf(data));
      expect(parsed.evidence && scoreSchool(rubric, parsed.evidence).total).toBe(
        twin.evidence && scoreSchool(rubric, twin.evidence).total,
      );
    }
    // The blank template, re-saved, asks for the same fields at the same cells, and keeps its stage.
    const template = readBack(new Uint8Array(resaved.get('template.xlsx') ?? []), 'template.xlsx');
    const own = readBack(ours['template.xlsx'] ?? new Uint8Array(), 'template.xlsx');
    expect(template.problems.map((p) => `${p.cell} ${p.code}`)).toEqual(own.problems.map((p) => `${p.cell} ${p.code}`));
    expect(template.problems.some((p) => p.path === 'school.stage')).toBe(false);

    const xls = soffice({ 'typical-primary.xlsx': ours['typical-primary.xlsx'] ?? new Uint8Array() }, 'xls');
    const old = readBack(new Uint8Array(xls.get('typical-primary.xlsx') ?? []), 'typical-primary.xls');
    expect(old.problems.map((p) => p.code)).toEqual(['workbook.xls']);
  });
});
