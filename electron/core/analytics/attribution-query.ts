import type { AttributionReport } from '../../../shared/analytics';
import { addDays, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow, type TableRow } from '../../db/typed-row';
import { VIDEO_CARD_CID } from '../mail/inline-images';
import { attribute, type InvoiceLife, type PaymentRecord, type Touch } from './attribution';
import { SETTLED_DATE_SQL } from '../ledger/paid-date';
import { TOUCH_ACTIVITY_KINDS, touchAction } from './touch-action';
import { readActivityBody } from '../activity/activity-body';

const PAYMENT = ['id', 'customer_id', 'received_date', 'currency', 'amount_minor'] as const;
/** The payment's columns, its customer's from the join, and the invoice numbers it paid (a group_concat). */
type PaymentRow = ColumnsRow<'payments', (typeof PAYMENT)[number]> & {
  customerExternalId: TableRow<'customers'>['external_id'];
  customerName: TableRow<'customers'>['name'];
  numbers: string | null;
};

/**
 * Reads the payments, touches and invoice lives attribution needs for [from, to] and a window.
 * A touch's day is the UTC date of its activity's timestamp. An email was a video memo when its
 * activity says so, or (for emails sent before activities said) when its outbox message embedded the video card.
 */
export function attributionReport(sqlite: SqliteDb, from: IsoDate, to: IsoDate, windowDays: number): AttributionReport {
  const start = addDays(from, -windowDays);
  const payments = (
    sqlite
      .prepare(
        `
    SELECT ${columns('payments', 'p', PAYMENT)}, c.external_id AS customerExternalId, c.name AS customerName,
           (SELECT group_concat(i.number, '|') FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = p.id) AS numbers
    FROM payments p JOIN customers c ON c.id = p.customer_id
    WHERE p.received_date BETWEEN @from AND @to ORDER BY p.received_date, p.id`,
      )
      .all({ from, to }) as PaymentRow[]
  ).map((p): PaymentRecord => ({
    paymentId: p.id,
    customerId: p.customerId,
    customerExternalId: p.customerExternalId,
    customerName: p.customerName,
    date: p.receivedDate,
    currency: p.currency,
    amountMinor: p.amountMinor,
    invoiceNumbers: p.numbers ? p.numbers.split('|') : [],
  }));

  const touches: Touch[] = [];
  const activityRows = sqlite
    .prepare(
      `
    SELECT a.id, a.customer_id AS customerId, substr(a.occurred_at, 1, 10) AS date, a.kind, a.body,
           CASE WHEN a.kind = 'email' AND (json_extract(a.body, '$.videoMemo') = 1 OR instr(COALESCE(o.html, ''), @videoCid) > 0) THEN 1 ELSE 0 END AS hadVideo
    FROM activities a LEFT JOIN outbox_message_bodies o ON a.kind = 'email' AND o.message_id = json_extract(a.body, '$.outboxId')
    WHERE a.deleted_at IS NULL AND a.kind IN (${TOUCH_ACTIVITY_KINDS.map((k) => `'${k}'`).join(', ')})
      AND substr(a.occurred_at, 1, 10) BETWEEN @start AND @to`,
    )
    .all({ start, to, videoCid: `cid:${VIDEO_CARD_CID}` }) as (ColumnsRow<'activities', 'id' | 'customer_id' | 'kind' | 'body'> & {
    date: IsoDate;
    hadVideo: number;
  })[];
  for (const row of activityRows) {
    const body = readActivityBody(row.id, row.kind, row.body);
    const named = body && touchAction(body, row.hadVideo === 1);
    if (named) touches.push({ customerId: row.customerId, date: row.date, ...named });
  }

  const invoices = sqlite
    .prepare(
      `SELECT customerId, issueDate, dueDate, CASE WHEN status = 'paid' THEN closedDate END AS paidDate, closedDate FROM (
      SELECT i.customer_id AS customerId, i.issue_date AS issueDate, i.due_date AS dueDate, i.status, ${SETTLED_DATE_SQL} AS closedDate
      FROM invoices i WHERE i.status != 'void' AND i.issue_date <= @to)
    WHERE closedDate IS NULL OR closedDate >= @start`,
    )
    .all({ start, to }) as InvoiceLife[];

  return attribute(payments, touches, invoices, { from, to, windowDays });
}
