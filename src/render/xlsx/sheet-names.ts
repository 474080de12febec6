// Worksheet names Excel accepts: at most 31 characters, none of [ ] : * ? / \, no ' at either end, not
// "History" (reserved), and unique without regard to case. A school's name is shortened, never refused.
// A ' anywhere becomes ’: exceljs writes a sheet's print-title reference ('name'!$4:$4) without doubling a
// quote inside the name, which Excel would take for a damaged file.
import { text } from './cells.js';

export const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** Cuts to `max` UTF-16 units (Excel's count) without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Held to `max` characters, not empty, not "History". */
function fitName(name: string, max: number): string {
  let s = cut(name, max).trim();
  if (s === '') s = 'Sheet';
  if (s.toLowerCase() === 'history') s = `${s}_`;
  return s;
}

/** A name Excel accepts, as close to `raw` as it can be (uniqueness aside). */
export const safeSheetName = (raw: string, max = SHEET_NAME_MAX): string =>
  // Controls shown as escapes first (their backslash then becomes _), then the forbidden characters.
  fitName(text(raw).replace(FORBIDDEN, '_').replace(/'/g, '’').trim(), max);

/** Hands out unique names: a clash (whatever the case) gets " (2)", " (3)"…, the name cut to make room. */
export class SheetNamer {
  private taken = new Set<string>();

  name(raw: string): string {
    const base = safeSheetName(raw);
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${fitName(base, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}
