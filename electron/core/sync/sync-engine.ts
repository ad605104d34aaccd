import { AppError } from '../../../shared/errors';
import type { ImportProblem } from '../../../shared/import-mapping';
import type { ConnectorId, ErpConnection, SyncCounts, SyncResult } from '../../../shared/sync';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Job } from '../jobs/job-registry';
import { writeBatch } from '../ledger/write-batch';
import { sendChargeInvoices } from './charge-invoice-outbox';
import type { Connector, LedgerView } from './connector';
import { PUSHED_KINDS, pushText } from './push-text';
import { logSync, refLogged } from './sync-log';

export function readCursor(sqlite: SqliteDb, connector: ConnectorId): string | null {
  const row = sqlite.prepare('SELECT cursor FROM sync_cursors WHERE connector = ?').get(connector) as ColumnsRow<'sync_cursors', 'cursor'> | undefined;
  return row?.cursor ?? null;
}

/**
 * Pulls what changed since the connector's cursor and pushes the collector's pending activity. Each
 * page goes through the same ledger writer as a file import, in one transaction with its cursor: a
 * crash keeps every page before it and resumes after the last. The ledger counts as fresh (the
 * outreach ladder holds sends when it is not) only once the whole pull has succeeded.
 */
export async function pullAndPush(ctx: CoreContext, connection: ErpConnection, connector: Connector, job: Job, touched?: Set<number>): Promise<SyncResult> {
  const { sqlite } = ctx.database;
  const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, closed: 0, pushed: 0 };
  let cursor = readCursor(sqlite, connector.id);
  let pages = 0;
  let records = 0;
  const saveCursor = sqlite.prepare(
    'INSERT INTO sync_cursors (connector, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (connector) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
  );
  for await (const page of connector.pull(cursor, job.signal, ledgerView(sqlite, connector.id))) {
    const written = sqlite.transaction(() => {
      const result = applyPage(ctx, page.batch, page.stream, touched);
      saveCursor.run(connector.id, page.cursor, nowOf(ctx));
      for (const note of page.notes ?? []) {
        if (!refLogged(sqlite, connector.id, note.ref))
          logSync(sqlite, { connector: connector.id, startedAt: nowOf(ctx), finishedAt: nowOf(ctx), status: 'ok', message: note.message, ref: note.ref });
      }
      return result;
    })();
    counts.created += written.created;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    counts.closed += written.closed;
    cursor = page.cursor;
    pages++;
    records += page.records;
    job.progress('reading', records, records);
  }
  sqlite
    .prepare("INSERT INTO import_batches (source, preset, kind, file_name, file_sha256, snapshot, committed_at, summary) VALUES (?, ?, 'sync', ?, '', 0, ?, ?)")
    .run(connector.id, `sync:${connector.id}`, connection.baseUrl, nowOf(ctx), JSON.stringify({ ...counts, pages }));
  if (connector.push) counts.pushed = await pushPending(ctx, connector, job);
  // Charges invoices the collector asked for while offline, or that a crash cut off (never new ones).
  await sendChargeInvoices(sqlite, connector, job.signal, () => nowOf(ctx));
  return { connector: connector.id, ...counts, pages, cursor };
}

function ledgerView(sqlite: SqliteDb, source: string): LedgerView {
  const ids = (sql: string) => (sqlite.prepare(sql).all(source) as { id: string }[]).map((row) => row.id);
  return {
    openInvoiceIds: () => ids("SELECT external_id AS id FROM invoices WHERE source = ? AND status = 'open'"),
    openCreditIds: () => ids('SELECT external_id AS id FROM credit_notes WHERE source = ? AND open_minor != 0'),
  };
}

function applyPage(ctx: CoreContext, batch: Parameters<typeof writeBatch>[1], stream: string, touched: Set<number> | undefined) {
  try {
    return writeBatch(ctx.database.sqlite, batch, todayOf(ctx), nowOf(ctx), touched);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'IMPORT_REJECTED') throw error;
    const problems = (error.details as { problems: ImportProblem[] }).problems;
    throw new AppError(
      'SYNC_FAILED',
      `A page of ${stream} from the ERP could not be applied, so none of it was: ${problems
        .slice(0, 3)
        .map((p) => p.reason)
        .join('; ')}.`,
      error.details,
    );
  }
}

const PENDING = ['id', 'payload'] as const;
type PendingRow = ColumnsRow<'sync_outbox', (typeof PENDING)[number]> & ColumnsRow<'customers', 'external_id'>;

/**
 * The collector's notes, promises and disputes on customers that came from this ERP, oldest first.
 * A row is marked sent only after the ERP took it; the connector's marker check makes a retry after a
 * crash between the two harmless. A failure stops the round (the ERP is likely down) and counts an attempt.
 */
async function pushPending(ctx: CoreContext, connector: Connector, job: Job): Promise<number> {
  const { sqlite } = ctx.database;
  const kinds = PUSHED_KINDS.map(() => '?').join(', ');
  const pending = sqlite
    .prepare(
      `
    SELECT ${columns('sync_outbox', 'o', PENDING)}, ${columns('customers', 'c', ['external_id'])} FROM sync_outbox o
    JOIN customers c ON c.id = json_extract(o.payload, '$.customerId')
    WHERE o.sent_at IS NULL AND c.source = ? AND json_extract(o.payload, '$.kind') IN (${kinds})
    ORDER BY o.id`,
    )
    .all(connector.id, ...PUSHED_KINDS) as PendingRow[];
  let pushed = 0;
  for (const row of pending) {
    try {
      await connector.push!(
        { outboxId: row.id, customerExternalId: row.externalId, text: pushText(JSON.parse(row.payload) as Record<string, unknown>) },
        job.signal,
      );
    } catch (error) {
      sqlite.prepare('UPDATE sync_outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id);
      throw error;
    }
    sqlite.prepare('UPDATE sync_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?').run(nowOf(ctx), row.id);
    pushed++;
  }
  return pushed;
}
