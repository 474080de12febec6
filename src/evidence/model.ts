// The typed evidence the engine reads: the validated file plus its ledger expanded to one record per date.
import type { EvidenceData, LedgerEntry, RecordType } from './schema.js';

export interface LedgerRecord {
  type: RecordType;
  date: string;
  /** The record's own fields (assigned, graded, form…), shared by every date of a compact entry. */
  fields: Omit<LedgerEntry, 'type' | 'date' | 'dates'>;
  /**
   * The ledger entry it was written in (3: `ledger[3]`), which a reason cites. An index, not a path: a batch
   * makes a record for every date of every school, and a path each was a third of what reading a file allocated.
   */
  entry: number;
}

export interface Evidence {
  data: EvidenceData;
  records: LedgerRecord[];
  /** The same records by type, in the order written: every check selects from them. */
  recordsByType: Map<RecordType, LedgerRecord[]>;
}

export function expandLedger(data: EvidenceData): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  const ledger = data.ledger ?? [];
  for (let i = 0; i < ledger.length; i++) {
    const { type, date, dates, ...fields } = ledger[i] as LedgerEntry;
    if (date !== undefined) records.push({ type, date, fields, entry: i });
    if (dates) for (const d of dates) records.push({ type, date: d, fields, entry: i });
  }
  // In the order written: every rule counts or collects, none depends on order.
  return records;
}

export function toEvidence(data: EvidenceData): Evidence {
  const records = expandLedger(data);
  const recordsByType = new Map<RecordType, LedgerRecord[]>();
  for (const r of records) {
    const list = recordsByType.get(r.type);
    if (list) list.push(r);
    else recordsByType.set(r.type, [r]);
  }
  return { data, records, recordsByType };
}
