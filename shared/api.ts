import { z } from 'zod';
import { localeSchema, TEMPLATE_LANGUAGES, type TemplateLanguage } from './customer-locale';
import { returns } from './procedure';
import type { ShellApi, ShellProcedureName } from './shell-api';
import type { BackupInfo, BackupPreview, ExportResult, RecoveryStatus, RestoreResult } from './backups';
import { newPassphraseSchema } from './passphrase';
import type { Notice, TraySummary } from './notifications';
import { shellSettingsSchema, type AppBusy, type ShellSettings, type UpdateStatus } from './shell-settings';
import { AGING_BUCKETS, agingEdgesSchema, type AgingEdges, type AgingReport } from './aging';
import { addNoteInput, assignInput, cancelPlanInput, completeLadderTaskInput, markInTransitInput, offerDiscountInput, cancelPromiseInput, createPlanInput, deleteActivityInput, editActivityInput, logCallInput, saveContactInput, type Contact, type CustomerSummary, openDisputeInput, recordPromiseInput, resolveDisputeInput, snoozeInput, type TimelineEntry } from './activity';
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
import { RISK_BINS, type CashForecast, type CustomerRisk, type ForecastComparison, type ForecastRunInfo, type RiskDistribution, type RiskEvaluation, type RiskTrainSummary } from './risk';
import type { TodayList, WorklistPage } from './worklist';
import type { SearchResults } from './search';
import type { FxRatesView } from './exchange-rates';
import { DRILLDOWN_BUCKETS, exportTableInput, KPI_GROUPS, type AgingTrend, type AttributionReport, type DrilldownInvoice, type ExportedFile, type KpiReport } from './analytics';
import { importMappingSchema, type ImportKind, type ImportMapping, type ImportProblem, type ImportSummary } from './import-mapping';
import { emailAddressSchema, freeText, oneLineText } from './text';
import { currencyCodeSchema as currencyCode, isoDateSchema as isoDate } from './value-schemas';
import { erpConnectionSaveSchema, type ErpConnectionView, type SyncResult, type SyncStatus } from './sync';
import { smsApi } from './sms/sms-api';
import { imapSaveSchema, INBOX_ACTIONS, INBOX_FILTERS, type ImapSettingsView, type InboxFetchResult, type InboxItem, type InboxMessageView } from './inbox';
import { companyProfileSchema, postalAddressSchema, STATEMENT_KINDS, type CompanyProfile, type HeldLetter, type LetterDay, type StatementPreview } from './documents';
import { CHARGE_COMPONENTS, chargePoliciesSchema, RATE_SERIES, referenceRateSchema, type ChargeComponent, type ChargePolicy, type ChargesReport, type ReferenceRate } from './charges';

const jobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_"');
/** A file the host has staged for the core (picked in a dialog or uploaded); never a path. */
const fileId = z.string().regex(/^[a-f0-9]{32}$/, 'a staged file id');
const templateId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a template id like "first-reminder"');
const templateLanguage = z.enum(TEMPLATE_LANGUAGES).default('en');
const templateInput = z.object({
  id: templateId,
  language: templateLanguage,
  name: oneLineText(120).min(1),
  purpose: z.enum(TEMPLATE_PURPOSES),
  tone: z.enum(['friendly', 'firm', 'final']),
  subject: oneLineText(500).min(1),
  body: freeText(50_000).min(1),
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
const backupName = z.string().max(200).regex(/^[\w.-]+$/, 'a backup name');

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
  'import.run': returns<ImportSummary>()(
    z.object({ jobId, fileId, snapshot: z.boolean().default(false), ...presetOrMapping }),
  ),
  'import.mappings.list': returns<{ name: string; mapping: ImportMapping }[]>()(z.object({})),
  'import.mappings.save': returns<{ name: string }>()(
    z.object({ name: oneLineText(64).min(1), mapping: importMappingSchema }),
  ),
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
  /** Today's follow-ups, promises and installments due, ladder tasks and worked customers, each with its done state. */
  'worklist.today': returns<TodayList>()(z.object({})),
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
  'activity.edit': returns<{ activityId: number }>()(editActivityInput),
  'activity.delete': returns<{ activityId: number }>()(deleteActivityInput),
  'customer.lookup': returns<{ customerId: number; name: string; currency: string }>()(
    z.object({ externalId: z.string().trim().min(1).max(200) }),
  ),
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
  'customer.timeline': returns<TimelineEntry[]>()(z.object({ customerId: z.number().int().positive(), limit: z.number().int().min(1).max(5000).default(500), asOf: isoDate.optional() })),
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
  'outreach.plan': returns<SendPlan>()(z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('template'), templateId, customerIds: z.array(z.number().int().positive()).min(1).max(10_000), videoMemoUrl: oneLineText(2000).optional() }),
    z.object({ kind: z.literal('ladder'), customerIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(), videoMemoUrl: oneLineText(2000).optional() }),
  ])),
  'outreach.freshness': returns<{ lastSyncAt: string | null; ageDays: number | null; fresh: boolean; limitDays: number; message: string | null }>()(z.object({})),
  'outbox.list': returns<OutboxMessage[]>()(
    z.object({ status: z.enum(OUTBOX_STATUSES).optional(), batchId: z.string().max(64).optional(), limit: z.number().int().min(1).max(10_000).default(500) }),
  ),
  /** One message as it went out (or will): envelope, text and a safe preview of the HTML. */
  'outbox.message': returns<OutboxMessageView>()(z.object({ messageId: z.number().int().positive() })),
  'outbox.counts': returns<OutboxCounts & { paused: boolean }>()(z.object({ batchId: z.string().max(64).optional() })),
  'outbox.cancel': returns<{ cancelled: number }>()(z.object({ batchId: z.string().max(64) })),
  'outbox.resolve': returns<{ status: string }>()(
    z.object({ messageId: z.number().int().positive(), action: z.enum(['mark_sent', 'send_again', 'cancel']) }),
  ),
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
  'ladder.run': returns<LadderRun & { queued: QueueResult | null; queuedTexts: QueueResult | null }>()(z.object({
    asOf: isoDate.optional(),
    /** The moment texts are judged at (the customers' sending hours); default now. */
    at: z.iso.datetime().optional(),
    dryRun: z.boolean().default(true),
    /** Only these customers (a bulk send of "the ladder's next step"); absent: everyone. */
    customerIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
    videoMemoUrl: oneLineText(2000).optional(),
  })),
  /** The ladder replayed day by day over [from, to] of the book's history, per policy (and a second to compare); a long job with progress. */
  'replay.backtest': returns<BacktestReport>()(z.object({
    jobId: jobId.optional(),
    from: isoDate,
    to: isoDate,
    policy: backtestPolicySchema.optional(),
    compare: backtestPolicySchema.optional(),
  }).refine((p) => p.to < p.from || daysBetween(p.from, p.to) < BACKTEST_MAX_DAYS, `a backtest covers at most ${BACKTEST_MAX_DAYS} days`)),
  'ladder.completeTask': returns<{ activityId: number; stepId: string; invoiceNumbers: string[] }>()(completeLadderTaskInput),

  // Risk and cash forecast (issue 5, items 3–4).
  /** Trains on everything known today and re-scores every customer; null when there is too little to learn from. */
  'risk.train': returns<RiskTrainSummary | null>()(z.object({})),
  /** A time split: trained on what was known at asOf, tested on invoices issued after it whose outcome is known. */
  'risk.evaluate': returns<RiskEvaluation>()(z.object({ asOf: isoDate })),
  'risk.customer': returns<CustomerRisk | null>()(z.object({ customerId: z.number().int().positive() })),
  'risk.distribution': returns<RiskDistribution>()(z.object({})),
  /** Expected collections per week for 13 weeks; each run is stored for forecast.compare. */
  'forecast.run': returns<CashForecast>()(z.object({ asOf: isoDate.optional() })),
  /** A stored run (by id or as-of date; else the latest for an earlier day) against what came in, week by week. */
  'forecast.compare': returns<ForecastComparison>()(z.object({ runId: z.number().int().positive().optional(), asOf: isoDate.optional() })
    .refine((p) => p.runId === undefined || p.asOf === undefined, 'name a run by id or by as-of date, not both')),
  /** Stored forecast runs, newest as-of date first. */
  'forecast.runs': returns<ForecastRunInfo[]>()(z.object({})),

  // ── Analytics (issue 5): KPIs, aging trend, attribution, drill-downs and table export ──
  /** DSO family, CEI, % past due, days to pay, promise-kept and dispute figures per group and currency. */
  'analytics.kpis': returns<KpiReport>()(
    z.object({ from: isoDate, to: isoDate, groupBy: z.enum(KPI_GROUPS).default('book') }).refine((p) => p.from <= p.to, 'from is on or before to'),
  ),
  /** Month-end aging from history for `months` months ending at asOf, with each month's KPIs. */
  'analytics.trend': returns<AgingTrend>()(z.object({ asOf: isoDate, months: z.number().int().min(2).max(120).default(24) })),
  /** "What made them pay"; defaults: the 365 days to today, the attributionWindowDays setting. */
  'analytics.attribution': returns<AttributionReport>()(
    z.object({ from: isoDate.optional(), to: isoDate.optional(), days: z.number().int().min(1).max(90).optional() }),
  ),
  /**
   * The invoices behind a chart's bar, band or tile: an aging bucket as of a date in one currency;
   * the open invoices of the customers in a P(late) tenth; or the invoices a forecast expects in a week.
   */
  'analytics.drilldown': returns<DrilldownInvoice[]>()(z.discriminatedUnion('by', [
    z.object({ by: z.literal('aging'), asOf: isoDate, currency: currencyCode, bucket: z.enum(DRILLDOWN_BUCKETS).default('all') }),
    z.object({ by: z.literal('risk'), bin: z.number().int().min(0).max(RISK_BINS - 1) }),
    z.object({ by: z.literal('forecast'), asOf: isoDate, currency: currencyCode, weekStart: isoDate }),
  ])),
  /** A table as CSV or XLSX bytes (the renderer saves them); built here so every host exports alike. */
  'reports.exportTable': returns<ExportedFile>()(exportTableInput),

  // ERP sync: the connection (its secret never comes back), test, sync now, disconnect, status and log.
  'sync.connection.get': returns<ErpConnectionView | null>()(z.object({})),
  /**
   * Without an apiKey the stored one is kept, so the window never needs to hold it, unless the server
   * or login changed (ERP_SERVER_FIELDS): then it and QuickBooks' tokens are forgotten. A QuickBooks
   * refresh token and company (realm) id, when given, replace the stored sign-in (the CLI's way in).
   */
  'sync.connection.save': returns<ErpConnectionView>()(erpConnectionSaveSchema),
  /**
   * Signs in to QuickBooks: the authorize page opens in the system browser (a `browser.open` event);
   * resolves once Intuit redirected back to Inflow's loopback address and the tokens are stored.
   */
  'sync.qbo.connect': returns<{ connectedAs: string }>()(z.object({})),
  'sync.test': returns<{ message: string }>()(z.object({})),
  'sync.run': returns<SyncResult>()(z.object({ jobId: jobId.optional() })),
  /** Forgets the connection, its credentials and cursors; what was synced stays in the ledger. */
  /** `revoked`: whether Intuit confirmed it revoked the QuickBooks sign-in (null: there was none). */
  'sync.disconnect': returns<{ disconnected: true; revoked: boolean | null }>()(z.object({})),
  'sync.status': returns<SyncStatus>()(z.object({ logLimit: z.number().int().min(1).max(500).default(20) })),

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
  // Phone and text messages (issue 25).
  ...smsApi,

  // Inbox (issue 22): replies, bounces and out-of-office answers read back from the collector's mailbox.
  'inbox.settings.get': returns<ImapSettingsView | null>()(z.object({})),
  /** Without a password the stored one is kept, unless the server or login changed. */
  'inbox.settings.save': returns<ImapSettingsView>()(imapSaveSchema),
  /** Reads what is new in the mailbox now; counts what came in. */
  'inbox.fetch': returns<InboxFetchResult>()(z.object({})),
  'inbox.list': returns<InboxItem[]>()(z.object({
    filter: z.enum(INBOX_FILTERS).optional(),
    /** Handled messages too (default: only those still open). */
    all: z.boolean().default(false),
    limit: z.number().int().min(1).max(5000).default(500),
  })),
  /** One message to read: sanitised HTML for the sandboxed frame, the text, the attachments. */
  'inbox.message': returns<InboxMessageView>()(z.object({ id: z.number().int().positive() })),
  /** An attachment's bytes (base64), saved by the window on demand. */
  'inbox.attachment': returns<{ filename: string; type: string; base64: string }>()(z.object({ id: z.number().int().positive(), path: z.string().regex(/^\d+(?:\.\d+){0,20}$/, 'a MIME part path like 2.1') })),
  /** The Unmatched list's one key: this message is about this customer. */
  'inbox.assign': returns<InboxItem>()(z.object({ id: z.number().int().positive(), customerId: z.number().int().positive() })),
  /** Marks a message handled (a reply stops pausing the ladder), saying how. */
  'inbox.handle': returns<InboxItem>()(z.object({ id: z.number().int().positive(), action: z.enum(INBOX_ACTIONS) })),

  // Late-payment charges (issue 23): computed as of a date, never part of a balance.
  'charges.report': returns<ChargesReport>()(z.object({ asOf: isoDate.optional(), customerId: z.number().int().positive().optional() })),
  /** Gives up an invoice's interest or fixed fee whole, with the reason (audit-logged). */
  'charges.waive': returns<{ invoiceId: number; component: ChargeComponent }>()(z.object({
    invoiceId: z.number().int().positive(), component: z.enum(CHARGE_COMPONENTS), reason: oneLineText(500).min(1, 'say why the charge is waived'),
  })),
  'charges.restore': returns<{ invoiceId: number; component: ChargeComponent }>()(z.object({ invoiceId: z.number().int().positive(), component: z.enum(CHARGE_COMPONENTS) })),
  'charges.policies': returns<ChargePolicy[]>()(z.object({})),
  'charges.savePolicies': returns<ChargePolicy[]>()(z.object({ policies: chargePoliciesSchema })),
  /** The reference-rate table: shipped history and the user's rows. */
  'charges.rates': returns<ReferenceRate[]>()(z.object({})),
  'charges.saveRate': returns<{ saved: true }>()(referenceRateSchema),
  'charges.deleteRate': returns<{ deleted: true }>()(z.object({ series: z.enum(RATE_SERIES), effectiveDate: isoDate })),

  // Statements and letters as PDF (issue 23), made in the core.
  /** One customer's statement: open items as of a date, or the activity of a period (from … asOf). */
  'documents.statement': returns<ExportedFile & { preview: StatementPreview }>()(z.object({
    customerId: z.number().int().positive(), kind: z.enum(STATEMENT_KINDS).default('open_items'), asOf: isoDate.optional(), from: isoDate.optional(),
  })),
  /** Many statements in one PDF to print (a long job with progress and cancel). */
  'documents.statements': returns<ExportedFile & { statements: number }>()(z.object({
    customerIds: z.array(z.number().int().positive()).min(1).max(10_000), kind: z.enum(STATEMENT_KINDS).default('open_items'), asOf: isoDate.optional(), jobId: jobId.optional(),
  })),
  'documents.company': returns<CompanyProfile>()(z.object({})),
  'documents.saveCompany': returns<CompanyProfile>()(companyProfileSchema),
  'customer.setPostalAddress': returns<{ customerId: number; lines: string[] }>()(z.object({ customerId: z.number().int().positive(), lines: postalAddressSchema })),
  /** The ladder's letter and agency-referral steps due today. */
  'documents.letters': returns<LetterDay>()(z.object({})),
  /** Today's letters (all, or the chosen customers') in one PDF to print; nothing is marked yet. */
  'documents.lettersPdf': returns<ExportedFile & LetterDay>()(z.object({ customerIds: z.array(z.number().int().positive()).max(10_000).optional() })),
  /** The printed letters were posted: their ladder steps are taken (ladder.completeTask for each); those held since printing are not, and say why. */
  'documents.lettersPosted': returns<{ posted: { customerId: number; activityId: number; stepId: string; invoiceNumbers: string[] }[]; held: HeldLetter[] }>()(
    z.object({ customerIds: z.array(z.number().int().positive()).min(1).max(10_000) }),
  ),
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

/** Push events from the core: long-job progress, outbox changes, pages to open in the browser. */
export interface JobProgressEvent {
  type: 'job.progress';
  jobId: string;
  phase: 'reading' | 'validating' | 'writing' | 'replaying' | 'done';
  done: number;
  total: number;
  /** What the job is doing, in words, when its phase says too little ("Learning how each customer pays"). */
  step?: string;
}
/** The outbox changed (a message sent, failed or retried); the window re-reads the batch it shows. */
export interface OutboxChangedEvent {
  type: 'outbox.changed';
  batchId: string | null;
}

/**
 * A page the user must see in their own browser (QuickBooks' sign-in). The desktop shell opens it with
 * the system browser; the web host's window opens a tab.
 */
export interface BrowserOpenEvent {
  type: 'browser.open';
  url: string;
}

/** Today's queue changed length (an activity, an import, a new day): the tray and dock badge show it. */
export interface QueueChangedEvent {
  type: 'queue.changed';
  queue: number;
}

export type CoreEvent = JobProgressEvent | OutboxChangedEvent | BrowserOpenEvent | QueueChangedEvent;

/** What a staged file looks like to the renderer. */
export interface StagedFile {
  fileId: string;
  name: string;
  size: number;
}

/** The renderer's view of any host: window.inflow in the app, HTTP in dev:web and tests. */
export interface InflowBridge {
  call<P extends ProcedureName>(name: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Lets the user choose a file; the host stages it for the core and returns its id. */
  pickFile(accept: string[]): Promise<StagedFile | null>;
  /** Stages a file the user dropped on the window, from its bytes (a dropped file's path is never trusted). */
  stageDroppedFile(name: string, bytes: ArrayBuffer): Promise<StagedFile>;
  /** The desktop app's updater; absent in the browser (dev:web, tests). */
  update?(action: UpdateAction): Promise<UpdateStatus>;
  /** The host's own procedures (shellApi): the database key, restarting. */
  shell<P extends ShellProcedureName>(name: P, input: z.input<ShellApi[P]['input']>): Promise<ShellApi[P]['output']>;
}

export const MAX_DROPPED_BYTES = 512 * 1024 * 1024;
/** A dropped file the desktop app stages: its name as the user sees it, and its bytes (IPC may deliver them as a Uint8Array). */
export const droppedFileSchema = z.object({
  name: z.string().min(1).max(200).regex(/^[^\\/\u0000-\u001f]+$/, 'a file name without a folder'),
  bytes: z.union([z.instanceof(ArrayBuffer), z.instanceof(Uint8Array)]).refine((b) => b.byteLength <= MAX_DROPPED_BYTES, `at most ${MAX_DROPPED_BYTES / 1024 / 1024} MB`),
});

/** The Settings screen's requests to the desktop updater (the web host has none). */
export const updateActionSchema = z.enum(['status', 'check', 'restart']);
export type UpdateAction = z.output<typeof updateActionSchema>;
