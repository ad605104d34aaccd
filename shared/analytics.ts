import { z } from 'zod';
import { AGING_BUCKETS, type AgingAmounts, type AgingEdges } from './aging';

/** How KPI rows are grouped; every row is also per currency, since money is never mixed. */
export const KPI_GROUPS = ['book', 'segment', 'collector', 'customer'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

/** The DSO family for one group and currency over [from, to]; null where a denominator is zero. */
export interface KpiFigures {
  dsoSimple: number | null;
  dsoCountback: number | null;
  bestPossibleDso: number | null;
  add: number | null;
  cei: number | null;
  pastDuePct: number | null;
}

export interface KpiRow extends KpiFigures {
  /** Segment, collector or customer external id; null for the whole book or "none set". */
  group: string | null;
  label: string;
  currency: string;
  beginningAr: number;
  endingAr: number;
  currentAr: number;
  sales: number;
  paidInvoices: number;
  avgDaysToPay: number | null;
  avgDaysLate: number | null;
  promisesKept: number;
  promisesBroken: number;
  promiseKeptPct: number | null;
  promiseKeptValuePct: number | null;
}

export interface DisputeRow {
  group: string | null;
  label: string;
  opened: number;
  openAtEnd: number;
  medianResolutionDays: number | null;
  pastSlaPct: number | null;
}

export interface KpiReport {
  from: string;
  to: string;
  days: number;
  groupBy: KpiGroup;
  rows: KpiRow[];
  disputes: DisputeRow[];
}

/** Month-end aging totals of one currency, and that month's KPIs (first month: aging only). */
export interface TrendPoint {
  asOf: string;
  month: string;
  currency: string;
  aging: AgingAmounts;
  kpis: (KpiFigures & { sales: number }) | null;
}

export interface AgingTrend {
  asOf: string;
  months: number;
  edges: AgingEdges;
  points: TrendPoint[];
}

/** Touch families attribution groups by; the action adds the template, outcome or channel. */
export const TOUCH_FAMILIES = ['email', 'video_memo', 'call', 'promise', 'letter', 'ladder_task', 'discount_offer'] as const;
export type TouchFamily = (typeof TOUCH_FAMILIES)[number];

export interface AttributionRow {
  view: 'last' | 'first';
  /** e.g. "email:first-reminder", "call:promised_to_pay", "promise"; "none" for payments without a touch. */
  action: string;
  family: TouchFamily | 'none';
  currency: string;
  payments: number;
  amountMinor: number;
  medianDaysToPay: number | null;
}

export interface InvoiceShareRow {
  action: string;
  family: TouchFamily;
  invoices: number;
  paidWithin: number;
  sharePct: number | null;
}

export interface AttributedPayment {
  paymentId: number;
  customerExternalId: string;
  customerName: string;
  date: string;
  currency: string;
  amountMinor: number;
  invoiceNumbers: string[];
  firstTouch: { action: string; date: string } | null;
  lastTouch: { action: string; date: string } | null;
}

export interface AttributionReport {
  from: string;
  to: string;
  windowDays: number;
  rows: AttributionRow[];
  invoiceShares: InvoiceShareRow[];
  /** Invoices that fell due in the period with no touch of their customer within the window around the due date. */
  untouched: { invoices: number; paidWithin: number; sharePct: number | null };
  payments: AttributedPayment[];
}

/** What a drill-down lists: one aging bucket, everything past due, or all open items. */
export const DRILLDOWN_BUCKETS = [...AGING_BUCKETS, 'past_due', 'all'] as const;
export type DrilldownBucket = (typeof DRILLDOWN_BUCKETS)[number];

export interface DrilldownInvoice {
  invoiceNumber: string;
  customerExternalId: string;
  customerName: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  balanceMinor: number;
  daysPastDue: number;
}

/** A table the renderer shows, handed to the core to write as CSV or XLSX; cells stay typed so XLSX keeps numbers. */
export const exportTableInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[\w .-]+$/, 'letters, digits, spaces, "-", "_" or "."'),
  format: z.enum(['csv', 'xlsx']),
  columns: z
    .array(
      z.object({
        header: z.string().max(120),
        kind: z.enum(['text', 'number', 'money', 'date']),
        /** Money cells are integer minor units; this names the column holding each row's currency code. */
        currencyColumn: z.number().int().min(0).max(59).optional(),
      }),
    )
    .min(1)
    .max(60),
  rows: z.array(z.array(z.union([z.string().max(2000), z.number(), z.null()])).max(60)).max(100_000),
});
export type ExportTableInput = z.infer<typeof exportTableInput>;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64: the renderer saves them through a Blob download. */
  base64: string;
}
