import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { SAMPLE_SOURCE } from './generate-sample';
import type { SampleCollection, SampleTouch } from './collection-history';

/** Who recorded the sample's history: how a second load knows it is already there. */
const SAMPLE_AUTHOR = 'sample';
const PROMISE_GRACE_DAYS = 2;

/**
 * Writes the sample's collection history as a collector's own actions would be stored (timeline
 * entries with their promises, disputes and offers), but with no sync-outbox rows: none of it
 * happened in the ERP. Once only; a second load of the sample leaves it as it is.
 */
export function writeCollectionHistory(sqlite: SqliteDb, collections: readonly SampleCollection[], now: string): number {
  if (sqlite.prepare('SELECT 1 FROM activities WHERE created_by = ? LIMIT 1').get(SAMPLE_AUTHOR)) return 0;
  const invoices = new Map(
    (
      sqlite
        .prepare(
          `SELECT i.number, i.id, i.customer_id AS customerId, (SELECT email FROM contacts WHERE customer_id = i.customer_id ORDER BY is_primary DESC, id LIMIT 1) AS email
    FROM invoices i WHERE i.source = ?`,
        )
        .all(SAMPLE_SOURCE) as (ColumnsRow<'invoices', 'number' | 'id' | 'customer_id'> & ColumnsRow<'contacts', 'email'>)[]
    ).map((r) => [r.number, r]),
  );
  const stmt = {
    activity: sqlite.prepare('INSERT INTO activities (customer_id, invoice_id, kind, occurred_at, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    promise: sqlite.prepare(
      'INSERT INTO promises (customer_id, activity_id, currency, amount_minor, promised_date, made_date, grace_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    promiseInvoice: sqlite.prepare('INSERT INTO promise_invoices (promise_id, invoice_id) VALUES (?, ?)'),
    dispute:
      sqlite.prepare(`INSERT INTO disputes (customer_id, reason_code, owner, sla_days, opened_date, status, resolved_date, resolution_note, note, created_at)
      VALUES (?, ?, NULL, ?, ?, 'resolved', ?, ?, '', ?)`),
    disputeInvoice: sqlite.prepare('INSERT INTO dispute_invoices (dispute_id, invoice_id) VALUES (?, ?)'),
    offer: sqlite.prepare(
      'INSERT INTO discount_offers (customer_id, activity_id, currency, percent_bp, pay_by, offered_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    offerInvoice: sqlite.prepare('INSERT INTO discount_offer_invoices (offer_id, invoice_id) VALUES (?, ?)'),
  };
  let written = 0;
  for (const collection of collections) {
    const invoice = invoices.get(collection.invoiceNumber);
    if (!invoice) continue;
    const record = (kind: string, date: string, body: Record<string, unknown>): number => {
      written++;
      // Working hours, spread by the invoice so a day's entries do not share a timestamp.
      const minute = (invoice.id * 37 + written) % 480;
      const at = `${date}T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;
      return Number(stmt.activity.run(invoice.customerId, invoice.id, kind, at, JSON.stringify(body), SAMPLE_AUTHOR, now).lastInsertRowid);
    };
    for (const touch of collection.touches) writeTouch(touch);

    function writeTouch(touch: SampleTouch): void {
      switch (touch.kind) {
        case 'email':
          record('email', touch.date, {
            subject: touch.subject,
            to: invoice!.email ?? '',
            templateId: touch.templateId,
            ...(touch.videoMemo ? { videoMemo: true } : {}),
          });
          return;
        case 'call':
          record('call', touch.date, { outcome: touch.outcome, direction: 'outbound', notes: touch.notes });
          return;
        case 'ladder_task':
          record('ladder_task', touch.date, { channel: touch.channel, label: touch.label, invoiceNumbers: [collection.invoiceNumber] });
          return;
        case 'promise': {
          const activity = record('promise', touch.date, {
            amountMinor: touch.amountMinor,
            currency: collection.currency,
            promisedDate: touch.promisedDate,
            invoiceIds: [invoice!.id],
            note: '',
          });
          const id = Number(
            stmt.promise.run(invoice!.customerId, activity, collection.currency, touch.amountMinor, touch.promisedDate, touch.date, PROMISE_GRACE_DAYS, now)
              .lastInsertRowid,
          );
          stmt.promiseInvoice.run(id, invoice!.id);
          return;
        }
        case 'discount_offered': {
          const activity = record('discount_offered', touch.date, {
            invoiceIds: [invoice!.id],
            percentBp: touch.percentBp,
            payBy: touch.payBy,
            currency: collection.currency,
            note: '',
          });
          const id = Number(stmt.offer.run(invoice!.customerId, activity, collection.currency, touch.percentBp, touch.payBy, touch.date, now).lastInsertRowid);
          stmt.offerInvoice.run(id, invoice!.id);
          return;
        }
        case 'dispute': {
          record('dispute_opened', touch.date, { invoiceIds: [invoice!.id], reasonCode: touch.reasonCode, owner: null, slaDays: touch.slaDays, note: '' });
          const resolution = 'Credit agreed; customer paid the balance';
          const id = Number(
            stmt.dispute.run(invoice!.customerId, touch.reasonCode, touch.slaDays, touch.date, touch.resolvedDate, resolution, now).lastInsertRowid,
          );
          stmt.disputeInvoice.run(id, invoice!.id);
          record('dispute_resolved', touch.resolvedDate, { disputeId: id, resolutionNote: resolution });
          return;
        }
      }
    }
  }
  return written;
}
