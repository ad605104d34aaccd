import type { DrilldownBucket, DrilldownInvoice } from '../../../shared/analytics';
import type { AgingEdges } from '../../../shared/aging';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { agingBucket } from '../ledger/aging';
import { openItemDetails } from '../ledger/aging-query';

/** The open items behind a bar or a tile: as of a date, in one currency, in a bucket (or all past due), largest first. */
export function drilldownInvoices(sqlite: SqliteDb, asOf: IsoDate, currency: string, bucket: DrilldownBucket, edges: AgingEdges): DrilldownInvoice[] {
  return openItemDetails(sqlite, asOf)
    .filter((item) => item.currency === currency)
    .map((item) => ({ item, daysPastDue: daysBetween(item.dueDate, asOf) }))
    .filter(({ daysPastDue }) => bucket === 'all' || (bucket === 'past_due' ? daysPastDue > 0 : agingBucket(daysPastDue, edges) === bucket))
    .map(({ item, daysPastDue }) => ({
      invoiceNumber: item.number, customerExternalId: item.externalId, customerName: item.name, currency: item.currency,
      issueDate: item.issueDate, dueDate: item.dueDate, balanceMinor: item.balanceMinor, daysPastDue,
    }))
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.invoiceNumber.localeCompare(b.invoiceNumber));
}
