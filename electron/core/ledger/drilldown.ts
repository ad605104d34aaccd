import type { DrilldownBucket, DrilldownInvoice } from '../../../shared/analytics';
import type { AgingEdges } from '../../../shared/aging';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { agingBucket } from './aging';
import { openItemDetails, type AgingItemDetail } from './aging-query';

/** The open items as of a date that `keep` accepts, largest first: what every invoice drill-down lists. */
export function drilldownInvoices(sqlite: SqliteDb, asOf: IsoDate, keep: (item: AgingItemDetail, daysPastDue: number) => boolean): DrilldownInvoice[] {
  return openItemDetails(sqlite, asOf)
    .map((item) => ({ item, daysPastDue: daysBetween(item.dueDate, asOf) }))
    .filter(({ item, daysPastDue }) => keep(item, daysPastDue))
    .map(({ item, daysPastDue }) => ({
      invoiceNumber: item.number,
      customerExternalId: item.externalId,
      customerName: item.name,
      currency: item.currency,
      issueDate: item.issueDate,
      dueDate: item.dueDate,
      balanceMinor: item.balanceMinor,
      daysPastDue,
    }))
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.invoiceNumber.localeCompare(b.invoiceNumber));
}

/** The items behind an aging bar or a tile: in one currency, in a bucket (or all past due, or all). */
export function agingBucketFilter(currency: string, bucket: DrilldownBucket, edges: AgingEdges) {
  return (item: AgingItemDetail, daysPastDue: number): boolean =>
    item.currency === currency && (bucket === 'all' || (bucket === 'past_due' ? daysPastDue > 0 : agingBucket(daysPastDue, edges) === bucket));
}
