import { log, safeError } from '../../log/log';
import { AppError } from '../../../shared/errors';
import type { ConnectorCapabilities, ErpConnection } from '../../../shared/sync';
import { emptyBatch, type LedgerBatch } from '../ledger/records';
import type { Connector, PulledPage, PushItem, SyncNote } from './connector';
import { odooClient, type OdooClient } from './odoo-client';
import {
  MOVE_FIELDS, moveRecords, partnerRecords, PARTNER_FIELDS, PAYMENT_FIELDS, paymentRecords,
  type OdooMove, type OdooPartner, type OdooPayment,
} from './odoo-records';

export const ODOO_CAPABILITIES: ConnectorCapabilities = {
  customers: true, contacts: true, invoices: true, payments: true, creditNotes: true, paymentLinks: true, push: true,
};

const PAGE_SIZE = 200;
const SOURCE = 'odoo';

/** Customer invoices and credit notes once posted; cancelled ones too, so one cancelled after posting is closed here. */
const MOVE_DOMAIN = [['move_type', 'in', ['out_invoice', 'out_refund']], ['state', 'in', ['posted', 'cancel']]];
/** Money received from customers: posted (16–17), in process or paid (18+). */
const PAYMENT_DOMAIN = [['payment_type', '=', 'inbound'], ['partner_type', '=', 'customer'], ['state', 'in', ['posted', 'in_process', 'paid']]];
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
 * Odoo through its external API. Streams are read in this order, each by write_date then id:
 * payments first, each page with the invoices it paid, so the ledger takes the payments as the
 * history behind the balances Odoo states; then every changed invoice and credit note; then partners.
 * Pages are keyed on (write_date, id) instead of an offset, so records edited while a sync runs are
 * neither skipped nor read twice.
 */
export function odooConnector(connection: ErpConnection): Connector {
  const client = odooClient(connection);
  const baseUrl = connection.baseUrl.replace(/\/+$/, '');
  return {
    id: 'odoo',
    capabilities: ODOO_CAPABILITIES,
    test: async (signal) => {
      const count = await client.call('account.move', 'search_count', { domain: MOVE_DOMAIN }, signal);
      return `Connected to Odoo at ${new URL(baseUrl).host}: ${Number(count)} customer invoices and credit notes.`;
    },
    pull: (cursor, signal) => pull(client, baseUrl, parseCursor(cursor), signal),
    push: (item, signal) => push(client, item, signal),
  };
}

async function* pull(client: OdooClient, baseUrl: string, cursor: Cursor, signal: AbortSignal): AsyncGenerator<PulledPage> {
  const streams: { name: StreamName; model: string; domain: unknown[]; fields: string[]; toBatch: (rows: Row[]) => Promise<{ batch: LedgerBatch; notes?: SyncNote[] }> }[] = [
    { name: 'payments', model: 'account.payment', domain: PAYMENT_DOMAIN, fields: PAYMENT_FIELDS, toBatch: async (rows) => ({ batch: await paymentBatch(client, baseUrl, rows as unknown as OdooPayment[], signal) }) },
    { name: 'moves', model: 'account.move', domain: MOVE_DOMAIN, fields: MOVE_FIELDS, toBatch: async (rows) => ({ batch: moveBatch(rows as unknown as OdooMove[], baseUrl) }) },
    { name: 'partners', model: 'res.partner', domain: PARTNER_DOMAIN, fields: PARTNER_FIELDS, toBatch: async (rows) => {
      const { customers, notes } = partnerRecords(rows as unknown as OdooPartner[]);
      return { batch: { ...emptyBatch(SOURCE), customers }, notes };
    } },
  ];
  for (const stream of streams) {
    const resumeAt = cursor[stream.name];
    // A sync starts a little before where the last one stopped (see overlapStart); within it, each page
    // follows the one before exactly.
    let since: unknown[] = resumeAt ? [['write_date', '>=', overlapStart(resumeAt.writeDate)]] : [];
    for (;;) {
      const rows = await client.call(stream.model, 'search_read', {
        domain: [...stream.domain, ...since], fields: stream.fields, offset: 0, limit: PAGE_SIZE, order: 'write_date asc, id asc',
      }, signal);
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
}

/**
 * Odoo's write_date has one-second resolution and is the time its transaction began, so a record can
 * land at or just before the second the last sync stopped at after that sync read it. Re-reading a few
 * seconds back catches it; what was already read comes back unchanged (the ledger's upserts are idempotent).
 */
export const CURSOR_OVERLAP_SECONDS = 5;

function overlapStart(writeDate: string): string {
  const at = Date.parse(`${writeDate.replace(' ', 'T')}Z`);
  if (Number.isNaN(at)) throw new AppError('SYNC_FAILED', `The stored Odoo cursor has an unreadable write_date (${JSON.stringify(writeDate)}); disconnect and connect again to start over.`);
  return new Date(at - CURSOR_OVERLAP_SECONDS * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Prefix notation: later than the position, or as late with a higher id. */
function changedSince(after: Position): unknown[] {
  return ['|', ['write_date', '>', after.writeDate], '&', ['write_date', '=', after.writeDate], ['id', '>', after.id]];
}

async function paymentBatch(client: OdooClient, baseUrl: string, payments: OdooPayment[], signal: AbortSignal): Promise<LedgerBatch> {
  const ids = [...new Set(payments.flatMap((payment) => payment.reconciled_invoice_ids))];
  const moves = ids.length === 0 ? [] : (await client.call('account.move', 'search_read', { domain: [['id', 'in', ids]], fields: MOVE_FIELDS }, signal)) as OdooMove[];
  const byId = new Map(moves.map((move) => [move.id, move]));
  return { ...moveBatch(moves, baseUrl), payments: payments.flatMap((payment) => paymentRecords(payment, byId)) };
}

function moveBatch(moves: readonly OdooMove[], baseUrl: string): LedgerBatch {
  return { ...emptyBatch(SOURCE), ...moveRecords(moves, baseUrl) };
}

/** The marker goes in the message, so a push retried after a crash finds its first attempt and stops. */
async function push(client: OdooClient, item: PushItem, signal: AbortSignal): Promise<'posted' | 'already-there'> {
  const partnerId = Number(item.customerExternalId);
  const marker = `[inflow:${item.outboxId}]`;
  const found = await client.call('mail.message', 'search_count', {
    domain: [['model', '=', 'res.partner'], ['res_id', '=', partnerId], ['body', 'ilike', marker]],
  }, signal);
  if (Number(found) > 0) return 'already-there';
  await client.call('res.partner', 'message_post', {
    ids: [partnerId], body: `${marker} ${item.text}`, message_type: 'comment', subtype_xmlid: 'mail.mt_note',
  }, signal);
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
