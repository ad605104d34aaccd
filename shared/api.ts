import { z } from 'zod';
import { localeSchema, TEMPLATE_LANGUAGES, type TemplateLanguage } from './customer-locale';
import { jobIdSchema as jobId, returns } from './procedure';
import type { ShellInput, ShellOutput, ShellProcedureName } from './shell-api';
import type { CoreEvent } from './core-events';
import type { BackupInfo, BackupPreview, ExportResult, RecoveryStatus, RestoreResult } from './backups';
import { newPassphraseSchema } from './passphrase';
import type { Notice, TraySummary } from './notifications';
import { shellSettingsSchema, type AppBusy, type ShellSettings } from './shell-settings';
import { AGING_BUCKETS, agingEdgesSchema, type AgingEdges, type AgingReport } from './aging';
import {
  addNoteInput,
  assignInput,
  cancelPlanInput,
  completeLadderTaskInput,
  markInTransitInput,
  writeOffInput,
  offerDiscountInput,
  cancelPromiseInput,
  createPlanInput,
  deleteActivityInput,
  editActivityInput,
  logCallInput,
  saveContactInput,
  type Contact,
  type CustomerSummary,
  openDisputeInput,
  recordPromiseInput,
  resolveDisputeInput,
  snoozeInput,
  type TimelineEntry,
} from './activity';
import type { Commitments } from './commitments';
import { BACKTEST_MAX_DAYS, backtestPolicySchema, type BacktestReport } from './backtest';
import { daysBetween } from './dates';
import type { GuardVerdict, SendPlan } from './outreach/guard';
import type { LadderPolicy, LadderRun } from './outreach/ladder';
import { ladderPolicySchema, ladderSlug } from './outreach/ladder-schema';
import { messageDraftSchema, type OutboxCounts, type OutboxMessage, type OutboxMessageView, type QueueResult, OUTBOX_STATUSES } from './outreach/outbox';
import { outreachSettingsInputSchema, smtpSaveSchema, type OutreachSettings, type SmtpSettingsView } from './outreach/outreach-settings';
import type { PaymentLinkValues } from './outreach/payment-link-pattern';
import { TEMPLATE_PURPOSES, type EmailTemplate } from './outreach/template-fields';
import type { TodayList, WorklistPage } from './worklist';
import type { SearchResults } from './search';
import type { FxRatesView } from './exchange-rates';
import { importMappingSchema, type ImportKind, type ImportMapping, type ImportProblem, type ImportSummary } from './import-mapping';
import { emailAddressSchema, freeText, oneLineText } from './text';
import { currencyCodeSchema as currencyCode, isoDateSchema as isoDate } from './value-schemas';
import { syncApi } from './sync-api';
import { teamApi } from './team-api';
import { smsApi } from './sms/sms-api';
import { inboxApi } from './inbox-api';
import { analyticsApi } from './analytics-api';
import { documentsApi } from './documents-api';

/** A file the host has staged for the core (picked in a dialog or uploaded); never a path. */
const fileId = z.string().regex(/^[a-f0-9]{32}$/, 'a staged file id');
const templateId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a template id like "first-reminder"');
const templateLanguage = z.enum(TEMPLATE_LANGUAGES).default('en');
export const templateInput = z.object({
  id: templateId,
  language: templateLanguage,
  name: oneLineText(120).min(1),
  purpose: z.enum(TEMPLATE_PURPOSES),
  tone: z.enum(['friendly', 'firm', 'final']),
  subject: oneLineText(500).min(1),
  body: freeText(50_000).min(1),
  /** Attach the customer's statement of account (a PDF made when each email goes). */
  attachStatement: z.boolean().default(false),
});
const presetOrMapping = {
  preset: z.string().min(1).max(64).optional(),
  mapping: importMappingSchema.optional(),
  /** The worksheet of an .xlsx file (Excel allows 31 characters); the first visible one when absent. */
  sheet: z.string().min(1).max(31).optional(),
};

export interface AppStatus {
  version: string;
  hasData: boolean;
  customers: number;
  invoices: number;
  openInvoices: number;
  currencies: string[];
  baseCurrency: string;
  agingEdges: AgingEdges;
}

export interface PresetInfo {
  id: string;
  label: string;
  kind: ImportKind;
  description: string;
}

export interface ImportPreview {
  fileName: string;
  delimiter: string;
  /** The worksheet read, for a workbook. */
  sheet?: string;
  /** Preset picked: the one asked for, else a saved mapping whose columns the file has, else the best guess from the headers, else null. */
  preset: string | null;
  /** Set when `preset` names a mapping the user saved (picked because this file has its columns). */
  savedMapping?: string;
  mapping: ImportMapping | null;
  headers: string[];
  headerRow: number;
  /** First rows as the file has them (max 20). */
  rows: string[][];
  /** Problems found in the preview rows with the chosen mapping, to fix before importing. */
  problems: ImportProblem[];
}

/** A customer's open balance in one currency (a customer owing in two has two rows); see ledger/open-balance.ts. */
export interface CustomerListRow {
  id: number;
  externalId: string;
  name: string;
  currency: string;
  openInvoices: number;
  openMinor: number;
  overdueMinor: number;
  /** Unapplied credits netted in openMinor (zero or negative). */
  creditsMinor: number;
}

export interface CustomerInvoice {
  id: number;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amountMinor: number;
  openMinor: number;
  /** As the ledger has it; "closed" is written off or credited away. */
  status: 'open' | 'paid' | 'closed';
  /** The day it was paid or closed, when it has been. */
  closedDate: string | null;
  /** Under an open dispute in Inflow (or flagged disputed by the ERP). */
  disputed: boolean;
  /** Covered by a promise to pay that is still running. */
  promised: boolean;
  /** Part of a payment plan with installments left. */
  inPlan: boolean;
  /** What Inflow wrote off of its open balance by the book's day (the ERP's balance stays until its credit note). */
  writtenOffMinor: number;
}

export interface TemplateProblem {
  part: 'subject' | 'body';
  /** The tag as written, e.g. "{{customer.nmae}}". */
  tag: string;
  message: string;
}

export interface EmailPreview {
  /** The person who signs it (the step's sender role resolved) and the mailbox it goes from. */
  from: { name: string; address: string };
  to: { name: string; address: string } | null;
  /** The customer's template language: the version used, or English when the template has none in it. */
  language: TemplateLanguage;
  subject: string;
  html: string;
  /** The HTML part for showing in the window: inline (cid:) images as data: URLs, in a white page. */
  previewHtml: string;
  text: string;
  problems: TemplateProblem[];
  /** What the send guard made of it: the invoices kept, those dropped and why, other messages within the contact rhythm. */
  guard: GuardVerdict;
  /** Why it would not go, in words (with nothing left to remind about, nothing is rendered); null when it would go. */
  heldMessage: string | null;
}

/** A real invoice's values for the payment-link tokens, with whose it is. */
export interface PaymentLinkSample {
  values: PaymentLinkValues;
  customerName: string;
  openMinor: number;
}

export interface SampleSummary {
  customers: number;
  contacts: number;
  invoices: number;
  payments: number;
}

/** A backup's file name as listed, never a path. */
const backupName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+$/, 'a backup name');

/**
 * The one API contract: every procedure the renderer, the CLI or a test may call, with the zod schema
 * its input is parsed by (always, in the core host) and the type of what it returns. The preload, the
 * IPC and HTTP hosts, the CLI and the renderer's client are all derived from this map.
 */
export const api = {
  'app.status': returns<AppStatus>()(z.object({})),
  'sample.load': returns<SampleSummary>()(z.object({ jobId: jobId.optional() })),
  'import.presets': returns<PresetInfo[]>()(z.object({})),
  'import.preview': returns<ImportPreview>()(z.object({ fileId, ...presetOrMapping })),
  'import.run': returns<ImportSummary>()(z.object({ jobId, fileId, snapshot: z.boolean().default(false), ...presetOrMapping })),
  'import.mappings.list': returns<{ name: string; mapping: ImportMapping }[]>()(z.object({})),
  'import.mappings.save': returns<{ name: string }>()(z.object({ name: oneLineText(64).min(1), mapping: importMappingSchema })),
  'jobs.cancel': returns<{ cancelled: boolean }>()(z.object({ jobId })),
  'aging.report': returns<AgingReport>()(z.object({ asOf: isoDate })),
  'settings.setAgingEdges': returns<{ edges: AgingEdges }>()(z.object({ edges: agingEdgesSchema })),
  /** The base currency, and rates dated `date` (default today) for other currencies; the worklist is re-ranked. */
  'settings.setFxRates': returns<FxRatesView>()(
    z.object({
      baseCurrency: currencyCode,
      date: isoDate.optional(),
      rates: z.record(currencyCode, z.number().positive('a rate is more than zero').max(1_000_000).finite()),
    }),
  ),
  'settings.fxRates.list': returns<FxRatesView>()(z.object({})),
  'settings.fxRates.delete': returns<FxRatesView>()(z.object({ currency: currencyCode, date: isoDate })),
  /** Customers with an open balance (a credit balance counts); `all` adds those owing nothing, in their own currency. */
  'customers.list': returns<CustomerListRow[]>()(z.object({ asOf: isoDate, all: z.boolean().default(false) })),
  'worklist.list': returns<WorklistPage>()(
    z.object({
      asOf: isoDate.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      collector: z.string().max(120).optional(),
      segment: z.string().max(120).optional(),
      currency: currencyCode.optional(),
      /** The aging bucket of the customer's oldest overdue invoice. */
      bucket: z.enum(AGING_BUCKETS).optional(),
      reason: z.string().max(40).optional(),
    }),
  ),
  /**
   * Today's follow-ups, promises and installments due, ladder tasks and worked customers, each with its
   * done state; with `collector`, only that collector's customers (the queue's "Mine").
   */
  'worklist.today': returns<TodayList>()(z.object({ collector: z.string().max(120).optional() })),
  'worklist.snooze': returns<{ activityId: number }>()(snoozeInput),
  'activity.logCall': returns<{ activityId: number }>()(logCallInput),
  'activity.addNote': returns<{ activityId: number }>()(addNoteInput),
  'activity.recordPromise': returns<{ activityId: number; promiseId: number }>()(recordPromiseInput),
  'activity.cancelPromise': returns<{ activityId: number }>()(cancelPromiseInput),
  'activity.openDispute': returns<{ activityId: number; disputeId: number }>()(openDisputeInput),
  'activity.createPlan': returns<{ activityId: number; planId: number }>()(createPlanInput),
  'activity.resolveDispute': returns<{ activityId: number }>()(resolveDisputeInput),
  'activity.cancelPlan': returns<{ activityId: number }>()(cancelPlanInput),
  'activity.offerDiscount': returns<{ activityId: number; offerId: number }>()(offerDiscountInput),
  'activity.markInTransit': returns<{ activityId: number }>()(markInTransitInput),
  /** Gives up part or all of an invoice's collectable balance; above the actor's limit on a team desk, a request for a manager. */
  'activity.writeOff': returns<{ activityId: number; writeOffId: number }>()(writeOffInput),
  'activity.edit': returns<{ activityId: number }>()(editActivityInput),
  'activity.delete': returns<{ activityId: number }>()(deleteActivityInput),
  'customer.lookup': returns<{ customerId: number; name: string; currency: string }>()(z.object({ externalId: z.string().trim().min(1).max(200) })),
  'customer.invoices': returns<CustomerInvoice[]>()(
    z.object({ customerId: z.number().int().positive(), openOnly: z.boolean().default(false), asOf: isoDate.optional() }),
  ),
  'customer.commitments': returns<Commitments>()(z.object({ customerId: z.number().int().positive(), asOf: isoDate.optional() })),
  'customer.summary': returns<CustomerSummary>()(z.object({ customerId: z.number().int().positive(), asOf: isoDate.optional() })),
  'customers.collectors': returns<string[]>()(z.object({})),
  /** The command palette's search: customers (name, ERP id), invoices (number) and contacts (name, email, phone). */
  'search.find': returns<SearchResults>()(z.object({ query: z.string().trim().min(1, 'type something to find').max(100) })),
  /** The segments customers are in, for choosing which a ladder policy applies to. */
  'customers.segments': returns<string[]>()(z.object({})),
  'customer.assign': returns<{ activityId: number }>()(assignInput),
  /** The locale (and so the language) the customer's emails are written in; null follows its country. */
  'customer.setLocale': returns<{ locale: string | null; messageLocale: string }>()(
    z.object({ customerId: z.number().int().positive(), locale: localeSchema.nullable() }),
  ),
  'contacts.list': returns<Contact[]>()(z.object({ customerId: z.number().int().positive() })),
  'contacts.save': returns<{ contactId: number }>()(saveContactInput),
  'customer.timeline': returns<TimelineEntry[]>()(
    z.object({ customerId: z.number().int().positive(), limit: z.number().int().min(1).max(5000).default(500), asOf: isoDate.optional() }),
  ),
  /** Every version of every template, or only those in one language (the ladder and bulk send pick templates by their English names). */
  'templates.list': returns<EmailTemplate[]>()(z.object({ language: z.enum(TEMPLATE_LANGUAGES).optional() })),
  'templates.check': returns<TemplateProblem[]>()(z.object({ subject: z.string().max(500), body: z.string().max(50_000) })),
  'templates.save': returns<{ id: string }>()(templateInput),
  'templates.reset': returns<EmailTemplate>()(z.object({ id: templateId, language: templateLanguage })),
  'outreach.preview': returns<EmailPreview>()(
    z.object({ draft: messageDraftSchema, template: z.object({ subject: z.string().max(500), body: z.string().max(50_000) }).optional() }),
  ),
  'outreach.queue': returns<QueueResult>()(z.object({ messages: z.array(messageDraftSchema).min(1).max(10_000) })),
  /** Every message a bulk send (one template, or each customer's next ladder step) or the whole ladder would make, through the send guard, before anything is queued. */
  'outreach.plan': returns<SendPlan>()(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('template'),
        templateId,
        customerIds: z.array(z.number().int().positive()).min(1).max(10_000),
        videoMemoUrl: oneLineText(2000).optional(),
      }),
      z.object({
        kind: z.literal('ladder'),
        customerIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
        videoMemoUrl: oneLineText(2000).optional(),
      }),
    ]),
  ),
  'outreach.freshness': returns<{ lastSyncAt: string | null; ageDays: number | null; fresh: boolean; limitDays: number; message: string | null }>()(
    z.object({}),
  ),
  'outbox.list': returns<OutboxMessage[]>()(
    z.object({ status: z.enum(OUTBOX_STATUSES).optional(), batchId: z.string().max(64).optional(), limit: z.number().int().min(1).max(10_000).default(500) }),
  ),
  /** One message as it went out (or will): envelope, text and a safe preview of the HTML. */
  'outbox.message': returns<OutboxMessageView>()(z.object({ messageId: z.number().int().positive() })),
  'outbox.counts': returns<OutboxCounts & { paused: boolean }>()(z.object({ batchId: z.string().max(64).optional() })),
  'outbox.cancel': returns<{ cancelled: number }>()(z.object({ batchId: z.string().max(64) })),
  'outbox.resolve': returns<{ status: string }>()(z.object({ messageId: z.number().int().positive(), action: z.enum(['mark_sent', 'send_again', 'cancel']) })),
  'outbox.pause': returns<{ paused: boolean }>()(z.object({ paused: z.boolean() })),
  'settings.smtp.get': returns<SmtpSettingsView | null>()(z.object({})),
  'settings.smtp.save': returns<SmtpSettingsView>()(smtpSaveSchema),
  'settings.smtp.test': returns<{ messageId: string }>()(z.object({ to: emailAddressSchema })),
  'settings.outreach.get': returns<OutreachSettings>()(z.object({})),
  'settings.outreach.save': returns<OutreachSettings>()(outreachSettingsInputSchema),
  /** An open invoice to build the payment link's live example from; null on an empty book. */
  'settings.outreach.linkSample': returns<PaymentLinkSample | null>()(z.object({})),
  'ladder.policies': returns<LadderPolicy[]>()(z.object({})),
  'ladder.savePolicy': returns<{ id: string }>()(ladderPolicySchema),
  /** Customers it covered fall to the policy for everyone else (the shipped Standard when none is saved). */
  'ladder.deletePolicy': returns<{ id: string }>()(z.object({ id: ladderSlug })),
  'ladder.run': returns<LadderRun & { queued: QueueResult | null; queuedTexts: QueueResult | null }>()(
    z.object({
      asOf: isoDate.optional(),
      /** The moment texts are judged at (the customers' sending hours); default now. */
      at: z.iso.datetime().optional(),
      dryRun: z.boolean().default(true),
      /** Only these customers (a bulk send of "the ladder's next step"); absent: everyone. */
      customerIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
      videoMemoUrl: oneLineText(2000).optional(),
    }),
  ),
  /** The ladder replayed day by day over [from, to] of the book's history, per policy (and a second to compare); a long job with progress. */
  'replay.backtest': returns<BacktestReport>()(
    z
      .object({
        jobId: jobId.optional(),
        from: isoDate,
        to: isoDate,
        policy: backtestPolicySchema.optional(),
        compare: backtestPolicySchema.optional(),
      })
      .refine((p) => p.to < p.from || daysBetween(p.from, p.to) < BACKTEST_MAX_DAYS, `a backtest covers at most ${BACKTEST_MAX_DAYS} days`),
  ),
  'ladder.completeTask': returns<{ activityId: number; stepId: string; invoiceNumbers: string[] }>()(completeLadderTaskInput),

  ...analyticsApi,
  ...syncApi,
  // Desktop shell (issue 7): restart safety, shell settings, backups.
  'app.busy': returns<AppBusy>()(z.object({})),
  'settings.shell.get': returns<ShellSettings & { dataFolder: string }>()(z.object({})),
  // Strict: an update address (or any other unknown field) is refused, not quietly dropped.
  'settings.shell.save': returns<ShellSettings & { dataFolder: string }>()(shellSettingsSchema.strict()),
  /** The notices to show now and the tray's summary, from one read of the same facts. */
  'notifications.due': returns<{ notices: Notice[]; tray: TraySummary }>()(z.object({})),
  'backups.list': returns<BackupInfo[]>()(z.object({})),
  'backups.create': returns<BackupInfo>()(z.object({})),
  'backups.preview': returns<BackupPreview>()(z.object({ name: backupName })),
  'backups.restore': returns<{ restartRequired: true }>()(z.object({ name: backupName })),
  /** Why the database did not open and the newest whole backup; served by a host whose database is broken. */
  'recovery.status': returns<RecoveryStatus>()(z.object({})),
  /** Puts a backup in place of a database that does not open (the broken file is kept), then opens it. */
  'recovery.restore': returns<RestoreResult>()(z.object({ name: backupName })),
  'data.export': returns<ExportResult>()(z.object({ passphrase: newPassphraseSchema })),
  // Texts (issue 25), the Inbox (issue 22), statements, letters and charges (issue 23): each area's own part.
  ...smsApi,
  ...inboxApi,
  ...documentsApi,
  // Several desks sharing one book through PostgreSQL (issue 24).
  ...teamApi,
} as const;

export type Api = typeof api;
export type ProcedureName = keyof Api;
export type ProcedureInput<P extends ProcedureName> = z.input<Api[P]['input']>;
export type ParsedInput<P extends ProcedureName> = z.output<Api[P]['input']>;
export type ProcedureOutput<P extends ProcedureName> = Api[P]['output'];
export const PROCEDURE_NAMES = Object.keys(api) as ProcedureName[];

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(api, name);
}

/** The renderer's view of any host: window.inflow in the app, HTTP in dev:web and tests. */
export interface InflowBridge {
  call<P extends ProcedureName>(name: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** The host's own procedures (shellApi): files picked or dropped, the database key, updates, restarting. */
  shell<P extends ShellProcedureName>(name: P, input: ShellInput<P>): Promise<ShellOutput<P>>;
}
