import type { CreditRecord } from '../ledger/records';

/** Stands in for the number of a row that has none, until nameUnnumberedCredit names the credit from its values. */
export const UNNUMBERED = '(no number)';

/**
 * Names a credit that has no number of its own (QuickBooks' unapplied payments) from its values as
 * read: type, customer, ISO date, face amount in minor units, currency and reference. The same
 * payment so gets the same id from a CSV and from a workbook, whatever text either wrote its date
 * and amount as. Such credits were once named by the row's raw text ("Payment 06/01/2026 Jeff's
 * Jalopies -$20.00"): `formerIdPrefix` lets the ledger find one stored under that name by its
 * customer, date and amount and take it over, rather than guess the day/month order of old text.
 */
export function nameUnnumberedCredit(record: CreditRecord, type: string, reference: string): void {
  const values = [type.toLowerCase(), record.customerExternalId, record.date, record.amountMinor, record.currency, reference];
  record.externalId = `unnumbered:${JSON.stringify(values)}`;
  record.number = reference || `${type} ${record.date}`;
  record.formerIdPrefix = `${type} `;
}
