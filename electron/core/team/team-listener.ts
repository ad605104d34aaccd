import pg from 'pg';
import type { TeamConnection } from '../../../shared/team';
import { log, safeError } from '../../log/log';
import { serverConfig } from './team-connection';

/** The channel the server's triggers notify on (server step 0008-change-notices). */
export const TEAM_CHANNEL = 'inflow_team';
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 60_000;
/** A connection cut without a word (a sleeping laptop, a dropped route) is found out by TCP keepalive. */
const KEEPALIVE_MS = 10_000;

/**
 * This desk's own connection to the team server, waiting for word that another desk published
 * something: `onNotice` runs for each notice (the desk coalesces them). A dedicated client, never a
 * pool's: LISTEN belongs to the session, and a pooled client handed back would take it elsewhere.
 * When the connection drops (a server restart, the network, its backend ended) it comes back after
 * 1 s, 2 s, 4 s … up to a minute; each time it is back `onNotice` runs once, for what was published
 * while nobody listened. The desk's slow poll covers the time in between.
 */
export class TeamListener {
  private client: pg.Client | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private delay = FIRST_RETRY_MS;
  private stopped = false;
  /** Whether a notice would reach this desk now. */
  listening = false;

  constructor(
    private readonly connection: TeamConnection,
    private readonly deskId: string,
    private readonly onNotice: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const client = new pg.Client({ ...serverConfig(this.connection), keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_MS });
    this.client = client;
    // A backend ended or a connection cut is an 'error' then an 'end' on an idle client: either one is a loss.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    // What this desk published itself names it (the notice's payload): nothing to fetch.
    client.on('notification', (notice) => notice.channel === TEAM_CHANNEL && notice.payload !== this.deskId && this.onNotice());
    try {
      await client.connect();
      await client.query(`LISTEN ${TEAM_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    log.info('team.listen.connected', { reconnected: this.delay > FIRST_RETRY_MS });
    this.delay = FIRST_RETRY_MS;
    this.onNotice();
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    log.warn('team.listen.lost', { retryMs: this.delay, ...(error ? safeError(error) : {}) });
    this.retry = setTimeout(() => void this.connect(), this.delay);
    this.retry.unref();
    this.delay = Math.min(this.delay * 2, LONGEST_RETRY_MS);
  }

  /** Ends the connection and any retry: nothing of the listener keeps the process alive. */
  async close(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
