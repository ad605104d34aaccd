import { log, safeError } from '../../log/log';
import { AppError } from '../../../shared/errors';
import type { ConnectorCapabilities, ErpConnection } from '../../../shared/sync';
import { emptyBatch, type CreditRecord, type LedgerBatch } from '../ledger/records';
import { isChargeRef, withoutChargeInvoices } from './charge-invoices-left-out';
import type { Connector, LedgerView, PulledPage, PushItem, SyncNote } from './connector';
import { pushOdooChargeInvoice } from './odoo-charge-invoice';
import { odooClient, type OdooClient } from './odoo-client';
import {
  historyRecords,
  idOf,
  LINE_FIELDS,
  PARTIAL_FIELDS,
  paymentCreditId,
  paymentCredits,
  RECEIVABLE,
  type OdooLine,
  type OdooPartial,
  type OdooPayment,
} from './odoo-reconciliation';
import { MOVE_FIELDS, moveRecords, partnerRecords, PARTNER_FIELDS, type OdooMove, type OdooPartner } from './odoo-records';

export const ODOO_CAPABILITIES: ConnectorCapabilities = {
  customers: true,
  contacts: true,
  invoices: true,
  payments: true,
  creditNotes: true,
  paymentLinks: true,
  push: true,
};

const PAGE_SIZE = 200;
const SOURCE = 'odoo';

/** Customer invoices and credit notes once posted; cancelled ones too, so one cancelled after posting is closed here. */
const MOVE_DOMAIN = [
  ['move_type', 'in', ['out_invoice', 'out_refund']],
  ['state', 'in', ['posted', 'cancel']],
];
/** Money received from customers: posted (16–17), in process or paid (18+). */
const PAYMENT_DOMAIN = [
  ['payment_type', '=', 'inbound'],
  ['partner_type', '=', 'customer'],
  ['state', 'in', ['posted', 'in_process', 'paid']],
];
const PAYMENT_FIELDS = ['move_id', 'write_date'];
/** Ids per `in` list when the ledger's open items are looked up. */
const LOOKUP_CHUNK = 1000;
const PARTNER_DOMAIN = ['|', ['customer_rank', '>', 0], ['commercial_partner_id.customer_rank', '>', 0]];

/** Where a stream stopped: the last record's write_date and id, the tie-breaker among equal dates. */
interface Position {
  writeDate: string;
  id: number;
}
type Cursor = Partial<Record<StreamName, Position>>;
type StreamName = 'payments' | 'moves' | 'partners';

interface Row {
  id: number;
  write_date: string;
}

/**
 * Odoo through its external API. Streams are read in this order, each by write_date then id: every
 * changed invoice and credit note, each page with the matches on its receivable lines (which say what
 * paid it, and when), so the ledger takes them as the history behind the balances Odoo states; then
 * payments, for what each has not been matched with yet; then partners. Pages are keyed on
 * (write_date, id) instead of an offset, so records edited while a sync runs are neither skipped nor
 * read twice. Odoo reports no deletions: last, the ledger's open items are looked up, those Odoo
 * no longer has posted (deleted, or reset to draft) are closed, and the open payments are read again.
 */
export function odooConnector(connection: ErpConnection, portalOrigin: string | null = null): Connector {
  const client = odooClient(connection);
  const baseUrl = connection.baseUrl.replace(/\/+$/, '');
  return {
    id: 'odoo',
    capabilities: ODOO_CAPABILITIES,
    test: async (signal) => {
      const count = await client.call('account.move', 'search_count', { domain: MOVE_DOMAIN }, signal);
      return `Connected to Odoo at ${new URL(baseUrl).host}: ${Number(count)} customer invoices and credit notes.`;
    },
    pull: (cursor, signal, ledger) => pull(client, { baseUrl, portalOrigin }, parseCursor(cursor), ledger, signal),
    push: (item, signal) => push(client, item, signal),
    pushChargeInvoice: (invoice, signal) => pushOdooChargeInvoice(client, invoice, signal),
  };
}

/** Where invoice portal links may lead: the Odoo server itself, or the payment portal of the settings. */
interface LinkOrigins {
  baseUrl: string;
  portalOrigin: string | null;
}

async function* pull(client: OdooClient, links: LinkOrigins, cursor: Cursor, ledger: LedgerView, signal: AbortSignal): AsyncGenerator<PulledPage> {
  const streams: {
    name: StreamName;
    model: string;
    domain: unknown[];
    fields: string[];
    toBatch: (rows: Row[]) => Promise<{ batch: LedgerBatch; notes?: SyncNote[] }>;
  }[] = [
    {
      name: 'moves',
      model: 'account.move',
      domain: MOVE_DOMAIN,
      fields: MOVE_FIELDS,
      toBatch: (rows) => moveBatch(client, links, rows as unknown as OdooMove[], signal),
    },
    {
      name: 'payments',
      model: 'account.payment',
      domain: PAYMENT_DOMAIN,
      fields: PAYMENT_FIELDS,
      toBatch: async (rows) => ({ batch: await paymentBatch(client, rows as unknown as OdooPayment[], signal) }),
    },
    {
      name: 'partners',
      model: 'res.partner',
      domain: PARTNER_DOMAIN,
      fields: PARTNER_FIELDS,
      toBatch: async (rows) => {
        const { customers, notes } = partnerRecords(rows as unknown as OdooPartner[]);
        return { batch: { ...emptyBatch(SOURCE), customers }, notes };
      },
    },
  ];
  for (const stream of streams) {
    const resumeAt = cursor[stream.name];
    // A sync starts a little before where the last one stopped (see overlapStart); within it, each page
    // follows the one before exactly.
    let since: unknown[] = resumeAt ? [['write_date', '>=', overlapStart(resumeAt.writeDate)]] : [];
    for (;;) {
      const rows = await client.call(
        stream.model,
        'search_read',
        {
          domain: [...stream.domain, ...since],
          fields: stream.fields,
          offset: 0,
          limit: PAGE_SIZE,
          order: 'write_date asc, id asc',
        },
        signal,
      );
      if (!Array.isArray(rows)) throw new AppError('SYNC_FAILED', `Odoo's answer for ${stream.model} is not a list of records.`);
      if (rows.length === 0) break;
      const last = rows[rows.length - 1] as Row;
      const position = { writeDate: last.write_date, id: last.id };
      cursor = { ...cursor, [stream.name]: position };
      const { batch, notes } = await stream.toBatch(rows as Row[]);
      yield { stream: stream.name, batch, cursor: JSON.stringify(cursor), records: rows.length, ...(notes?.length ? { notes } : {}) };
      if (rows.length < PAGE_SIZE) break;
      since = changedSince(position);
    }
  }
  const { batch, records } = await lookUpOpenItems(client, ledger, signal);
  if (records > 0) yield { stream: 'open items', batch, cursor: JSON.stringify(cursor), records };
}

/**
 * Odoo's write_date has one-second resolution and is the time its transaction began, so a record can
 * land at or just before the second the last sync stopped at after that sync read it. Re-reading a few
 * seconds back catches it; what was already read comes back unchanged (the ledger's upserts are idempotent).
 */
export const CURSOR_OVERLAP_SECONDS = 5;

function overlapStart(writeDate: string): string {
  const at = Date.parse(`${writeDate.replace(' ', 'T')}Z`);
  if (Number.isNaN(at))
    throw new AppError(
      'SYNC_FAILED',
      `The stored Odoo cursor has an unreadable write_date (${JSON.stringify(writeDate)}); disconnect and connect again to start over.`,
    );
  return new Date(at - CURSOR_OVERLAP_SECONDS * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Prefix notation: later than the position, or as late with a higher id. */
function changedSince(after: Position): unknown[] {
  return ['|', ['write_date', '>', after.writeDate], '&', ['write_date', '=', after.writeDate], ['id', '>', after.id]];
}

async function read<T>(client: OdooClient, model: string, domain: unknown[], fields: string[], signal: AbortSignal): Promise<T[]> {
  const rows = await client.call(model, 'search_read', { domain, fields }, signal);
  if (!Array.isArray(rows)) throw new AppError('SYNC_FAILED', `Odoo's answer for ${model} is not a list of records.`);
  return rows as T[];
}

const receivableLines = (client: OdooClient, moveIds: number[], signal: AbortSignal): Promise<OdooLine[]> =>
  moveIds.length === 0 ? Promise.resolve([]) : read<OdooLine>(client, 'account.move.line', [['move_id', 'in', moveIds], RECEIVABLE], LINE_FIELDS, signal);

/**
 * A page of invoices and credit notes with what matched their receivable lines: the partials, the
 * lines on their other side and those lines' documents (payments, credit notes, bank entries). The
 * page's documents are read again after their partials, so no balance is older than the history
 * read for it. The payments among the other sides come with what they still have open.
 */
async function moveBatch(
  client: OdooClient,
  links: LinkOrigins,
  page: readonly OdooMove[],
  signal: AbortSignal,
): Promise<{ batch: LedgerBatch; notes: SyncNote[] }> {
  const pageIds = page.map((move) => move.id);
  const own = await receivableLines(client, pageIds, signal);
  const ownIds = own.map((line) => line.id);
  const partials =
    ownIds.length === 0
      ? []
      : await read<OdooPartial>(
          client,
          'account.partial.reconcile',
          ['|', ['debit_move_id', 'in', ownIds], ['credit_move_id', 'in', ownIds]],
          PARTIAL_FIELDS,
          signal,
        );
  const known = new Set(ownIds);
  const otherIds = [...new Set(partials.flatMap((partial) => [idOf(partial.debit_move_id), idOf(partial.credit_move_id)]))].filter(
    (id): id is number => id !== undefined && !known.has(id),
  );
  const others = otherIds.length === 0 ? [] : await read<OdooLine>(client, 'account.move.line', [['id', 'in', otherIds]], LINE_FIELDS, signal);
  const moveIds = [...new Set([...pageIds, ...others.map((line) => idOf(line.move_id)).filter((id): id is number => id !== undefined)])];
  const moves = new Map((await read<OdooMove>(client, 'account.move', [['id', 'in', moveIds]], MOVE_FIELDS, signal)).map((move) => [move.id, move]));
  const history = historyRecords(partials, new Map([...own, ...others].map((line) => [line.id, line])), moves);
  const entries = [...moves.values()].filter((move) => move.move_type === 'entry').map((move) => move.id);
  const payments = entries.length === 0 ? [] : await read<OdooPayment>(client, 'account.payment', [['move_id', 'in', entries]], PAYMENT_FIELDS, signal);
  const paid = await credits(client, payments, moves, signal);
  // Documents only: a draft (reset since the page was read) is left to the look-up of deletions.
  const documents = [...moves.values()].filter((move) => ['out_invoice', 'out_refund'].includes(move.move_type) && ['posted', 'cancel'].includes(move.state));
  const records = moveRecords(documents, links.baseUrl, links.portalOrigin);
  const batch: LedgerBatch = {
    ...emptyBatch(SOURCE),
    invoices: records.invoices,
    credits: [...records.credits, ...paid.credits],
    payments: history.payments,
    creditApplications: history.applications,
    deletedCreditIds: paid.emptied,
  };
  const charges = new Set(documents.filter((move) => move.move_type === 'out_invoice' && isChargeRef(move.ref)).map((move) => move.name));
  return { batch: withoutChargeInvoices(batch, charges), notes: records.notes };
}

/** The payments' unapplied-payment credits, from their journal entries' receivable lines; `moves` may hold the entries already. */
async function credits(client: OdooClient, payments: readonly OdooPayment[], moves: ReadonlyMap<number, OdooMove>, signal: AbortSignal) {
  const moveIds = payments.map((payment) => idOf(payment.move_id)).filter((id): id is number => id !== undefined);
  const unread = moveIds.filter((id) => !moves.has(id));
  const entries =
    unread.length === 0
      ? moves
      : new Map([
          ...moves,
          ...(await read<OdooMove>(client, 'account.move', [['id', 'in', unread]], MOVE_FIELDS, signal)).map((move) => [move.id, move] as const),
        ]);
  return paymentCredits(payments, await receivableLines(client, moveIds, signal), entries);
}

/** A page of payments as what each still has open (Odoo 18's payments without a journal entry have none). */
async function paymentBatch(client: OdooClient, payments: readonly OdooPayment[], signal: AbortSignal): Promise<LedgerBatch> {
  const { credits: held, emptied } = await credits(client, payments, new Map(), signal);
  return { ...emptyBatch(SOURCE), credits: held, deletedCreditIds: emptied };
}

/**
 * The ledger's open Odoo items, looked up at the end of every sync. Those Odoo no longer has are
 * closed: invoices and credit notes deleted or reset to draft, payments cancelled, reset or deleted
 * (Odoo has no feed of deletions). The payments it still has are read again for what they have open:
 * a match undone ("Unreconcile") or made with something that is not an invoice (a journal entry, a
 * refund) changes a payment's receivable line without touching the payment or any invoice the
 * moves stream reads, as long as the payment was matched in part before and after.
 */
async function lookUpOpenItems(client: OdooClient, ledger: LedgerView, signal: AbortSignal): Promise<{ batch: LedgerBatch; records: number }> {
  const found = async <T extends { id: number }>(model: string, domain: unknown[], fields: string[], ids: number[]): Promise<T[]> => {
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK)
      rows.push(...(await read<T>(client, model, [['id', 'in', ids.slice(i, i + LOOKUP_CHUNK)], ...domain], fields, signal)));
    return rows;
  };
  const missing = async (model: string, domain: unknown[], ids: number[]): Promise<number[]> => {
    const there = new Set((await found(model, domain, ['id'], ids)).map((row) => row.id));
    return ids.filter((id) => !there.has(id));
  };
  const numeric = (ids: string[]) => ids.filter((id) => /^\d+$/.test(id)).map(Number);
  const open = ledger.openCreditIds();
  const paymentIds = open.filter((id) => /^payment:\d+$/.test(id)).map((id) => Number(id.slice('payment:'.length)));
  const invoices = await missing('account.move', MOVE_DOMAIN, numeric(ledger.openInvoiceIds()));
  const notes = await missing('account.move', MOVE_DOMAIN, numeric(open));
  const payments = await found<OdooPayment>('account.payment', PAYMENT_DOMAIN, PAYMENT_FIELDS, paymentIds);
  const held = { credits: [] as CreditRecord[], emptied: [] as string[] };
  for (let i = 0; i < payments.length; i += LOOKUP_CHUNK) {
    const chunk = await credits(client, payments.slice(i, i + LOOKUP_CHUNK), new Map(), signal);
    held.credits.push(...chunk.credits);
    held.emptied.push(...chunk.emptied);
  }
  const there = new Set(payments.map((payment) => payment.id));
  const gone = paymentIds.filter((id) => !there.has(id)).map(paymentCreditId);
  const batch: LedgerBatch = {
    ...emptyBatch(SOURCE),
    credits: held.credits,
    deletedInvoiceIds: invoices.map(String),
    deletedCreditIds: [...notes.map(String), ...gone, ...held.emptied],
  };
  return { batch, records: invoices.length + notes.length + gone.length + held.emptied.length + held.credits.length };
}

/** The marker goes in the message, so a push retried after a crash finds its first attempt and stops. */
async function push(client: OdooClient, item: PushItem, signal: AbortSignal): Promise<'posted' | 'already-there'> {
  const partnerId = Number(item.customerExternalId);
  const marker = `[inflow:${item.outboxId}]`;
  const found = await client.call(
    'mail.message',
    'search_count',
    {
      domain: [
        ['model', '=', 'res.partner'],
        ['res_id', '=', partnerId],
        ['body', 'ilike', marker],
      ],
    },
    signal,
  );
  if (Number(found) > 0) return 'already-there';
  await client.call(
    'res.partner',
    'message_post',
    {
      ids: [partnerId],
      body: `${marker} ${item.text}`,
      message_type: 'comment',
      subtype_xmlid: 'mail.mt_note',
    },
    signal,
  );
  return 'posted';
}

function parseCursor(cursor: string | null): Cursor {
  if (!cursor) return {};
  try {
    return JSON.parse(cursor) as Cursor;
  } catch (error) {
    // A cursor this version cannot read: start over (pages are keyed, so nothing is read twice into the ledger).
    log.warn('sync.cursor.unreadable', { connector: 'odoo', ...safeError(error) });
    return {};
  }
}
