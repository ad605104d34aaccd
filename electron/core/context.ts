import type { OpenDatabase } from '../db/open';
import { localToday, type IsoDate } from '../../shared/dates';
import type { CoreEvent } from '../../shared/core-events';
import type { InboxFetchResult } from '../../shared/inbox';
import type { RiskTrainSummary } from '../../shared/risk';
import type { SmsPollResult } from '../../shared/sms/sms-api';
import type { SyncResult } from '../../shared/sync';
import type { WorklistRow } from '../../shared/worklist';
import type { Pool } from 'pg';
import type { ErpLead, JoinProgress, TeamStatus, TeamSyncResult } from '../../shared/team';
import type { JobRegistry } from './jobs/job-registry';
import type { StagedFiles } from './staged-files';

/*
 * The long-lived services a handler reaches through the context, declared here as interfaces: their
 * classes (outbox/outbox-sender, outbox/sms-sender, sync/sync-scheduler, inbox/inbox-watcher,
 * worklist/worklist-cache) take a context themselves or sit high in the order of core folders
 * (docs/ARCHITECTURE.md), and this file sits below every folder.
 */

/** The first rows of a queue, with what the whole queue holds beside them. */
export interface QueuePage {
  rows: WorklistRow[];
  total: number;
  /** The currencies in the queue, each with whether it ranks without a rate. */
  currencies: readonly Pick<WorklistRow, 'currency' | 'unrated'>[];
}

/** The ranked queue, kept current one customer at a time (worklist/worklist-cache). */
export interface QueueService {
  ranked(today: IsoDate): readonly WorklistRow[];
  /** The queue of any day: today's, or a past day's from the book as it stood then. */
  rankedOn(day: IsoDate, today: IsoDate): readonly WorklistRow[];
  /** The first `limit` rows of any day's queue, with its total and currencies: a past day's without building its whole queue. */
  firstPageOn(day: IsoDate, today: IsoDate, limit: number): QueuePage;
  refreshCustomer(customerId: number): void;
  markStale(customerId: number): void;
  rebuild(today: IsoDate): void;
}

/** Sends the outbox's emails, one sender per process. */
export interface OutboxService {
  start(): void;
  wake(): void;
  setPaused(paused: boolean): void;
  readonly isPaused: boolean;
  readonly isSending: boolean;
  /** Marks what a dead sender left on the wire uncertain; how many. */
  settleOrphans(): number;
  close(graceMs?: number): Promise<void>;
}

/** Sends the outbox's texts and polls their provider. */
export interface TextService {
  start(): void;
  wake(): void;
  /** Asks the provider for delivery statuses and replies now; a CONFLICT error when none is set up. */
  pollNow(): Promise<SmsPollResult>;
  close(graceMs?: number): Promise<void>;
}

/** Pulls from the ERP on its schedule or now. */
export interface SyncService {
  start(): void;
  status(): { running: boolean; nextRunAt: string | null };
  runNow(jobId?: string): Promise<SyncResult>;
  close(): Promise<void>;
}

/** Reads the collector's mailbox and files sent copies. */
export interface InboxService {
  start(): void;
  restart(): void;
  fetchNow(run?: () => Promise<InboxFetchResult>): Promise<InboxFetchResult>;
  noteSent(outboxId: number): void;
  appendCopies(): Promise<number>;
  close(): Promise<void>;
}

/** This desk's part in a team of desks sharing one book (team/team-desk.ts); a solo desk's calls return at once. */
export interface TeamService {
  start(): void;
  status(): TeamStatus;
  /** `progress` hears how far a new desk's load of the team's book has got (book-snapshot.ts). */
  join(progress?: JoinProgress): Promise<TeamStatus>;
  leave(): Promise<TeamStatus>;
  syncNow(): Promise<TeamSyncResult>;
  /** Before an ERP sync or folder scan: whether this desk runs them for the team (team/sync-lease.ts). */
  erpLead(): Promise<ErpLead>;
  /** Before a send: true when it may go (solo, or this desk claimed it on the team server). */
  claimSend(messageId: number): Promise<boolean>;
  reconnect(): void;
  /**
   * Runs `work` against the team server as this joined desk: its failures come back as the
   * collector's words (an unreachable server is OFFLINE, a refused write CONFLICT).
   */
  onServer<T>(work: (pool: Pool, deskId: string) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What every handler gets: the database, the clock, long-job tracking and staged files. */
export interface CoreContext {
  database: OpenDatabase;
  jobs: JobRegistry;
  files: StagedFiles;
  worklist: QueueService;
  outbox: OutboxService;
  sms: TextService;
  sync: SyncService;
  inbox: InboxService;
  team: TeamService;
  /** The database key, to open backups and make exports under it; never sent to a host. */
  dbKey: Buffer;
  /**
   * What follows every committed ledger write (import, sync, sample) and an asked-for retrain:
   * risk re-scored or retrained, then the queue re-ranked (orchestration/after-ledger-write, wired
   * where the core opens). Returns the training summary, or null when nothing was trained.
   */
  ledgerWritten(touched?: ReadonlySet<number>, onStep?: (step: 'learning' | 'ranking') => void): RiskTrainSummary | null;
  /** Pushes an event to every host listening (progress, outbox changes). */
  emit(event: CoreEvent): void;
  /** Injectable so tests can freeze time. */
  clock: () => Date;
}

export function todayOf(ctx: CoreContext): IsoDate {
  return localToday(ctx.clock());
}

export function nowOf(ctx: CoreContext): string {
  return ctx.clock().toISOString();
}
