// The code's layers look only down: each folder of src/ imports from its own layer or those below it, so
// bytes → document → evidence → findings → points → sheet → output reads one way. A wrong import fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** From the ground up. */
const LAYERS = ['base', 'i18n', 'io', 'evidence', 'engine', 'rubric', 'validation', 'report', 'render', 'cli'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The layer a file of src/ belongs to; files directly in src/ (the library's index) sit on top. */
const layerOf = (file: string) => {
  const parts = relative('src', file).split('/');
  return parts.length === 1 ? LAYERS.length : LAYERS.indexOf(parts[0] ?? '');
};

const imports = sources('src').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => ({
    file,
    target: join(dirname(file), m[1] ?? ''),
  })),
);

describe('layers', () => {
  it('every folder of src/ is a known layer', () => {
    for (const file of sources('src')) expect(layerOf(file), file).toBeGreaterThanOrEqual(0);
  });
  it('no import runs upward', () => {
    const upward = imports
      .filter(({ file, target }) => layerOf(target) > layerOf(file))
      .map(({ file, target }) => `${file} → ${target}`);
    expect(upward).toEqual([]);
  });
  it('the engine and the renderers do no I/O and read no clock', () => {
    for (const file of sources('src').filter((f) => /src\/(engine|render|report)\//.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(
        /from 'node:(fs|child_process|net|http|os)'|Date\.now\(|new Date\(\)|Math\.random\(|process\./,
      );
    }
  });
});
