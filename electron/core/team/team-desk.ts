import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import { usesTls, type ErpLead, type JoinProgress, type TeamStatus, type TeamSyncResult } from '../../../shared/team';
import { log, safeError } from '../../log/log';
import { nowOf, todayOf, type CoreContext, type TeamService } from '../context';
import { getSetting } from '../settings';
import { setBatchJournal } from '../ledger/batch-journal';
import { teamBatchJournal } from './ledger-journal';
import { loadSnapshot, snapshotDue, storeSnapshot } from './book-snapshot';
import { exchangeAuthority, type RunApproved } from './authority-exchange';
import { migrateTeamServer } from './migrate-server';
import { pullLedger } from './pull-ledger';
import { pushLedger } from './push-ledger';
import { ledgerSyncedAt, noteLeaderFreshness } from './leader-freshness';
import { erpLeaseHolder, holdErpLease, releaseErpLease, type LeaseHolder } from './sync-lease';
import { pullChanges } from './pull-changes';
import { pushChanges } from './push-changes';
import { cancelSentByTeam, claimSend, teamClaimKey, waitForTeam } from './send-claim';
import { checkIn, checkOut, teamError, teamPool } from './team-connection';
import { TeamListener } from './team-listener';
import { watchLocalCommits } from './local-commits';
import { markJoined, markLeft, noteExchange, readTeamState, type TeamState } from './team-state';

/**
 * How long a joined desk running in the app goes without an exchange. Notices (team-listener.ts) and
 * its own commits start one at once; this poll is the fallback, quick while the listener is down.
 */
const POLL_EVERY_MS = 15_000;
const POLL_UNHEARD_MS = 2000;
/** The lease holder's exchanges renew the lease (lease_seconds, 30 by default): it polls at least this often within it. */
const RENEWALS_PER_LEASE = 3;
const LEASE_POLL_FLOOR_MS = 500;
/** A send held because the server was unreachable is looked at again after this. */
const OFFLINE_RETRY_MS = 60_000;

/**
 * This desk's part in a team: joining and leaving, the exchange of changes (push this desk's sync
 * outbox, pull the others'), and claiming each send on the server. A solo desk (never joined, or
 * left) does none of it: every call returns at once and every send goes as it always did.
 */
export class TeamDesk implements TeamService {
  private pool: pg.Pool | null = null;
  private poolFor = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listener: TeamListener | null = null;
  private exchange: Promise<TeamSyncResult> | null = null;
  /** Something asked for an exchange while one ran: one more follows it, however many asked. */
  private again = false;
  private reachable: boolean | null = null;
  private background = false;
  /** Leaving: nothing starts an exchange behind the leave's back. */
  private leaving = false;
  /** The fallback poll, while the listener hears the server and while it does not. */
  private poll = { heard: POLL_EVERY_MS, unheard: POLL_UNHEARD_MS };
  private closed = false;
  private watchingCommits = false;
  /** The ERP-sync lease as this desk last saw it. */
  private lease: LeaseHolder | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly runApproved: RunApproved,
  ) {
    setBatchJournal(ctx.database.sqlite, teamBatchJournal(ctx.database.sqlite));
  }

  /**
   * The background exchange, for a host that runs one (the app), now or from the moment this desk
   * joins: on every notice from the server, after every local commit for it, and on a slow poll.
   * The CLI (and a test) exchanges only when told.
   */
  start(pollMs?: number): void {
    this.background = true;
    if (pollMs !== undefined) this.poll = { heard: pollMs, unheard: pollMs };
    this.follow();
  }

  /** Whether this desk exchanges in the background now. */
  private following(): boolean {
    return this.background && !this.closed && !this.leaving && this.joined();
  }

  private follow(): void {
    if (!this.following()) return;
    const { sqlite } = this.ctx.database;
    // Only a desk that exchanges in the background hears its own commits: a solo desk's writes stay as they were.
    if (!this.watchingCommits) {
      watchLocalCommits(sqlite, () => this.kick());
      this.watchingCommits = true;
    }
    const connection = getSetting(sqlite, 'team');
    // Without a password nothing connects: the poll's exchange says so in the desk's status.
    if (!this.listener && connection?.password) {
      this.listener = new TeamListener(connection, readTeamState(sqlite)!.deskId, () => this.kick());
      this.listener.start();
    }
    this.schedulePoll();
  }

  /** An exchange soon, in the background: now, or once more after the one under way. */
  private kick(): void {
    if (!this.following()) return;
    if (this.exchange) {
      this.again = true;
      return;
    }
    this.syncNow().catch((error: unknown) => log.warn('team.sync.failed', safeError(error)));
  }

  /** The fallback poll, counted from the last exchange. */
  private schedulePoll(): void {
    if (!this.following()) return;
    this.stopTimer();
    this.timer = setTimeout(() => this.kick(), this.pollDelay());
    this.timer.unref();
  }

  private pollDelay(): number {
    const poll = this.listener?.listening ? this.poll.heard : this.poll.unheard;
    const state = readTeamState(this.ctx.database.sqlite);
    if (!this.lease || this.lease.deskId !== state?.deskId) return poll;
    const left = Date.parse(this.lease.expiresAt) - Date.now();
    return Math.min(poll, Math.max(LEASE_POLL_FLOOR_MS, left / RENEWALS_PER_LEASE));
  }

  status(): TeamStatus {
    const { sqlite } = this.ctx.database;
    const state = readTeamState(sqlite);
    const connection = getSetting(sqlite, 'team');
    const team = state?.joined === true && connection !== null;
    const pending = team ? (sqlite.prepare('SELECT count(*) AS n FROM sync_outbox WHERE id > ?').get(state.pushedThrough) as { n: number }).n : 0;
    return {
      mode: team ? 'team' : 'solo',
      deskId: state?.deskId ?? null,
      collector: connection?.collector ?? null,
      server: connection ? { host: connection.host, port: connection.port, database: connection.database, tls: usesTls(connection.host) } : null,
      reachable: team ? this.reachable : null,
      lastSyncAt: state?.lastSyncAt ?? null,
      lastError: team ? state.lastError : null,
      pendingPush: pending,
      pulledThrough: state?.pulledThrough ?? 0,
      syncLeader: team ? (this.lease?.collector ?? null) : null,
    };
  }

  /** Connects, brings the server's schema up to date, registers this desk, then exchanges once; `progress` hears a new desk's load. */
  async join(progress?: JoinProgress): Promise<TeamStatus> {
    const { sqlite } = this.ctx.database;
    const connection = this.connection();
    const pool = this.currentPool();
    try {
      const client = await checkOut(pool);
      try {
        await migrateTeamServer(client);
        const { rows } = await client.query<{ server_id: string }>('SELECT server_id FROM team_server WHERE id = 1');
        const state = markJoined(sqlite, rows[0]!.server_id);
        await client.query(
          `INSERT INTO team_desks (desk_id, collector) VALUES ($1, $2)
          ON CONFLICT (desk_id) DO UPDATE SET collector = excluded.collector, left_at = NULL, last_seen_at = now()`,
          [state.deskId, connection.collector],
        );
      } finally {
        checkIn(client);
      }
      // A desk with no book starts from the team's snapshot; the exchange below brings the tail. It
      // ranks with the risk the leader learned from that very ledger when it is today's, else learns.
      const loaded = await loadSnapshot(pool, sqlite, nowOf(this.ctx), progress);
      if (loaded?.riskAsOf === todayOf(this.ctx)) {
        progress?.('Ranking the worklist', 1, 2);
        this.ctx.worklist.rebuild(todayOf(this.ctx));
      } else if (loaded) {
        this.ctx.ledgerWritten(undefined, (step) =>
          progress?.(step === 'learning' ? 'Learning how each customer pays' : 'Ranking the worklist', step === 'learning' ? 0 : 1, 2),
        );
      }
    } catch (error) {
      this.reachable = false;
      throw teamError(error);
    }
    this.auditTeam('team.join', { host: connection.host, database: connection.database, collector: connection.collector });
    await this.syncNow(progress);
    this.follow();
    return this.status();
  }

  /** Back to solo. What this desk shared stays on the server; the desk is marked gone there when the server can be reached. */
  async leave(): Promise<TeamStatus> {
    const { sqlite } = this.ctx.database;
    const state = readTeamState(sqlite);
    if (!state?.joined) return this.status();
    this.leaving = true;
    try {
      await this.stopFollowing();
      await this.exchange?.catch(() => undefined);
      try {
        await releaseErpLease(this.currentPool(), state.deskId);
        this.lease = null;
        await this.currentPool().query('UPDATE team_desks SET left_at = now() WHERE desk_id = $1', [state.deskId]);
      } catch (error) {
        log.warn('team.leave.unreachable', safeError(error));
      }
      markLeft(sqlite);
    } finally {
      this.leaving = false;
    }
    this.auditTeam('team.leave', {});
    await this.endPool();
    return this.status();
  }

  /** One exchange at a time: a call while one runs waits for it and gets its result. */
  syncNow(progress?: JoinProgress): Promise<TeamSyncResult> {
    this.exchange ??= this.exchangeOnce(progress).finally(() => {
      this.exchange = null;
      if (!this.again) return this.schedulePoll();
      this.again = false;
      this.kick();
    });
    return this.exchange;
  }

  private async exchangeOnce(progress?: JoinProgress): Promise<TeamSyncResult> {
    const { sqlite } = this.ctx.database;
    const state = this.joinedState();
    const pool = this.currentPool();
    try {
      // The ledger first: changes pulled after it find the customers and invoices it brought.
      await pushLedger(pool, sqlite, state.deskId);
      // After the push: the time the lease carries is one whose batches are all on the server.
      await this.renewLease(pool, state);
      const pushed = await pushChanges(pool, sqlite, state.deskId, state.pushedThrough);
      const after = readTeamState(sqlite)!;
      const ledger = await pullLedger(pool, sqlite, state.deskId, after.ledgerPulledThrough, nowOf(this.ctx), progress);
      // At once: risk and queue follow the batches even if what comes next fails, and a snapshot carries risk that follows them.
      if (ledger.batches > 0) this.ctx.ledgerWritten(ledger.touched);
      noteLeaderFreshness(sqlite, this.lease, state.deskId);
      const pulled = await pullChanges(pool, sqlite, state.deskId, after.pulledThrough, after.pushedThrough, nowOf(this.ctx), progress);
      // After the pull: a snapshot holds the changes this desk has applied, up to its cursor.
      await this.snapshotIfDue(pool, state.deskId);
      await exchangeAuthority(pool, sqlite, state.deskId, this.connection().collector, this.runApproved, nowOf(this.ctx));
      this.reachable = true;
      noteExchange(sqlite, nowOf(this.ctx), null);
      if (pulled.teamWide) this.ctx.worklist.rebuild(todayOf(this.ctx));
      else for (const customerId of pulled.touched) this.ctx.worklist.markStale(customerId);
      return { pushed, pulled: pulled.pulled, applied: pulled.applied, waiting: pulled.waiting };
    } catch (caught) {
      const error = teamError(caught);
      this.reachable = error.code !== 'OFFLINE';
      noteExchange(sqlite, nowOf(this.ctx), error.message);
      throw error;
    }
  }

  /**
   * Whether this desk runs the ERP sync and folder imports now. Solo: always. In a team: only while it
   * holds the lease (taking it when nobody does); a server that cannot be reached leaves the sync to
   * wait, since another desk may be running it.
   */
  async erpLead(): Promise<ErpLead> {
    const state = readTeamState(this.ctx.database.sqlite);
    if (!state?.joined || !getSetting(this.ctx.database.sqlite, 'team')) return { leads: true, holder: null };
    try {
      this.lease = await holdErpLease(this.currentPool(), state.deskId, this.connection().collector, ledgerSyncedAt(this.ctx.database.sqlite));
      this.reachable = true;
    } catch (error) {
      this.reachable = false;
      throw teamError(error);
    }
    return this.lease.deskId === state.deskId ? { leads: true, holder: null } : { leads: false, holder: this.lease.collector };
  }

  /** The leader keeps the team's snapshot of the book recent, so a new desk joins without replaying batches. */
  private async snapshotIfDue(pool: pg.Pool, deskId: string): Promise<void> {
    if (this.lease?.deskId !== deskId) return;
    if (await snapshotDue(pool, this.ctx.database.sqlite)) await storeSnapshot(pool, this.ctx.database.sqlite, deskId);
  }

  /** A desk with an ERP connection stands for the sync lease at every exchange (renewing it while it holds it); the others only look. */
  private async renewLease(pool: pg.Pool, state: TeamState): Promise<void> {
    const { sqlite } = this.ctx.database;
    this.lease = getSetting(sqlite, 'erpConnection')
      ? await holdErpLease(pool, state.deskId, this.connection().collector, ledgerSyncedAt(sqlite))
      : await erpLeaseHolder(pool);
  }

  /**
   * Before a send: true when it may go. A solo desk always may. A team desk claims the reminder on
   * the server first; another desk's claim cancels it here, and an unreachable server makes it wait.
   */
  async claimSend(messageId: number): Promise<boolean> {
    const { sqlite } = this.ctx.database;
    const state = readTeamState(sqlite);
    const connection = getSetting(sqlite, 'team');
    if (!state?.joined || !connection) return true;
    const key = teamClaimKey(sqlite, messageId);
    if (!key) return true;
    try {
      const holder = await claimSend(this.currentPool(), state.deskId, connection.collector, key);
      this.reachable = true;
      if (holder === null) return true;
      cancelSentByTeam(sqlite, messageId, holder, nowOf(this.ctx));
      return false;
    } catch (error) {
      this.reachable = false;
      log.warn('team.claim.unreachable', { outboxId: messageId, ...safeError(error) });
      waitForTeam(sqlite, messageId, new Date(this.ctx.clock().getTime() + OFFLINE_RETRY_MS).toISOString(), nowOf(this.ctx));
      return false;
    }
  }

  async onServer<T>(work: (pool: pg.Pool, deskId: string) => Promise<T>): Promise<T> {
    const state = this.joinedState();
    try {
      const result = await work(this.currentPool(), state.deskId);
      this.reachable = true;
      return result;
    } catch (caught) {
      const error = teamError(caught);
      if (error.code === 'OFFLINE') this.reachable = false;
      throw error;
    }
  }

  /** Settings changed: the next exchange, and the listener, connect afresh with them. */
  reconnect(): void {
    void this.endPool();
    const listener = this.listener;
    this.listener = null;
    void (listener?.close() ?? Promise.resolve()).then(() => this.follow());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopFollowing();
    await this.exchange?.catch(() => undefined);
    await this.endPool();
  }

  private joined(): boolean {
    return readTeamState(this.ctx.database.sqlite)?.joined === true;
  }

  private joinedState(): TeamState {
    const state = readTeamState(this.ctx.database.sqlite);
    if (!state?.joined) throw new AppError('CONFLICT', 'This desk is not part of a team: join one in Settings → Team first.');
    return state;
  }

  private connection() {
    const connection = getSetting(this.ctx.database.sqlite, 'team');
    if (!connection) throw new AppError('CONFLICT', 'Set up the team server in Settings → Team first.');
    if (!connection.password) throw new AppError('CONFLICT', 'Enter the team server password in Settings → Team: none is stored for this server and user.');
    return connection;
  }

  private currentPool(): pg.Pool {
    if (this.closed) throw new AppError('CONFLICT', 'Inflow is closing.');
    const connection = this.connection();
    const key = JSON.stringify(connection);
    if (!this.pool || this.poolFor !== key) {
      void this.pool?.end().catch(() => undefined);
      this.pool = teamPool(connection);
      this.poolFor = key;
    }
    return this.pool;
  }

  private async endPool(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async stopFollowing(): Promise<void> {
    this.stopTimer();
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
  }

  private auditTeam(action: string, detail: Record<string, unknown>): void {
    this.ctx.database.sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', ?, 'team', NULL, ?)")
      .run(nowOf(this.ctx), action, JSON.stringify(detail));
  }
}
