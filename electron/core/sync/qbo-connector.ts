import { log, safeError } from '../../log/log';
import { AppError } from '../../../shared/errors';
import type { ConnectorCapabilities, ErpConnection } from '../../../shared/sync';
import { emptyBatch, type LedgerBatch } from '../ledger/records';
import type { Connector, PulledPage, PushItem } from './connector';
import { qboClient, type QboClient, type QboObject } from './qbo-client';
import { isChargeRef, withoutChargeInvoices } from './charge-invoices-left-out';
import { pushQboChargeInvoice } from './qbo-charge-invoice';
import {
  creditRecord,
  customerRecords,
  invoiceNumber,
  invoiceRecord,
  linkedInvoiceIds,
  paymentRecords,
  unappliedCreditId,
  type QboCreditMemo,
  type QboCustomer,
  type QboInvoice,
  type QboPayment,
} from './qbo-records';
import type { QboTokenStore } from './qbo-token-store';

/** Nothing goes back unless the collector turns notes on: QuickBooks has no activity log of its own to file them in. */
export function qboCapabilities(connection: ErpConnection): ConnectorCapabilities {
  return { customers: true, contacts: true, invoices: true, payments: true, creditNotes: true, paymentLinks: false, push: connection.pushNotes };
}

const SOURCE = 'qbo';
/** The query API's largest page. */
const PAGE_SIZE = 1000;
/** ChangeDataCapture looks back 30 days at most and returns at most 1,000 objects. */
const CDC_WINDOW_MS = 30 * 86_400_000;
const CDC_MAX_OBJECTS = 1000;
/** The next change feed starts this long before the server time of the read it follows, so a change saved as that read ran is not missed. */
const CDC_OVERLAP_MS = 5 * 60_000;
/** Ids per `Id IN (...)` lookup, well within a URL's length. */
const LOOKUP_CHUNK = 200;
/** QuickBooks' limit for a customer's Notes. */
const NOTES_MAX = 2000;

type Entity = 'Payment' | 'Invoice' | 'CreditMemo' | 'Customer';
/** Payments first, each page with the invoices it paid, so the ledger takes them as the history behind the balances QuickBooks states. */
const FULL_ORDER: readonly Entity[] = ['Payment', 'Invoice', 'CreditMemo', 'Customer'];
const STREAMS: Record<Entity, string> = { Payment: 'payments', Invoice: 'invoices', CreditMemo: 'credit memos', Customer: 'customers' };
/** QuickBooks' queries leave inactive customers out unless asked; their invoices still count. */
const WHERE: Partial<Record<Entity, string>> = { Customer: ' where Active IN (true, false)' };

/**
 * `since`: where the next change feed starts, in QuickBooks' own time (the `time` of an answer, less
 * the overlap). `seenAt`: this desk's clock when that answer came, so the feed's 30 days are counted
 * as time elapsed here, which a desk clock set hours or years off cannot skew. `full`: a full read in
 * progress, and the entity and STARTPOSITION of its next page.
 */
interface Cursor {
  since: string;
  seenAt?: string;
  full?: { entity: Entity; start: number };
}

/**
 * QuickBooks Online through its accounting API. The first sync (and any after the change feed's
 * 30 days, a feed too long to trust, or one QuickBooks refuses) reads every entity with the query
 * API, page by page; later ones read ChangeDataCapture since the server time the previous read
 * started, in one page.
 */
export function qboConnector(connection: ErpConnection, tokens: QboTokenStore, clock: () => Date, homeCurrency: string): Connector {
  const client = qboClient(connection, tokens, clock);
  return {
    id: 'qbo',
    capabilities: qboCapabilities(connection),
    test: async (signal) => `Connected to QuickBooks company ${await companyName(client, signal)}.`,
    pull: (cursor, signal) => pull(client, parseCursor(cursor), clock, homeCurrency, signal),
    ...(connection.pushNotes ? { push: (item: PushItem, signal: AbortSignal) => push(client, item, signal) } : {}),
    pushChargeInvoice: (invoice, signal) => pushQboChargeInvoice(client, invoice, homeCurrency, signal),
  };
}

export async function companyName(client: QboClient, signal: AbortSignal): Promise<string> {
  const realmId = client.realmId();
  const info = (await client.get(`companyinfo/${encodeURIComponent(realmId)}`, {}, signal)).CompanyInfo as { CompanyName?: unknown } | undefined;
  return typeof info?.CompanyName === 'string' && info.CompanyName ? info.CompanyName : `#${realmId}`;
}

async function* pull(client: QboClient, cursor: Cursor | null, clock: () => Date, homeCurrency: string, signal: AbortSignal): AsyncGenerator<PulledPage> {
  const withinFeed = cursor !== null && clock().getTime() - Date.parse(cursor.seenAt ?? cursor.since) + CDC_OVERLAP_MS < CDC_WINDOW_MS;
  if (cursor?.full && withinFeed) {
    yield* fullRead(client, cursor, clock, homeCurrency, signal);
    return;
  }
  if (cursor && withinFeed) {
    const page = await changes(client, cursor.since, clock, homeCurrency, signal).catch((error: unknown) => {
      if (!feedRefused(error)) throw error;
      log.warn('sync.qbo.feed-refused', safeError(error));
      return null;
    });
    if (page) {
      yield page;
      return;
    }
  }
  yield* fullRead(client, null, clock, homeCurrency, signal);
}

/**
 * QuickBooks refused the change feed's request (a 400 Fault, as for a start more than 30 days
 * back): the desk's clock, which counts those days, was set right since the last read. A full read
 * is always right, so it takes the feed's place instead of failing at every sync from then on.
 */
function feedRefused(error: unknown): boolean {
  return error instanceof AppError && (error.details as { status?: unknown } | undefined)?.status === 400;
}

/**
 * Every entity, STARTPOSITION from 1 by MAXRESULTS 1000, until a page is short or empty; each page
 * carries the position after it. A new read takes its change-feed start from its first answer's time.
 */
async function* fullRead(client: QboClient, resumed: Cursor | null, clock: () => Date, homeCurrency: string, signal: AbortSignal): AsyncGenerator<PulledPage> {
  const resumeAt = resumed?.full ?? { entity: FULL_ORDER[0]!, start: 1 };
  let feed: Omit<Cursor, 'full'> | null = resumed ? { since: resumed.since, ...(resumed.seenAt ? { seenAt: resumed.seenAt } : {}) } : null;
  const from = FULL_ORDER.indexOf(resumeAt.entity);
  for (let index = from; index < FULL_ORDER.length; index++) {
    const entity = FULL_ORDER[index]!;
    const following = FULL_ORDER[index + 1];
    for (let start = index === from ? resumeAt.start : 1; ; start += PAGE_SIZE) {
      const answer = await query(client, entity, `select * from ${entity}${WHERE[entity] ?? ''} STARTPOSITION ${start} MAXRESULTS ${PAGE_SIZE}`, signal);
      feed ??= feedStart(answer.time, clock);
      const rows = answer.rows;
      const more = rows.length === PAGE_SIZE;
      const next: Cursor = more
        ? { ...feed, full: { entity, start: start + PAGE_SIZE } }
        : following
          ? { ...feed, full: { entity: following, start: 1 } }
          : feed;
      yield {
        stream: STREAMS[entity],
        batch: await entityBatch(client, entity, rows, homeCurrency, signal),
        cursor: JSON.stringify(next),
        records: rows.length,
      };
      if (!more) break;
    }
  }
}

/**
 * Where the next change feed starts: the server's time of an answer (QuickBooks' `time`) less the
 * overlap, so a change saved while the read ran is not missed. An answer without a readable time
 * (never seen from Intuit) falls back to this desk's clock.
 */
function feedStart(time: unknown, clock: () => Date): Omit<Cursor, 'full'> {
  const now = clock();
  const server = typeof time === 'string' || typeof time === 'number' ? new Date(time).getTime() : Number.NaN;
  const at = Number.isNaN(server) ? now.getTime() : server;
  return { since: new Date(at - CDC_OVERLAP_MS).toISOString(), seenAt: now.toISOString() };
}

async function entityBatch(client: QboClient, entity: Entity, rows: QboObject[], homeCurrency: string, signal: AbortSignal): Promise<LedgerBatch> {
  const batch = emptyBatch(SOURCE);
  const invoices = new Map<string, QboInvoice>();
  if (entity === 'Customer') batch.customers = customerRecords(rows as unknown as QboCustomer[], homeCurrency);
  if (entity === 'Invoice') {
    for (const invoice of rows as unknown as QboInvoice[]) invoices.set(invoice.Id, invoice);
    batch.invoices = [...invoices.values()].map((invoice) => invoiceRecord(invoice, homeCurrency));
  }
  if (entity === 'CreditMemo') batch.credits = (rows as unknown as QboCreditMemo[]).map((memo) => creditRecord(memo, homeCurrency));
  if (entity === 'Payment') await addPayments(client, batch, rows as unknown as QboPayment[], invoices, homeCurrency, signal);
  return withoutChargeInvoices(batch, chargeInvoiceNumbers(invoices.values()));
}

/** The numbers of the charges invoices Inflow pushed among these (qbo-charge-invoice.ts marks them). */
function chargeInvoiceNumbers(invoices: Iterable<QboInvoice>): Set<string> {
  return new Set([...invoices].filter((invoice) => isChargeRef(invoice.DocNumber) || isChargeRef(invoice.PrivateNote)).map(invoiceNumber));
}

/** The payments with every invoice they are applied to, read now if the batch does not already have it. */
async function addPayments(
  client: QboClient,
  batch: LedgerBatch,
  payments: QboPayment[],
  known: Map<string, QboInvoice>,
  homeCurrency: string,
  signal: AbortSignal,
): Promise<void> {
  const missing = [...new Set(payments.flatMap(linkedInvoiceIds))].filter((id) => !known.has(id));
  for (let i = 0; i < missing.length; i += LOOKUP_CHUNK) {
    const ids = missing
      .slice(i, i + LOOKUP_CHUNK)
      .map((id) => `'${id.replace(/[^\w-]/g, '')}'`)
      .join(', ');
    const found = (await query(client, 'Invoice', `select * from Invoice where Id IN (${ids}) MAXRESULTS ${PAGE_SIZE}`, signal))
      .rows as unknown as QboInvoice[];
    for (const invoice of found) {
      known.set(invoice.Id, invoice);
      batch.invoices.push(invoiceRecord(invoice, homeCurrency));
    }
  }
  for (const payment of payments) {
    const records = paymentRecords(payment, known, homeCurrency);
    batch.payments.push(...records.payments);
    batch.credits.push(...records.credits);
    // Nothing left to hold (a voided payment, zeroed by QuickBooks): what it once held unapplied is gone.
    if (records.credits.length === 0) (batch.deletedCreditIds ??= []).push(unappliedCreditId(payment.Id));
  }
}

interface Deleted {
  status?: string;
  Id: string;
}

/**
 * One page with everything ChangeDataCapture reports since `from`, or null when its answer is too
 * long to be complete (QuickBooks stops at 1,000 objects) and only a full read is safe.
 */
async function changes(client: QboClient, from: string, clock: () => Date, homeCurrency: string, signal: AbortSignal): Promise<PulledPage | null> {
  const body = await client.get('cdc', { entities: FULL_ORDER.join(','), changedSince: from }, signal);
  const next = feedStart(body.time, clock);
  const response = (body.CDCResponse as { QueryResponse?: unknown }[] | undefined)?.[0]?.QueryResponse;
  if (!Array.isArray(response)) throw new AppError('SYNC_FAILED', 'QuickBooks’ change feed answered without a CDCResponse.');
  const changed = new Map<Entity, QboObject[]>();
  const deleted = new Map<Entity, string[]>();
  let objects = 0;
  for (const list of response as Record<string, unknown>[]) {
    for (const entity of FULL_ORDER) {
      const rows = list[entity];
      if (!Array.isArray(rows)) continue;
      objects += rows.length;
      for (const row of rows as (QboObject & Deleted)[]) {
        const into = row.status === 'Deleted' ? deleted : changed;
        if (!into.has(entity)) into.set(entity, []);
        (into.get(entity) as unknown[]).push(row.status === 'Deleted' ? row.Id : row);
      }
    }
  }
  if (objects >= CDC_MAX_OBJECTS) return null;
  const invoices = (changed.get('Invoice') ?? []) as unknown as QboInvoice[];
  const batch: LedgerBatch = {
    ...emptyBatch(SOURCE),
    customers: customerRecords((changed.get('Customer') ?? []) as unknown as QboCustomer[], homeCurrency),
    invoices: invoices.map((invoice) => invoiceRecord(invoice, homeCurrency)),
    credits: ((changed.get('CreditMemo') ?? []) as unknown as QboCreditMemo[]).map((memo) => creditRecord(memo, homeCurrency)),
    deletedInvoiceIds: deleted.get('Invoice') ?? [],
    // A deleted payment's invoices come back restated; what it left unapplied is gone with it.
    deletedCreditIds: [...(deleted.get('CreditMemo') ?? []), ...(deleted.get('Payment') ?? []).map(unappliedCreditId)],
  };
  const known = new Map(invoices.map((invoice) => [invoice.Id, invoice]));
  await addPayments(client, batch, (changed.get('Payment') ?? []) as unknown as QboPayment[], known, homeCurrency, signal);
  return {
    stream: 'changes',
    batch: withoutChargeInvoices(batch, chargeInvoiceNumbers(known.values())),
    cursor: JSON.stringify(next satisfies Cursor),
    records: objects,
  };
}

/** The rows of one query, and the server's time of the answer; an empty QueryResponse (`{}`) is the end of the list. */
async function query(client: QboClient, entity: Entity, statement: string, signal: AbortSignal): Promise<{ rows: QboObject[]; time: unknown }> {
  const body = await client.get('query', { query: statement }, signal);
  const response = body.QueryResponse as Record<string, unknown> | undefined;
  if (!response || typeof response !== 'object') throw new AppError('SYNC_FAILED', `QuickBooks’ answer to "${statement.slice(0, 60)}" has no QueryResponse.`);
  const rows = response[entity] ?? [];
  if (!Array.isArray(rows)) throw new AppError('SYNC_FAILED', `QuickBooks’ answer for ${entity} is not a list.`);
  return { rows: rows as QboObject[], time: body.time };
}

/**
 * Appends the note to the customer's Notes with a sparse update. The marker goes in the note and the
 * customer is read first, so a push retried after a crash finds its first attempt and stops.
 */
async function push(client: QboClient, item: PushItem, signal: AbortSignal): Promise<'posted' | 'already-there'> {
  const marker = `[inflow:${item.outboxId}]`;
  const customer = (await client.get(`customer/${encodeURIComponent(item.customerExternalId)}`, {}, signal)).Customer as
    { Id?: string; SyncToken?: string; Notes?: string } | undefined;
  if (!customer?.Id || customer.SyncToken === undefined)
    throw new AppError('SYNC_FAILED', `QuickBooks has no customer ${item.customerExternalId} to add the note to.`);
  const notes = customer.Notes ?? '';
  if (notes.includes(marker)) return 'already-there';
  await client.post('customer', { sparse: true, Id: customer.Id, SyncToken: customer.SyncToken, Notes: appendNote(notes, `${marker} ${item.text}`) }, signal);
  return 'posted';
}

/** The newest note last; when Notes would outgrow QuickBooks' limit, the oldest lines make room. */
export function appendNote(notes: string, note: string): string {
  const lines = [...(notes ? notes.split('\n') : []), note.slice(0, NOTES_MAX)];
  while (lines.join('\n').length > NOTES_MAX) lines.shift();
  return lines.join('\n');
}

function parseCursor(cursor: string | null): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(cursor) as Cursor;
    const valid = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
    return valid(parsed.since) && (parsed.seenAt === undefined || valid(parsed.seenAt)) ? parsed : null;
  } catch (error) {
    log.warn('sync.cursor.unreadable', { connector: 'qbo', ...safeError(error) });
    return null;
  }
}
