import { log, safeError } from '../../log/log';
import { watch, type FSWatcher } from 'node:fs';
import { AppError, toErrorShape } from '../../../shared/errors';
import { paymentPortalOrigin } from '../../../shared/outreach/payment-link-pattern';
import type { ErpConnection, SyncResult } from '../../../shared/sync';
import { nowOf, type CoreContext, type SyncService } from '../context';
import type { Job } from '../jobs/job-registry';
import { getSetting } from '../settings';
import type { Connector } from './connector';
import { odooConnector } from './odoo-connector';
import { qboConnector } from './qbo-connector';
import { settingsTokenStore } from './qbo-token-store';
import { pullAndPush } from './sync-engine';
import { logSync } from './sync-log';
import { scanFolder } from './watched-folder';

/** After a failure the next try comes sooner than the interval, doubling from here up to it. */
const FIRST_RETRY_MS = 30_000;
/** A burst of file events (an ERP writing an export in chunks) becomes one scan. */
const FOLDER_SETTLE_MS = 2_000;

export function connectorFor(ctx: CoreContext, connection: ErpConnection): Connector {
  if (connection.connector === 'qbo') {
    const { sqlite } = ctx.database;
    return qboConnector(
      connection,
      settingsTokenStore(sqlite, () => nowOf(ctx)),
      ctx.clock,
      getSetting(sqlite, 'baseCurrency'),
    );
  }
  if (connection.connector !== 'odoo') throw new AppError('INVALID_INPUT', `"${connection.connector}" is not an ERP with an API.`);
  if (!connection.baseUrl) throw new AppError('INVALID_INPUT', 'Enter the address of your Odoo server.');
  // An invoice's portal link may also lead to the payment portal the settings name.
  return odooConnector(connection, paymentPortalOrigin(getSetting(ctx.database.sqlite, 'outreach').paymentUrlPattern));
}

/**
 * Runs syncs: on "Sync now", on the interval setting, and when a watched folder changes. One at a
 * time; a failure is retried with exponential backoff and logged once per streak, so an ERP that is
 * down for a day neither floods the log nor the network.
 */
export class SyncScheduler implements SyncService {
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private running: Promise<SyncResult> | null = null;
  private failures = 0;
  private nextRunAt: Date | null = null;
  private closed = false;

  constructor(private readonly ctx: CoreContext) {}

  /** Re-reads the connection: call after it was saved or removed. */
  start(): void {
    this.failures = 0;
    this.watchFolder();
    this.schedule();
  }

  status(): { running: boolean; nextRunAt: string | null } {
    return { running: this.running !== null, nextRunAt: this.nextRunAt?.toISOString() ?? null };
  }

  /** A sync already running is joined rather than started twice. */
  runNow(jobId?: string): Promise<SyncResult> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'Inflow is closing; the sync will run next time.'));
    this.running ??= this.ctx.jobs
      .run(jobId, (job) => this.runOnce(job))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    // Its failure was logged and put on the sync log when it happened.
    await this.running?.catch(() => undefined);
  }

  private async runOnce(job: Job): Promise<SyncResult> {
    const connection = getSetting(this.ctx.database.sqlite, 'erpConnection');
    if (!connection) throw new AppError('CONFLICT', 'Connect an ERP first (Settings → ERP connection).');
    // In a team one desk syncs and publishes the ledger; the others apply what it publishes.
    const lead = await this.ctx.team.erpLead();
    if (!lead.leads) throw new AppError('CONFLICT', `${lead.holder ?? 'Another'}'s desk runs the ERP sync for the team; this desk applies what it publishes.`);
    const startedAt = nowOf(this.ctx);
    const touched = new Set<number>();
    try {
      const result =
        connection.connector === 'folder'
          ? await scanFolder(this.ctx, connection, job, touched)
          : await pullAndPush(this.ctx, connection, connectorFor(this.ctx, connection), job, touched);
      this.failures = 0;
      if (result.pages > 0 || result.created + result.updated + result.closed > 0) this.ctx.ledgerWritten(touched);
      log.info('sync.done', {
        connector: connection.connector,
        pages: result.pages,
        created: result.created,
        updated: result.updated,
        closed: result.closed,
        pushed: result.pushed,
      });
      if (connection.connector !== 'folder') {
        logSync(this.ctx.database.sqlite, {
          connector: connection.connector,
          startedAt,
          finishedAt: nowOf(this.ctx),
          status: 'ok',
          counts: result,
          message: `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.pushed} activities pushed.`,
        });
      }
      return result;
    } catch (error) {
      const shape = toErrorShape(error);
      log.warn('sync.failed', { connector: connection.connector, code: shape.code, ...(error instanceof AppError ? {} : safeError(error)) });
      if (shape.code !== 'CANCELLED') {
        this.failures++;
        logSync(this.ctx.database.sqlite, {
          connector: connection.connector,
          startedAt,
          finishedAt: nowOf(this.ctx),
          status: shape.code === 'OFFLINE' ? 'offline' : 'failed',
          message: shape.message,
        });
      }
      // Pages written before a failure are in the ledger (and named their customers); offline, nothing was.
      if (touched.size > 0) this.ctx.ledgerWritten(touched);
      throw error;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
    const connection = getSetting(this.ctx.database.sqlite, 'erpConnection');
    if (this.closed || !connection || connection.intervalMinutes === 0) return;
    const interval = connection.intervalMinutes * 60_000;
    const delay = this.failures === 0 ? interval : Math.min(interval, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    this.nextRunAt = new Date(Date.now() + delay);
    // A scheduled run's failure is logged by runOnce and shown on the sync log; the next is scheduled.
    this.timer = setTimeout(() => void this.runNow().catch(() => undefined), delay);
    this.timer.unref();
  }

  /** fs.watch where the file system supports it; elsewhere the interval is the poll. */
  private watchFolder(): void {
    this.watcher?.close();
    this.watcher = null;
    const connection = getSetting(this.ctx.database.sqlite, 'erpConnection');
    if (this.closed || connection?.connector !== 'folder' || !connection.folder) return;
    let settle: NodeJS.Timeout | null = null;
    try {
      this.watcher = watch(connection.folder, { persistent: false }, () => {
        if (settle) clearTimeout(settle);
        settle = setTimeout(() => void this.runNow().catch(() => undefined), FOLDER_SETTLE_MS);
        settle.unref();
      });
      this.watcher.on('error', (error) => {
        log.warn('sync.folder.watch-stopped', safeError(error));
        this.watcher?.close();
        this.watcher = null;
      });
    } catch (error) {
      // Not every file system can be watched: the interval polls it instead.
      log.info('sync.folder.unwatched', safeError(error));
      this.watcher = null;
    }
  }

  private stopTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
  }
}
