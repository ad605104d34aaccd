import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { percentile } from './percentile';
import { contributions, fitLogistic, predictProbability, type FeatureRows, type LogisticModel } from './logistic-regression';
import { historyFacts } from './history-facts';
import { FEATURE_KEYS, featureVector, isLate, type RiskFacts } from './risk-features';
import { balanceBefore, LATE_GRACE_DAYS, type CustomerHistory, type PastInvoice } from './risk-history';

/** What is stored after training: enough to score any invoice again without the training rows. */
export interface RiskModel {
  asOf: IsoDate;
  nTrain: number;
  /** Share of training invoices paid late. */
  lateShare: number;
  /** Mean days late of the late training invoices: the prior a customer's own lateness is shrunk toward. */
  meanLateDays: number;
  /** 10th and 90th percentile of signed due-to-paid days in training: the band for customers with little history. */
  delayBand: { p10: number; p90: number };
  logistic: LogisticModel;
}

/**
 * The known outcomes training learns from, one row per invoice in typed arrays: a million of them
 * as objects with a features array each cost several times the memory.
 */
export interface TrainingSet {
  /** Row i: invoice i's feature vector (FEATURE_KEYS order). */
  features: FeatureRows;
  /** 1 when paid late (or unpaid and past due). */
  late: Uint8Array;
  /** Signed days from due to paid; NaN when not paid yet. */
  delays: Float64Array;
}

export interface InvoiceRisk {
  pLate: number;
  expectedDaysLate: number;
  /** Per feature (FEATURE_KEYS order): its push on the log-odds. */
  contributions: number[];
  facts: RiskFacts;
}

/** How many invoices' worth of the book-wide lateness a customer's own mean is blended with. */
const SHRINK_INVOICES = 3;
const L2 = 1;

/**
 * Training rows as known at `asOf`, each with the facts of its own issue date: invoices paid by then,
 * and invoices still unpaid then though past due (late for certain). Leaving the latter out would
 * teach the model that recent invoices are paid on time, since only the prompt ones were paid yet.
 * Rows are counted first so the arrays are allocated once, at their size.
 */
export function trainingSet(
  histories: ReadonlyMap<number, CustomerHistory>,
  asOf: IsoDate,
  factsOf: (history: CustomerHistory) => RiskFacts[] = historyFacts,
): TrainingSet {
  const outcome = knownOutcome(asOf);
  let count = 0;
  for (const history of histories.values()) for (const invoice of history.invoices) if (outcome(invoice) !== null) count++;
  const width = FEATURE_KEYS.length;
  const set: TrainingSet = {
    features: { count, width, values: new Float64Array(count * width) },
    late: new Uint8Array(count),
    delays: new Float64Array(count),
  };
  let row = 0;
  for (const history of histories.values()) {
    const facts = factsOf(history);
    history.invoices.forEach((invoice, k) => {
      const known = outcome(invoice);
      if (known === null) return;
      set.features.values.set(featureVector(facts[k]!), row * width);
      set.late[row] = known.late ? 1 : 0;
      set.delays[row++] = known.delay;
    });
  }
  return set;
}

/** An invoice's outcome as known at `asOf` (delay NaN while unpaid), or null when not known yet. */
function knownOutcome(asOf: IsoDate): (invoice: PastInvoice) => { late: boolean; delay: number } | null {
  const lateBy = addDays(asOf, -LATE_GRACE_DAYS);
  const dayAfter = addDays(asOf, 1);
  return (invoice) => {
    if (invoice.paidDate !== null && invoice.paidDate <= asOf) return { late: isLate(invoice), delay: daysBetween(invoice.dueDate, invoice.paidDate) };
    if (invoice.dueDate < lateBy && balanceBefore(invoice, dayAfter) > 0) return { late: true, delay: Number.NaN };
    return null;
  };
}

/** Below this many known outcomes (or with only one kind) there is nothing to learn: no model, no risk points. */
const MIN_TRAINING = 30;

export function trainRiskModel({ features, late, delays }: TrainingSet, asOf: IsoDate): RiskModel | null {
  const n = features.count;
  const lateCount = late.reduce((sum, l) => sum + l, 0);
  if (n < MIN_TRAINING || lateCount === 0 || lateCount === n) return null;
  // A typed array sorts by value, as (a, b) => a - b would.
  const paid = delays.filter((d) => !Number.isNaN(d)).sort();
  return {
    asOf,
    nTrain: n,
    lateShare: lateCount / n,
    meanLateDays: meanLateDelay(late, delays),
    delayBand: { p10: percentile(paid, 0.1), p90: percentile(paid, 0.9) },
    logistic: fitLogistic(features, late, { l2: L2 }),
  };
}

/** Mean delay of the paid late rows, summed in row order; 0 without any. */
function meanLateDelay(late: Uint8Array, delays: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < late.length; i++) {
    if (late[i] === 1 && !Number.isNaN(delays[i]!)) {
      sum += delays[i]!;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * P(late) from the logistic model; expected days late = P(late) × how late the customer usually is
 * when late (its own mean, shrunk toward the book's with SHRINK_INVOICES pseudo-invoices).
 */
export function scoreFacts(model: RiskModel, facts: RiskFacts): InvoiceRisk {
  const features = featureVector(facts);
  const pLate = predictProbability(model.logistic, features);
  const lateDaysSum = facts.meanDaysLate * facts.settled;
  const whenLate = (lateDaysSum + SHRINK_INVOICES * model.meanLateDays) / (facts.late + SHRINK_INVOICES);
  return { pLate, expectedDaysLate: pLate * whenLate, contributions: contributions(model.logistic, features), facts };
}
