import { addDays, localToday, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { PURPOSE_RULES, type RecentContact, type Wording } from '../../../shared/outreach/guard';
import type { LadderCustomer, LadderInvoice } from '../../../shared/outreach/ladder';
import type { TemplatePurpose } from '../../../shared/outreach/template-fields';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { inboxHolds } from '../inbox/inbox-holds';
import { bookParams, liveBook, type Book } from '../ledger/book';
import { getSetting } from '../settings';
import { readSmsReach } from '../sms/sms-reach';
import { smsTemplates } from '../sms/sms-templates';
import { readLadderFacts } from './ladder-facts';
import { recipientOf } from '../mail/merge-values';
import type { GuardDay } from './send-guard';
import { syncFreshness } from '../sync/sync-freshness';

/** What the guard reads besides the ladder's facts, and how it reads them for a few customers or many. */

/** The guard's rules for a send on `day`, from the settings and the last ERP import (read today: freshness is about now). */
export function guardDay(sqlite: SqliteDb, today: IsoDate, day: IsoDate = today): GuardDay {
  const settings = getSetting(sqlite, 'outreach');
  return { day, syncFresh: syncFreshness(sqlite, today, settings.syncFreshnessDays).fresh, rhythmDays: settings.contactRhythmDays };
}

/** Below this many customers, reading each one by its index beats reading the whole book. */
const PER_CUSTOMER_READS = 200;

/** Each template's wording, from its purpose (emails' stored, texts' shipped); a template not stored fits anything (a saved policy names only stored ones). */
export function templateWordings(sqlite: SqliteDb): (templateId: string, channel: 'email' | 'sms') => Wording {
  const rows = prepareCached(sqlite, "SELECT id, purpose FROM email_templates WHERE language = 'en'").all() as { id: string; purpose: TemplatePurpose }[];
  const wording = new Map(rows.map((row) => [row.id, PURPOSE_RULES[row.purpose]?.wording ?? 'any']));
  const texts = new Map([...smsTemplates().values()].map((template) => [template.id, PURPOSE_RULES[template.purpose]?.wording ?? 'any']));
  return (templateId, channel) => (channel === 'sms' ? texts : wording).get(templateId) ?? 'any';
}

export interface RecentOptions {
  /** At send time only messages that went count: another one still queued may yet be held. */
  sentOnly?: boolean;
  /** The message being checked itself. */
  exceptMessageId?: number;
}

/**
 * Messages to each customer (all, or one) in the `rhythmDays` up to the book's day: sent, being
 * sent, or waiting in the outbox. A message's day is the local day it was sent, or queued while it
 * waits. On a past day a message sent later was waiting then, and one held or failed later had not
 * been yet (its last change is after the day).
 */
export function readRecentContacts(
  sqlite: SqliteDb,
  book: Book,
  rhythmDays: number,
  scope?: CustomerScope,
  options: RecentOptions = {},
): Map<number, RecentContact[]> {
  const recent = new Map<number, RecentContact[]>();
  if (rhythmDays <= 0) return recent;
  const day = book.day;
  const first = addDays(day, 1 - rhythmDays);
  const statuses = options.sentOnly ? "'sending', 'sent', 'uncertain'" : "'queued', 'sending', 'sent', 'uncertain'";
  const at = book.past ? 'CASE WHEN m.sent_at < @dayAfter THEN m.sent_at ELSE m.created_at END' : 'coalesce(m.sent_at, m.created_at)';
  const status = book.past ? `(m.status IN (${statuses}) OR m.updated_at >= @dayAfter)` : `m.status IN (${statuses})`;
  // A day early as text, since a timestamp is UTC and the day is local; the exact day is decided below.
  const rows = prepareCached(
    sqlite,
    `
    SELECT m.customer_id AS customerId, ${at} AS at, m.ladder_step_id IS NOT NULL AS ladder, m.channel, coalesce(t.name, m.template_id) AS label
    FROM ${book.outbox} m LEFT JOIN email_templates t ON t.id = m.template_id AND t.language = 'en'
    WHERE ${status} AND ${at} >= @since AND m.id != @except ${inScope('m.customer_id', scope)}
    ORDER BY at`,
  ).all({ since: addDays(first, -1), except: options.exceptMessageId ?? 0, ...bookParams(book), ...scopeParams(scope) }) as (ColumnsRow<
    'outbox_messages',
    'customer_id'
  > & { at: string; ladder: number; channel: string; label: string })[];
  for (const row of rows) {
    const on = localToday(new Date(row.at));
    if (on < first || on > day) continue;
    const list = recent.get(row.customerId) ?? [];
    // A text's template is a file, not a row: name it as the ladder editor does.
    const text = row.channel === 'sms' ? { channel: 'sms' as const, label: smsTemplates().get(row.label)?.name ?? row.label } : null;
    list.push({ on, by: row.ladder ? 'ladder' : 'manual', label: row.label, ...text });
    recent.set(row.customerId, list);
  }
  return recent;
}

/** The ladder's facts for these customers: one read per customer for a few, one of the whole book for many. */
export function ladderFactsOf(sqlite: SqliteDb, book: Book, customerIds: readonly number[]): LadderCustomer[] {
  const chosen = [...new Set(customerIds)];
  if (chosen.length <= PER_CUSTOMER_READS) return chosen.flatMap((id) => readLadderFacts(sqlite, book, id));
  const wanted = new Set(chosen);
  return readLadderFacts(sqlite, book).filter((customer) => wanted.has(customer.customerId));
}

/** The messages of the rhythm's window for these customers, read like their facts. */
export function recentContactsOf(
  sqlite: SqliteDb,
  book: Book,
  rhythmDays: number,
  customerIds: readonly number[],
  options: RecentOptions = {},
): Map<number, RecentContact[]> {
  const chosen = [...new Set(customerIds)];
  if (chosen.length > PER_CUSTOMER_READS) return readRecentContacts(sqlite, book, rhythmDays, undefined, options);
  return new Map(chosen.flatMap((id) => [...readRecentContacts(sqlite, book, rhythmDays, id, options)]));
}

/** What the guard needs of one customer a message is written to. */
export interface DraftFacts {
  customer: LadderCustomer;
  /** Every open invoice, and any closed one the message names. */
  invoices: Map<number, LadderInvoice>;
}

/**
 * The guard's facts for the customers of a batch of messages about to go on `day` (today's book). A customer with nothing open has no
 * ladder facts, but may still be snoozed or have no address; invoices a message names that are no
 * longer open are read as paid; an invoice of another customer is refused.
 */
export function readDraftFacts(
  sqlite: SqliteDb,
  day: IsoDate,
  rhythmDays: number,
  drafts: readonly { customerId: number; invoiceIds: readonly number[] }[],
  recentOptions: RecentOptions = {},
  /** For texts: the moment they would go, which their sending hours are judged at. */
  smsAt?: Date,
): Map<number, DraftFacts> {
  const ids = drafts.map((draft) => draft.customerId);
  const book = liveBook(day);
  const facts = new Map(ladderFactsOf(sqlite, book, ids).map((customer) => [customer.customerId, customer]));
  const recent = recentContactsOf(sqlite, book, rhythmDays, ids, recentOptions);
  const reach = smsAt ? readSmsReach(sqlite, smsAt, ids) : null;
  const result = new Map<number, DraftFacts>();
  for (const customerId of new Set(ids)) {
    const customer = facts.get(customerId) ?? bareCustomer(sqlite, day, customerId);
    // The ladder's email channel asks for any address; a message goes to one that is well formed.
    const hasEmailContact = recipientOf(sqlite, customerId) !== null;
    result.set(customerId, {
      customer: { ...customer, hasEmailContact, recent: recent.get(customerId) ?? [], ...(reach?.has(customerId) ? { sms: reach.get(customerId)! } : {}) },
      invoices: new Map(customer.invoices.map((invoice) => [invoice.invoiceId, invoice])),
    });
  }
  for (const draft of drafts) {
    const known = result.get(draft.customerId)!.invoices;
    const missing = draft.invoiceIds.filter((id) => !known.has(id));
    for (const invoice of closedInvoices(sqlite, draft.customerId, missing)) known.set(invoice.invoiceId, invoice);
  }
  return result;
}

function bareCustomer(sqlite: SqliteDb, day: IsoDate, customerId: number): LadderCustomer {
  const row = prepareCached(
    sqlite,
    `SELECT c.external_id AS externalId, c.name, c.segment,
      EXISTS (SELECT 1 FROM snoozes s WHERE s.customer_id = c.id AND s.until_date > ?) AS snoozed
    FROM customers c WHERE c.id = ?`,
  ).get(day, customerId) as (ColumnsRow<'customers', 'external_id' | 'name' | 'segment'> & { snoozed: number }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  return {
    customerId,
    externalId: row.externalId,
    name: row.name,
    segment: row.segment,
    snoozed: row.snoozed === 1,
    inboxHold: inboxHolds(sqlite, day, customerId).get(customerId) ?? null,
    hasEmailContact: false,
    invoices: [],
  };
}

/** Invoices named by a message that are not open: nothing to ask for. */
function closedInvoices(sqlite: SqliteDb, customerId: number, invoiceIds: readonly number[]): LadderInvoice[] {
  if (invoiceIds.length === 0) return [];
  const rows = sqlite
    .prepare(
      `SELECT id, number, due_date AS dueDate, currency, open_minor AS openMinor, status FROM invoices
    WHERE customer_id = ? AND id IN (${invoiceIds.map(() => '?').join(', ')})`,
    )
    .all(customerId, ...invoiceIds) as ColumnsRow<'invoices', 'id' | 'number' | 'due_date' | 'currency' | 'open_minor' | 'status'>[];
  if (rows.length !== new Set(invoiceIds).size) throw new AppError('INVALID_INPUT', 'Some of the chosen invoices do not belong to this customer.');
  return rows.map((row) => ({
    invoiceId: row.id,
    number: row.number,
    dueDate: row.dueDate,
    currency: row.currency,
    openMinor: row.openMinor,
    // Open with nothing left to pay reads as paid, like any invoice not open.
    status: row.status === 'open' ? 'open' : row.status === 'paid' ? 'paid' : 'closed',
    inTransit: false,
    disputed: false,
    promised: false,
    inPlan: false,
    doneStepIds: [],
    lastStepTakenOn: null,
  }));
}
