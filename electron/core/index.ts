import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/api';
import type { CoreEvent } from '../../shared/core-events';
import type { StagedFile } from '../../shared/shell-api';
import { backupIfDue, pruneBackups } from '../db/backup';
import { openDatabase } from '../db/open';
import { log, safeError } from '../log/log';
import { analyticsHandlers } from './analytics/analytics-handlers';
import { getSetting } from './settings';
import { appHandlers } from './app/app-handlers';
import type { CoreContext } from './context';
import { dispatch } from './dispatch';
import type { Handlers } from './handler-types';
import { importHandlers } from './import/import-handlers';
import { JobRegistry } from './jobs/job-registry';
import { customerHandlers } from './customers/customer-handlers';
import { contactHandlers } from './customers/contact-handlers';
import { customerLocaleHandlers } from './customers/customer-locale-handlers';
import { ledgerHandlers } from './ledger/ledger-handlers';
import { sampleHandlers } from './sample/sample-handlers';
import { StagedFiles, type StageOptions } from './staged-files';
import { WorklistCache } from './worklist/worklist-cache';
import { worklistHandlers } from './worklist/worklist-handlers';
import { activityHandlers } from './activity/activity-handlers';
import { callHandlers } from './ladder/call-handlers';
import { ladderHandlers } from './outbox/ladder-handlers';
import { OutboxSender } from './outbox/outbox-sender';
import { statementAttachment } from './documents/statement-attachment';
import { outreachHandlers } from './outbox/outreach-handlers';
import { outboxMessageHandlers } from './outbox/outbox-message';
import { linkSampleHandlers } from './mail/link-sample-handlers';
import { seedTemplates } from './mail/template-store';
import { forecastHandlers } from './forecast/forecast-handlers';
import { riskHandlers } from './risk/risk-handlers';
import { syncHandlers } from './sync/sync-handlers';
import { SyncScheduler } from './sync/sync-scheduler';
import { shellHandlers } from './shell/shell-handlers';
import { notificationHandlers } from './notifications/notification-handlers';
import { backupHandlers } from './backups/backup-handlers';
import { smsHandlers } from './outbox/sms-handlers';
import { SmsSender } from './outbox/sms-sender';
import { inboxHandlers } from './inbox/inbox-handlers';
import { InboxWatcher } from './inbox/inbox-watcher';
import { chargesHandlers } from './charges/charges-handlers';
import { documentsHandlers } from './documents/documents-handlers';
import { replayHandlers } from './replay/replay-handlers';
import { afterLedgerWrite } from './orchestration/after-ledger-write';
import { teamHandlers } from './team/team-handlers';
import { TeamDesk } from './team/team-desk';
import { authorityHandlers } from './team/authority-handlers';
import { handoverHandlers } from './customers/handover';
import { writeOffHandlers } from './activity/write-off-handler';
import { approvedRunner, withAuthority } from './orchestration/authority-guard';

const HOUR_MS = 3_600_000;

/** Every procedure of the contract; TypeScript fails here if one is missing. */
const ownHandlers: Handlers<ProcedureName> = {
  ...appHandlers,
  ...sampleHandlers,
  ...importHandlers,
  ...ledgerHandlers,
  ...worklistHandlers,
  ...activityHandlers,
  ...writeOffHandlers,
  ...callHandlers,
  ...customerHandlers,
  ...customerLocaleHandlers,
  ...contactHandlers,
  ...outreachHandlers,
  ...outboxMessageHandlers,
  ...linkSampleHandlers,
  ...ladderHandlers,
  ...riskHandlers,
  ...forecastHandlers,
  ...analyticsHandlers,
  ...syncHandlers,
  ...shellHandlers,
  ...notificationHandlers,
  ...backupHandlers,
  ...smsHandlers,
  ...inboxHandlers,
  ...chargesHandlers,
  ...documentsHandlers,
  ...replayHandlers,
  ...teamHandlers,
  ...authorityHandlers,
  ...handoverHandlers,
};
/** What a host calls: the same, with authority limits in front of the actions that have one. */
const handlers = withAuthority(ownHandlers);

export interface CoreOptions {
  dbPath: string;
  key: Buffer;
  clock?: () => Date;
  /**
   * Whether this core drains the email outbox (default true). A short CLI command that only reads
   * leaves it to the app, so two processes never judge each other's in-flight messages.
   */
  sendMail?: boolean;
  /** Whether this core runs scheduled ERP syncs, watches the export folder and exchanges with its team (default true); the CLI does each only when told. */
  scheduleSync?: boolean;
  /** Whether this core keeps the Inbox current (IDLE and polling; default true); the CLI fetches only when told. */
  watchInbox?: boolean;
  /** How long a joined desk goes without exchanging when nothing prompts it (team/team-desk.ts); a test stretches it to see notices alone carry changes. */
  teamPollMs?: number;
}

/** The core's public API, the only thing hosts use. */
export interface Core {
  /** Untyped entry for hosts relaying wire messages; input is validated inside. */
  dispatch(name: string, input: unknown): Promise<unknown>;
  call<P extends ProcedureName>(name: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  stageFile(path: string, name?: string, options?: StageOptions): StagedFile;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /**
   * Stops everything before the database closes: running jobs (imports, syncs) are cancelled and
   * end having written nothing, and a message on the wire completes or is marked uncertain within
   * `sendGraceMs` (default CLOSE_GRACE_MS).
   */
  close(options?: { sendGraceMs?: number }): Promise<void>;
}

export function openCore(options: CoreOptions): Core {
  const listeners = new Set<(event: CoreEvent) => void>();
  const database = openDatabase(options.dbPath, options.key);
  const emit = (event: CoreEvent): void => listeners.forEach((listener) => listener(event));
  const ctx = {
    database,
    dbKey: options.key,
    jobs: new JobRegistry(emit),
    files: new StagedFiles(),
    worklist: new WorklistCache(database.sqlite, (queue) => emit({ type: 'queue.changed', queue })),
    emit,
    clock: options.clock ?? (() => new Date()),
  } as Omit<CoreContext, 'outbox' | 'sms' | 'sync' | 'inbox' | 'ledgerWritten' | 'team'> as CoreContext;
  // The senders, the scheduler, the inbox watcher, the team desk and the reaction to ledger writes need the context they belong to.
  ctx.ledgerWritten = (touched, onStep) => afterLedgerWrite(ctx, touched, onStep);
  ctx.outbox = new OutboxSender(ctx, (customerId, asOf) => statementAttachment(database.sqlite, customerId, asOf));
  ctx.sms = new SmsSender(ctx);
  ctx.sync = new SyncScheduler(ctx);
  ctx.inbox = new InboxWatcher(ctx);
  ctx.team = new TeamDesk(ctx, approvedRunner(ownHandlers, ctx));
  seedTemplates(database.sqlite, ctx.clock().toISOString());
  // Whether or not this core sends, what a dead process left on the wire shows as uncertain at once.
  const orphans = ctx.outbox.settleOrphans();
  log.info('core.open', {
    schema: database.sqlite.pragma('user_version', { simple: true }) as number,
    migrated: database.migrationBackup !== null,
    orphanedSends: orphans,
    sends: options.sendMail ?? true,
  });
  if (options.sendMail ?? true) {
    ctx.outbox.start();
    ctx.sms.start();
  }
  if (options.scheduleSync ?? true) {
    ctx.sync.start();
    ctx.team.start(options.teamPollMs);
  }
  if (options.watchInbox ?? true) ctx.inbox.start();
  const keepBackups = () => getSetting(database.sqlite, 'shell').keepBackups;
  pruneBackups(database.path, keepBackups());
  // The app can run for days: the rolling daily backup is looked at hourly, not only at open.
  // A failed backup (a full disk) is logged and tried again next hour; it must not take the core down.
  const backupTimer = setInterval(() => {
    try {
      backupIfDue(database.sqlite, database.path, ctx.clock(), keepBackups());
    } catch (error) {
      log.error('backup.failed', safeError(error));
    }
  }, HOUR_MS);
  backupTimer.unref();
  return {
    dispatch: (name, input) => dispatch(handlers, ctx, name, input),
    call: (name, input) => dispatch(handlers, ctx, name, input),
    stageFile: (path, name, options) => ctx.files.stage(path, name, options),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async (closing = {}) => {
      clearInterval(backupTimer);
      await Promise.all([
        ctx.jobs.stopAll().then(() => ctx.sync.close()),
        ctx.outbox.close(closing.sendGraceMs),
        ctx.sms.close(closing.sendGraceMs),
        ctx.inbox.close(),
      ]);
      // After the senders: a send on the wire may still be claiming on the team server.
      await ctx.team.close();
      await database.close();
    },
  };
}

export type { StageOptions } from './staged-files';
export { derivePassphraseKey, generateKey, keyFromEnv, PASSPHRASE_SCRYPT, parseKeyHex, type ScryptParams } from '../db/key';
export { contentSecurityPolicy } from './security/csp';
export { INTUIT_AUTHORIZE_URL } from '../../shared/qbo-endpoints';
export { GOOGLE_AUTHORIZE_URL, MICROSOFT_LOGIN_ORIGIN } from '../../shared/mailbox-oauth-endpoints';
export { makePrivate, makePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../db/private-files';
export { databaseOpensWith, diagnoseDatabase } from '../db/open';
export { openRecovery, RECOVERABLE, type Recovery } from './backups/recover';
export { rotateDatabaseKey } from '../db/rekey';
export { classifyRaw, type ClassifiedFile } from './inbox/classify-file';
export { MAX_MESSAGE_BYTES } from './inbox/read-limits';
