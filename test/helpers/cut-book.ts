import { addDays, type IsoDate } from '../../shared/dates';
import type { SqliteDb } from '../../electron/db/sqlite';

/**
 * Makes a database the book as it would have been had nothing happened after the end of `day`,
 * written independently of the core's as-of reader (electron/core/ledger/book.ts) so the two can
 * check each other: balances put back from the allocations after it, later rows deleted, later
 * resolutions and cancellations undone, and the risk model (learned from what came after) dropped.
 */
export function cutBookAfter(sqlite: SqliteDb, day: IsoDate): void {
  const p = { day, dayAfter: addDays(day, 1) };
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `UPDATE invoices SET open_minor = open_minor + (SELECT SUM(amount_minor) FROM allocations a WHERE a.invoice_id = invoices.id AND a.applied_date > @day)
      WHERE id IN (SELECT invoice_id FROM allocations WHERE applied_date > @day)`,
      )
      .run(p);
    sqlite
      .prepare(
        `UPDATE credit_notes SET open_minor = open_minor + (SELECT SUM(amount_minor) FROM allocations a WHERE a.credit_note_id = credit_notes.id AND a.applied_date > @day)
      WHERE id IN (SELECT credit_note_id FROM allocations WHERE applied_date > @day)`,
      )
      .run(p);
    sqlite.prepare("UPDATE invoices SET status = 'open', closed_date = NULL WHERE open_minor > 0 AND status != 'void'").run();
    sqlite.prepare("UPDATE invoices SET status = 'paid' WHERE open_minor <= 0 AND status = 'open'").run();
    sqlite.prepare('UPDATE invoices SET closed_date = @day WHERE closed_date > @day').run(p);
    sqlite.prepare('UPDATE invoices SET in_transit_since = NULL WHERE in_transit_since > @day').run(p);
    for (const sql of [
      'DELETE FROM allocations WHERE applied_date > @day',
      'DELETE FROM payments WHERE received_date > @day',
      'DELETE FROM credit_notes WHERE issue_date > @day',
      'DELETE FROM invoices WHERE issue_date > @day',
      'DELETE FROM activities WHERE occurred_at >= @dayAfter',
      'DELETE FROM disputes WHERE opened_date > @day',
      "UPDATE disputes SET status = 'open', resolved_date = NULL, resolution_note = NULL WHERE resolved_date > @day",
      'DELETE FROM promises WHERE made_date > @day',
      'UPDATE promises SET cancelled_date = NULL WHERE cancelled_date > @day',
      'DELETE FROM payment_plans WHERE start_date > @day',
      'UPDATE payment_plans SET cancelled_date = NULL WHERE cancelled_date > @day',
      'DELETE FROM discount_offers WHERE offered_date > @day',
      'DELETE FROM snoozes WHERE created_at >= @dayAfter',
      'DELETE FROM ladder_invoice_steps WHERE taken_at >= @dayAfter',
      'DELETE FROM outbox_messages WHERE created_at >= @dayAfter',
      'DELETE FROM customer_risk',
      'DELETE FROM risk_models',
    ])
      sqlite.prepare(sql).run(sql.includes('@dayAfter') ? { dayAfter: p.dayAfter } : sql.includes('@day') ? { day } : {});
  })();
}
