// The typed evidence the engine reads: the validated file plus its ledger expanded to one record per date.
import type { EvidenceData, LedgerEntry, RecordType } from './schema.js';

export interface LedgerRecord {
  type: RecordType;
  date: string;
  /** The record's own fields (assigned, graded, form…), shared by every date of a compact entry. */
  fields: Omit<LedgerEntry, 'type' | 'date' | 'dates'>;
  /** Where it was written: ["ledger", 3, "dates", 5]. */
  source: (string | number)[];
}

export interface Evidence {
  data: EvidenceData;
  records: LedgerRecord[];
  /** The same records by type, in the order written: every check selects from them. */
  recordsByType: Map<RecordType, LedgerRecord[]>;
}

export function expandLedger(data: EvidenceData): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  (data.ledger ?? []).forEach((entry, i) => {
    const { type, date, dates, ...fields } = entry;
    if (date !== undefined) records.push({ type, date, fields, source: ['ledger', i, 'date'] });
    (dates ?? []).forEach((d, j) => {
      records.push({ type, date: d, fields, source: ['ledger', i, 'dates', j] });
    });
  });
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
