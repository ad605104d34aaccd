import type { IsoDate } from './dates';

/**
 * The learned payment-risk view of a customer and the cash forecast built on it. Probabilities and
 * days are floats; money stays integer minor units per currency.
 */
export const RISK_SEGMENTS = ['reliable', 'occasionally_late', 'habitually_late', 'new'] as const;
export type RiskSegment = (typeof RISK_SEGMENTS)[number];

export interface CreditAdvice {
  code: 'deposit' | 'lower_limit' | 'shorter_terms';
  text: string;
}

export interface CustomerRisk {
  customerId: number;
  /** Chance its open invoices are paid after their due date, amount-weighted (0–1). */
  pLate: number;
  /** Amount-weighted expected days paid after due (P(late) × the customer's usual lateness when late). */
  expectedDaysLate: number;
  segment: RiskSegment;
  /** The three features pushing the score most, in words ("paid 7 of 10 invoices late"). */
  reasons: string[];
  advice: CreditAdvice[];
  trainedAt: string;
}

export interface RiskTrainSummary {
  trainedAt: string;
  asOf: IsoDate;
  nTrain: number;
  lateShare: number;
  customersScored: number;
}

export interface RiskEvaluation {
  auc: number;
  accuracy: number;
  brier: number;
  baselineAuc: number;
  nTrain: number;
  nTest: number;
}

/** The distribution chart's P(late) tenths: bin k holds k/10 ≤ P < (k+1)/10, the last one P = 1 too. */
export const RISK_BINS = 10;

export function riskBin(pLate: number): number {
  return Math.min(RISK_BINS - 1, Math.max(0, Math.floor(pLate * RISK_BINS)));
}

export interface RiskDistribution {
  /** Customers by P(late) in tenths: bins[0] is 0–10 %. */
  bins: { from: number; to: number; customers: number }[];
  segments: Record<RiskSegment, number>;
}

export interface ForecastWeek {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  expectedMinor: number;
  lowMinor: number;
  highMinor: number;
}

export interface CurrencyForecast {
  currency: string;
  weeks: ForecastWeek[];
  /** Open at the as-of date and expected only after the horizon. */
  beyondMinor: number;
  /** The open invoices forecast: the weeks plus beyondMinor. */
  openMinor: number;
  /**
   * Unapplied credits at the as-of date (zero or negative): never collected, so not in the weeks;
   * openMinor + creditsMinor is the open balance the aging and the customer pages show.
   */
  creditsMinor: number;
}

export interface CashForecast {
  runId: number;
  asOf: IsoDate;
  /** The risk model the predicted pay dates came from: the stored one, or one learned for a past as-of date. */
  model: { asOf: IsoDate; trainedAt: string };
  currencies: CurrencyForecast[];
}

export interface ForecastRunInfo {
  runId: number;
  asOf: IsoDate;
  createdAt: string;
}

export interface ForecastComparison {
  runId: number | null;
  asOf: IsoDate | null;
  /**
   * Every week of the run: what it expected against what came in on the invoices it forecast.
   * `actualMinor` and `errorMinor` (actual − expected) are null for weeks not ended yet.
   */
  rows: {
    currency: string;
    weekStart: IsoDate;
    weekEnd: IsoDate;
    expectedMinor: number;
    lowMinor: number;
    highMinor: number;
    actualMinor: number | null;
    errorMinor: number | null;
  }[];
}
