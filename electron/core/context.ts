import type { OpenDatabase } from '../db/open';
import { localToday, type IsoDate } from '../../shared/dates';
import type { CoreEvent } from '../../shared/api';
import type { InboxFetchResult } from '../../shared/inbox';
import type { SyncResult } from '../../shared/sync';
import type { TeamStatus, TeamSyncResult } from '../../shared/team';
import type { JobRegistry } from './jobs/job-registry';
import type { SmsProvider } from './sms/sms-provider';
import type { StagedFiles } from './staged-files';
import type { WorklistCache } from './worklist/worklist-cache';

/*
 * The long-lived services a handler reaches through the context, declared here as interfaces: their
 * classes (outreach/outbox-sender, sms/sms-sender, sync/sync-scheduler, inbox/inbox-watcher) take a
 * context themselves, so naming the classes here would make every handler part of one import cycle.
 */

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
  provider(): SmsProvider | null;
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
  join(): Promise<TeamStatus>;
  leave(): Promise<TeamStatus>;
  syncNow(): Promise<TeamSyncResult>;
  /** Before a send: true when it may go (solo, or this desk claimed it on the team server). */
  claimSend(messageId: number): Promise<boolean>;
  reconnect(): void;
  close(): Promise<void>;
}

/** What every handler gets: the database, the clock, long-job tracking and staged files. */
export interface CoreContext {
  database: OpenDatabase;
  jobs: JobRegistry;
  files: StagedFiles;
  worklist: WorklistCache;
  outbox: OutboxService;
  sms: TextService;
  sync: SyncService;
  inbox: InboxService;
  team: TeamService;
  /** The database key, to open backups and make exports under it; never sent to a host. */
  dbKey: Buffer;
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
