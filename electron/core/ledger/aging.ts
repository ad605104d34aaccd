import {
  AGING_BUCKETS,
  emptyAgingAmounts,
  type AgingAmounts,
  type AgingBucket,
  type AgingCustomerRow,
  type AgingEdges,
  type AgingReport,
} from '../../../shared/aging';
import { daysBetween, type IsoDate } from '../../../shared/dates';

/** One open item as of the aging date: an invoice's balance (positive) or an unapplied credit (negative). */
export interface AgingItem {
  customerId: number;
  externalId: string;
  name: string;
  currency: string;
  /** Due date of an invoice; the date of a credit. */
  dueDate: IsoDate;
  balanceMinor: number;
  /** 1 for an unapplied credit (its balance is negative), 0 for an invoice: the SQL's own flag. */
  credit: 0 | 1;
}

/** Which bucket an item falls in, by whole days past its due date. */
export function agingBucket(daysPastDue: number, edges: AgingEdges): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  const index = edges.findIndex((edge) => daysPastDue <= edge);
  return AGING_BUCKETS[index === -1 ? 5 : index + 1]!;
}

/** Sums items into per-customer rows (one per customer and currency) and per-currency totals. */
export function ageItems(items: readonly AgingItem[], asOf: IsoDate, edges: AgingEdges): AgingReport {
  const rows = new Map<string, AgingCustomerRow>();
  for (const item of items) {
    if (item.balanceMinor === 0) continue;
    const bucket = agingBucket(daysBetween(item.dueDate, asOf), edges);
    const key = `${item.customerId}\u0000${item.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { customerId: item.customerId, externalId: item.externalId, name: item.name, currency: item.currency, ...emptyAgingAmounts() };
      rows.set(key, row);
    }
    row[bucket] += item.balanceMinor;
    if (item.credit) row.credits += item.balanceMinor;
    row.total += item.balanceMinor;
  }
  return agingFromRows([...rows.values()], asOf, edges);
}

/** The report from its per-customer rows (however they were summed): ordered, with per-currency totals. */
export function agingFromRows(rows: AgingCustomerRow[], asOf: IsoDate, edges: AgingEdges): AgingReport {
  const totals: Record<string, AgingAmounts> = {};
  for (const row of rows) {
    const total = (totals[row.currency] ??= emptyAgingAmounts());
    for (const bucket of AGING_BUCKETS) total[bucket] += row[bucket];
    total.credits += row.credits;
    total.total += row.total;
  }
  const customers = rows.sort((a, b) => a.currency.localeCompare(b.currency) || b.total - a.total || a.name.localeCompare(b.name));
  return { asOf, edges, totals: sortKeys(totals), customers };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
