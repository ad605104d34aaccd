import type { TableRow, ColumnsRow } from '../../db/typed-row';
import type { CreditRecord } from './records';
import type { WriteScope } from './write-scope';

/** findCredit reads `SELECT *`: the row is the table's, as the migrations build it. */
type CreditRow = TableRow<'credit_notes'>;

/** A credit note or unapplied payment, upserted by (source, external id): its amount and open part are the source's. */
export function upsertCredit(scope: WriteScope, record: CreditRecord): void {
  const { stmt, source, now, touched, counts } = scope;
  const customerId = scope.customerId(record.customerExternalId, record.customerName, record.currency);
  const find = () => stmt.findCredit.get(source, record.externalId) as CreditRow | undefined;
  const existing = find() ?? (record.formerIdPrefix && takeOverFormerCredit(scope, record, record.formerIdPrefix, customerId) ? find() : undefined);
  const values = {
    customerId,
    source,
    externalId: record.externalId,
    number: record.number,
    kind: record.kind,
    date: record.date,
    currency: record.currency,
    amount: record.amountMinor,
    open: record.openMinor,
    now,
  };
  if (!existing) {
    stmt.insertCredit.run(values);
    touched.add(customerId);
    counts.creditsCreated++;
    counts.created++;
    return;
  }
  const changed =
    existing.customer_id !== customerId ||
    existing.number !== record.number ||
    existing.kind !== record.kind ||
    existing.issue_date !== record.date ||
    existing.currency !== record.currency ||
    existing.amount_minor !== record.amountMinor ||
    existing.open_minor !== record.openMinor;
  if (changed) {
    stmt.updateCredit.run({ ...values, id: existing.id });
    touched.add(customerId).add(existing.customer_id);
    counts.updated++;
  } else {
    counts.unchanged++;
  }
}

/**
 * Gives the credit's id to the one stored under its former name; true when there was one. Only its
 * two file types ever named one credit twice (a CSV's text and a workbook's values), so a further
 * namesake is the same credit imported from the other file: emptied, so it counts once.
 */
function takeOverFormerCredit(scope: WriteScope, record: CreditRecord, prefix: string, customerId: number): boolean {
  const { stmt, source, now } = scope;
  const [former, ...namesakes] = stmt.findFormerCredits.all(source, customerId, record.kind, record.date, record.amountMinor, prefix, prefix) as ColumnsRow<
    'credit_notes',
    'id'
  >[];
  if (!former) return false;
  stmt.renameCredit.run(record.externalId, now, former.id);
  for (const namesake of namesakes) {
    stmt.emptyCredit.run(now, namesake.id);
    scope.touched.add(customerId);
  }
  return true;
}

/** A credit the source deleted: nothing is left to apply. One never imported, or already empty, needs nothing. */
export function emptyDeletedCredit(scope: WriteScope, externalId: string): void {
  const credit = scope.stmt.findCredit.get(scope.source, externalId) as CreditRow | undefined;
  if (!credit || credit.open_minor === 0) return;
  scope.touched.add(credit.customer_id);
  scope.stmt.emptyCredit.run(scope.now, credit.id);
  scope.counts.updated++;
}
