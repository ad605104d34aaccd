import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { getSetting } from '../settings';
import type { PulledChange } from './published-change';
import { writePulledInbox } from './published-inbox';
import type { PublishedRows } from './published-rows';
import { bindRecord, domainKey, invoiceIdsOf, sharedRecord } from './team-keys';

/** A pulled activity about to get its domain rows here: its new timeline entry and its body with local invoice ids. */
export interface PulledEntry {
  sqlite: SqliteDb;
  change: PulledChange;
  customerId: number;
  activityId: number;
  body: Record<string, unknown>;
  now: string;
}

type Writer = (entry: PulledEntry, rows: PublishedRows) => void;

/**
 * The rows an activity wrote on its origin desk, written here as well, so the worklist, the ladder's
 * guard and the timeline act on another desk's promise, dispute, plan, snooze, offer, in-transit mark,
 * send, ladder step or Inbox message exactly as on a local one. Runs in the pull's transaction, once per change
 * (apply-change.ts records it applied); a change published before these rows were shared falls back
 * to the day it happened.
 */
export function writePulledRows(entry: PulledEntry): void {
  const rows = entry.change.payload.rows ?? {};
  WRITERS[entry.change.payload.kind]?.(entry, rows);
  if (rows.ladderSteps && !SENDS.has(entry.change.payload.kind)) takeSteps(entry, rows, null);
}

const SENDS = new Set(['email', 'sms']);

const dayOf = (entry: PulledEntry, rows: PublishedRows, field: string): string => {
  const value = rows.row?.[field];
  return typeof value === 'string' ? value : entry.change.occurredAt.slice(0, 10);
};
const invoiceIds = (entry: PulledEntry): number[] => [...new Set(Array.isArray(entry.body.invoiceIds) ? (entry.body.invoiceIds as number[]) : [])];
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function link(sqlite: SqliteDb, table: string, column: string, id: number, invoices: readonly number[]): void {
  const insert = prepareCached(sqlite, `INSERT OR IGNORE INTO ${table} (${column}, invoice_id) VALUES (?, ?)`);
  for (const invoiceId of invoices) insert.run(id, invoiceId);
}

/** Binds the new row to the key its origin gave it, so a cancel or resolve from any desk finds it. */
function named(entry: PulledEntry, entity: string, id: number): void {
  bindRecord(entry.sqlite, domainKey(entity, entry.change.deskId, entry.change.localId), entity, id, entry.change.seq);
}

/** The local row a cancel or resolve is about; null when it never reached this desk. */
function targetOf(entry: PulledEntry, rows: PublishedRows): number | null {
  return rows.target ? (sharedRecord(entry.sqlite, rows.target)?.localId ?? null) : null;
}

const WRITERS: Record<string, Writer> = {
  promise: (entry, rows) => {
    const { sqlite, body } = entry;
    const grace = typeof rows.row?.graceDays === 'number' ? rows.row.graceDays : getSetting(sqlite, 'promiseGraceDays');
    const id = Number(
      prepareCached(
        sqlite,
        `INSERT INTO promises (customer_id, activity_id, currency, amount_minor, promised_date, made_date, grace_days, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(entry.customerId, entry.activityId, body.currency, body.amountMinor, body.promisedDate, dayOf(entry, rows, 'madeDate'), grace, entry.now)
        .lastInsertRowid,
    );
    link(sqlite, 'promise_invoices', 'promise_id', id, invoiceIds(entry));
    named(entry, 'promise', id);
  },
  dispute_opened: (entry, rows) => {
    const { sqlite, body } = entry;
    const id = Number(
      prepareCached(sqlite, 'INSERT INTO disputes (customer_id, reason_code, owner, sla_days, opened_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        entry.customerId,
        body.reasonCode,
        text(body.owner),
        body.slaDays,
        dayOf(entry, rows, 'openedDate'),
        text(body.note),
        entry.now,
      ).lastInsertRowid,
    );
    link(sqlite, 'dispute_invoices', 'dispute_id', id, invoiceIds(entry));
    named(entry, 'dispute', id);
  },
  plan_created: (entry, rows) => {
    const { sqlite, body } = entry;
    const id = Number(
      prepareCached(
        sqlite,
        'INSERT INTO payment_plans (customer_id, label, currency, start_date, grace_days, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(entry.customerId, body.label, body.currency, dayOf(entry, rows, 'startDate'), body.graceDays, text(body.note), entry.now).lastInsertRowid,
    );
    const installment = prepareCached(sqlite, 'INSERT INTO plan_installments (plan_id, due_date, amount_minor) VALUES (?, ?, ?)');
    for (const i of (body.installments ?? []) as { dueDate: string; amountMinor: number }[]) installment.run(id, i.dueDate, i.amountMinor);
    link(sqlite, 'plan_invoices', 'plan_id', id, invoiceIds(entry));
    named(entry, 'payment_plan', id);
  },
  discount_offered: (entry, rows) => {
    const { sqlite, body } = entry;
    const id = Number(
      prepareCached(
        sqlite,
        'INSERT INTO discount_offers (customer_id, activity_id, currency, percent_bp, pay_by, offered_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(entry.customerId, entry.activityId, body.currency, body.percentBp, body.payBy, dayOf(entry, rows, 'offeredDate'), entry.now).lastInsertRowid,
    );
    link(sqlite, 'discount_offer_invoices', 'offer_id', id, invoiceIds(entry));
    named(entry, 'discount_offer', id);
  },
  promise_cancelled: (entry, rows) => {
    const id = targetOf(entry, rows);
    if (id !== null)
      prepareCached(entry.sqlite, 'UPDATE promises SET cancelled_date = coalesce(cancelled_date, ?) WHERE id = ?').run(dayOf(entry, rows, 'day'), id);
  },
  plan_cancelled: (entry, rows) => {
    const id = targetOf(entry, rows);
    if (id !== null)
      prepareCached(entry.sqlite, 'UPDATE payment_plans SET cancelled_date = coalesce(cancelled_date, ?) WHERE id = ?').run(dayOf(entry, rows, 'day'), id);
  },
  dispute_resolved: (entry, rows) => {
    const id = targetOf(entry, rows);
    if (id === null) return;
    prepareCached(entry.sqlite, "UPDATE disputes SET status = 'resolved', resolved_date = ?, resolution_note = ? WHERE id = ? AND status != 'resolved'").run(
      dayOf(entry, rows, 'day'),
      text(entry.body.resolutionNote) ?? '',
      id,
    );
  },
  snooze: (entry) => {
    prepareCached(
      entry.sqlite,
      `INSERT INTO snoozes (customer_id, until_date, reason, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (customer_id) DO UPDATE SET until_date = excluded.until_date, reason = excluded.reason, created_at = excluded.created_at`,
    ).run(entry.customerId, entry.body.untilDate, text(entry.body.reason) ?? '', entry.now);
  },
  payment_in_transit: (entry, rows) => {
    const mark = prepareCached(entry.sqlite, 'UPDATE invoices SET in_transit_since = ? WHERE id = ? AND customer_id = ?');
    for (const invoiceId of invoiceIds(entry)) mark.run(dayOf(entry, rows, 'day'), invoiceId, entry.customerId);
  },
  /** Out of the chase here too: the ladder, the queue and the send guard read write_offs. */
  write_off: (entry, rows) => {
    const { sqlite, body } = entry;
    const insert = prepareCached(
      sqlite,
      `INSERT INTO write_offs (invoice_id, customer_id, activity_id, currency, amount_minor, reason, written_off_on, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const invoiceId of invoiceIds(entry).slice(0, 1)) {
      insert.run(
        invoiceId,
        entry.customerId,
        entry.activityId,
        body.currency,
        body.amountMinor,
        text(body.reason) ?? '',
        dayOf(entry, rows, 'writtenOffOn'),
        entry.now,
      );
    }
  },
  email_received: (entry, rows) => {
    const { sqlite, change, customerId, activityId, now } = entry;
    if (rows.inbox) writePulledInbox(sqlite, { originDesk: change.deskId, originId: change.localId, customerId, activityId, now }, rows.inbox);
  },
  email: (entry, rows) => sent(entry, rows, 'email'),
  sms: (entry, rows) => sent(entry, rows, 'sms'),
};

/**
 * Another desk's reminder, as a sent message here: the contact rhythm counts it, the Sent list shows
 * it, and the ladder steps it took are taken here too (the message is their reason).
 */
function sent(entry: PulledEntry, rows: PublishedRows, channel: 'email' | 'sms'): void {
  const { sqlite, body, change } = entry;
  if (channel === 'sms' && body.direction !== 'outbound') return;
  const at = change.occurredAt;
  const id = Number(
    prepareCached(
      sqlite,
      `INSERT INTO outbox_messages (idempotency_key, customer_id, template_id, ladder_step_id, to_address, from_address, subject,
      status, attempts, next_attempt_at, message_id, created_at, sent_at, updated_at, channel)
    VALUES (?, ?, ?, ?, ?, '', ?, 'sent', 1, ?, ?, ?, ?, ?, ?)`,
    ).run(
      `team|${change.deskId}|${change.localId}`,
      entry.customerId,
      text(body.templateId) ?? '',
      text(body.ladderStepId),
      text(body.to) ?? '',
      text(body.subject) ?? '',
      at,
      text(body.messageId) ?? '',
      at,
      at,
      entry.now,
      channel,
    ).lastInsertRowid,
  );
  prepareCached(sqlite, "UPDATE activities SET body = json_set(body, '$.outboxId', ?) WHERE id = ?").run(id, entry.activityId);
  takeSteps(entry, rows, id);
}

/** The steps another desk took, taken here: the ladder never repeats them. */
function takeSteps(entry: PulledEntry, rows: PublishedRows, messageId: number | null): void {
  const insert = prepareCached(
    entry.sqlite,
    'INSERT OR IGNORE INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, message_id, taken_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const step of rows.ladderSteps ?? []) {
    const [invoiceId] = invoiceIdsOf(entry.sqlite, [step.invoiceKey]);
    if (invoiceId !== undefined) insert.run(invoiceId, step.policyId, step.stepId, step.state, messageId, entry.change.occurredAt);
  }
}
