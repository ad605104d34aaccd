import { z } from 'zod';
import {
  DRILLDOWN_BUCKETS,
  exportTableInput,
  KPI_GROUPS,
  type AgingTrend,
  type AttributionReport,
  type DrilldownInvoice,
  type ExportedFile,
  type KpiReport,
} from './analytics';
import { returns } from './procedure';
import {
  RISK_BINS,
  type CashForecast,
  type CustomerRisk,
  type ForecastComparison,
  type ForecastRunInfo,
  type RiskDistribution,
  type RiskEvaluation,
  type RiskTrainSummary,
} from './risk';
import { currencyCodeSchema as currencyCode, isoDateSchema as isoDate } from './value-schemas';

/** Risk, the cash forecast and the reports' analytics: procedures of the contract in api.ts. */
export const analyticsApi = {
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
  'forecast.compare': returns<ForecastComparison>()(
    z
      .object({ runId: z.number().int().positive().optional(), asOf: isoDate.optional() })
      .refine((p) => p.runId === undefined || p.asOf === undefined, 'name a run by id or by as-of date, not both'),
  ),
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
  'analytics.drilldown': returns<DrilldownInvoice[]>()(
    z.discriminatedUnion('by', [
      z.object({ by: z.literal('aging'), asOf: isoDate, currency: currencyCode, bucket: z.enum(DRILLDOWN_BUCKETS).default('all') }),
      z.object({
        by: z.literal('risk'),
        bin: z
          .number()
          .int()
          .min(0)
          .max(RISK_BINS - 1),
      }),
      z.object({ by: z.literal('forecast'), asOf: isoDate, currency: currencyCode, weekStart: isoDate }),
    ]),
  ),
  /** A table as CSV or XLSX bytes (the renderer saves them); built here so every host exports alike. */
  'reports.exportTable': returns<ExportedFile>()(exportTableInput),
} as const;
