// Supporting files (佐证材料) a school's evidence names: each must be a regular file inside the school's
// folder. An absolute path, a `..` that climbs out, a symbolic link pointing outside, a folder or anything
// else that is not a regular file is refused. A hard link is warned of: its other names may lie anywhere.
import { realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, win32 } from 'node:path';
import { type Problem, pathText } from '../base/problem.js';
import type { EvidenceData } from '../evidence/schema.js';
import { isInside, specialKind } from '../io/paths.js';
import { type Located, locate } from '../io/yaml.js';

/** The lists whose entries may name supporting files. */
const LISTS_WITH_FILES = ['ledger', 'projects', 'cases', 'awards'] as const;

/**
 * Every supporting-file reference in the evidence, with its place in the file. Most files name none: for
 * them it makes nothing but the empty list.
 */
export function fileReferences(data: EvidenceData): { path: (string | number)[]; ref: string }[] {
  const refs: { path: (string | number)[]; ref: string }[] = [];
  const attachments = data.attachments ?? [];
  for (let i = 0; i < attachments.length; i++)
    refs.push({ path: ['attachments', i, 'path'], ref: (attachments[i] as { path: string }).path });
  for (const key of LISTS_WITH_FILES) {
    const list: readonly { files?: string[] | undefined }[] = data[key] ?? [];
    for (let i = 0; i < list.length; i++) {
      const files = list[i]?.files;
      if (files)
        for (let j = 0; j < files.length; j++) refs.push({ path: [key, i, 'files', j], ref: files[j] as string });
    }
  }
  return refs;
}

export function attachmentProblems(data: EvidenceData, evidenceFile: string, source: Located): Problem[] {
  const refs = fileReferences(data);
  if (refs.length === 0) return [];
  const folder = resolve(dirname(evidenceFile));
  let realFolder = folder;
  try {
    realFolder = realpathSync(folder);
  } catch {}
  const problems: Problem[] = [];
  for (const { path, ref } of refs) {
    const at = (code: string, more: Record<string, string | number> = {}, severity: Problem['severity'] = 'error') =>
      problems.push({
        severity,
        code,
        params: { ref, ...more },
        path: pathText(path),
        label: { zh: '佐证材料', en: 'supporting file' },
        file: evidenceFile,
        ...locate(source, path),
      });
    const normal = ref.replace(/\\/g, '/');
    if (isAbsolute(normal) || win32.isAbsolute(ref)) {
      at('attachment.absolute');
      continue;
    }
    const target = resolve(folder, normal);
    if (!isInside(target, folder)) {
      at('attachment.escapes');
      continue;
    }
    let stat: Stats;
    try {
      stat = statSync(target);
    } catch {
      at('attachment.missing');
      continue;
    }
    let real = target;
    try {
      real = realpathSync(target);
    } catch {}
    if (!isInside(real, realFolder)) at('attachment.linkEscapes');
    else if (stat.isDirectory()) at('attachment.folder');
    else if (!stat.isFile()) at('attachment.notFile', { kind: specialKind(stat) ?? 'other' });
    else if (stat.nlink > 1) at('attachment.hardLink', { links: stat.nlink }, 'warning');
  }
  return problems;
}
