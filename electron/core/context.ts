import type { OpenDatabase } from '../db/open';
import { localToday, type IsoDate } from '../../shared/dates';
import type { CoreEvent } from '../../shared/api';
import type { InboxWatcher } from './inbox/inbox-watcher';
import type { JobRegistry } from './jobs/job-registry';
import type { OutboxSender } from './outreach/outbox-sender';
import type { SmsSender } from './sms/sms-sender';
import type { StagedFiles } from './staged-files';
import type { SyncScheduler } from './sync/sync-scheduler';
import type { WorklistCache } from './worklist/worklist-cache';

/** What every handler gets: the database, the clock, long-job tracking and staged files. */
export interface CoreContext {
  database: OpenDatabase;
  jobs: JobRegistry;
  files: StagedFiles;
  worklist: WorklistCache;
  outbox: OutboxSender;
  /** Sends the outbox's texts and polls their provider. */
  sms: SmsSender;
  sync: SyncScheduler;
  inbox: InboxWatcher;
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
