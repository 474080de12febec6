// Which files are the same school: a batch counts each school once, and `diff` pairs a school's two years.
// A school is known by its 学校标识码, or by its county and name: a resubmission may leave the code out or
// mistype it, and a renamed school keeps its code.

/** A school as its file names it. */
export interface SchoolId {
  code: string | null;
  county: string;
  name: string;
}

/** The school's county and name, as one key. */
export const nameKey = (s: SchoolId): string => `${s.county}/${s.name}`;

/** What made a file the same school as an earlier one: its 学校标识码 (given), or its county and name (null). */
export interface Earlier {
  first: string;
  code: string | null;
}

/** The first file of each school, in the order files come; a later file of a school is told which came first. */
export class FirstFiles {
  private byCode = new Map<string, string>();
  private byName = new Map<string, string>();

  /** The earlier file of this school; undefined when the school is new (this file is then its first). */
  earlier(school: SchoolId, file: string): Earlier | undefined {
    const byCode = school.code === null ? undefined : this.byCode.get(school.code);
    if (byCode !== undefined) return { first: byCode, code: school.code };
    const byName = this.byName.get(nameKey(school));
    if (byName !== undefined) return { first: byName, code: null };
    if (school.code !== null) this.byCode.set(school.code, file);
    this.byName.set(nameKey(school), file);
    return undefined;
  }
}
