import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import type { Classification } from './classify/classify-message';
import type { InboundMessage } from './mime/inbound-message';

export type MatchedBy = 'thread' | 'address' | 'domain' | 'invoice';

export interface CustomerMatch {
  customerId: number;
  contactId: number | null;
  matchedBy: MatchedBy;
  /** The message Inflow sent that this one answers or returns. */
  outboxId: number | null;
}

/** Domains shared by many people: an address there says nothing about the company. */
const SHARED_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'proton.me',
  'protonmail.com',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
]);
/** An invoice number as written in a subject or a sentence: letters, digits and separators with at least one digit. */
const INVOICE_TOKEN = /(?<![\w-])[A-Z0-9][A-Z0-9/#._-]{2,30}(?![\w-])/gi;

/**
 * Finds the customer a message is about, most certain first: it answers or returns a message Inflow
 * sent (In-Reply-To, References, the returned message's Message-ID); it comes from (or, for a bounce,
 * failed at) a contact's address; from a contact's company domain; or it names one customer's
 * invoice numbers. Null: the collector assigns it.
 */
export function matchMessage(sqlite: SqliteDb, message: InboundMessage, reading: Classification): CustomerMatch | null {
  const failed = reading.bounce?.recipient ?? null;
  const thread = byThread(sqlite, [reading.originalMessageId, ...message.inReplyTo, ...message.references]);
  if (thread) return { ...thread, contactId: contactOf(sqlite, thread.customerId, failed) ?? thread.contactId };
  const addresses = [failed ?? message.from?.address, message.replyTo?.address].filter((a): a is string => Boolean(a));
  for (const address of addresses) {
    const owners = prepareCached(sqlite, 'SELECT id, customer_id AS customerId FROM contacts WHERE lower(email) = ?').all(address) as ColumnsRow<
      'contacts',
      'id' | 'customer_id'
    >[];
    if (new Set(owners.map((o) => o.customerId)).size === 1)
      return { customerId: owners[0]!.customerId, contactId: owners[0]!.id, matchedBy: 'address', outboxId: null };
  }
  // A bounce comes from a server, not the company: only its failed address may name the customer.
  const domain = reading.kind === 'bounce' ? null : (message.from?.address.split('@')[1] ?? null);
  if (domain && !SHARED_DOMAINS.has(domain)) {
    const owners = prepareCached(sqlite, "SELECT DISTINCT customer_id AS customerId FROM contacts WHERE lower(email) LIKE '%@' || ?").all(domain) as ColumnsRow<
      'contacts',
      'customer_id'
    >[];
    if (owners.length === 1) return { customerId: owners[0]!.customerId, contactId: null, matchedBy: 'domain', outboxId: null };
  }
  return byInvoiceNumbers(sqlite, `${message.subject}\n${message.text.slice(0, 4000)}`);
}

function byThread(sqlite: SqliteDb, ids: (string | null)[]): CustomerMatch | null {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].slice(0, 50);
  if (wanted.length === 0) return null;
  const row = sqlite
    .prepare(
      `SELECT id, customer_id AS customerId, contact_id AS contactId FROM outbox_messages WHERE message_id IN (${wanted.map(() => '?').join(', ')})
    ORDER BY id DESC LIMIT 1`,
    )
    .get(...wanted) as ColumnsRow<'outbox_messages', 'id' | 'customer_id' | 'contact_id'> | undefined;
  return row ? { customerId: row.customerId, contactId: row.contactId, matchedBy: 'thread', outboxId: row.id } : null;
}

function contactOf(sqlite: SqliteDb, customerId: number, address: string | null): number | null {
  if (!address) return null;
  const row = prepareCached(sqlite, 'SELECT id FROM contacts WHERE customer_id = ? AND lower(email) = ?').get(customerId, address) as
    ColumnsRow<'contacts', 'id'> | undefined;
  return row?.id ?? null;
}

function byInvoiceNumbers(sqlite: SqliteDb, text: string): CustomerMatch | null {
  const tokens = [...new Set([...text.matchAll(INVOICE_TOKEN)].map((m) => m[0]).filter((t) => /\d/.test(t) && t.length >= 4))].slice(0, 200);
  if (tokens.length === 0) return null;
  const owners = sqlite
    .prepare(`SELECT DISTINCT customer_id AS customerId FROM invoices WHERE number IN (${tokens.map(() => '?').join(', ')})`)
    .all(...tokens) as ColumnsRow<'invoices', 'customer_id'>[];
  return owners.length === 1 ? { customerId: owners[0]!.customerId, contactId: null, matchedBy: 'invoice', outboxId: null } : null;
}
