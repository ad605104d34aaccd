import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { percentile } from './percentile';
import { contributions, fitLogistic, predictProbability, type LogisticModel } from './logistic-regression';
import { historyFacts } from './history-facts';
import { featureVector, isLate, type RiskFacts } from './risk-features';
import { balanceBefore, LATE_GRACE_DAYS, type CustomerHistory } from './risk-history';

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

export interface Example {
  facts: RiskFacts;
  features: number[];
  late: 0 | 1;
  /** Signed days from due to paid, when it has been paid. */
  delay: number | null;
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

function example(facts: RiskFacts, late: boolean, delay: number | null): Example {
  return { facts, features: featureVector(facts), late: late ? 1 : 0, delay };
}

/**
 * Training rows as known at `asOf`, each with the facts of its own issue date: invoices paid by then,
 * and invoices still unpaid then though past due (late for certain). Leaving the latter out would
 * teach the model that recent invoices are paid on time, since only the prompt ones were paid yet.
 */
export function trainingExamples(histories: Iterable<CustomerHistory>, asOf: IsoDate, factsOf: (history: CustomerHistory) => RiskFacts[] = historyFacts): Example[] {
  const rows: Example[] = [];
  const lateBy = addDays(asOf, -LATE_GRACE_DAYS);
  for (const history of histories) {
    const facts = factsOf(history);
    history.invoices.forEach((invoice, k) => {
      if (invoice.paidDate !== null && invoice.paidDate <= asOf) rows.push(example(facts[k]!, isLate(invoice), daysBetween(invoice.dueDate, invoice.paidDate)));
      else if (invoice.dueDate < lateBy && balanceBefore(invoice, addDays(asOf, 1)) > 0) rows.push(example(facts[k]!, true, null));
    });
  }
  return rows;
}

/** Below this many known outcomes (or with only one kind) there is nothing to learn: no model, no risk points. */
const MIN_TRAINING = 30;

export function trainRiskModel(examples: readonly Example[], asOf: IsoDate): RiskModel | null {
  const late = examples.filter((e) => e.late === 1);
  if (examples.length < MIN_TRAINING || late.length === 0 || late.length === examples.length) return null;
  const delays = examples.flatMap((e) => (e.delay === null ? [] : [e.delay])).sort((a, b) => a - b);
  const lateDays = late.flatMap((e) => (e.delay === null ? [] : [e.delay]));
  return {
    asOf,
    nTrain: examples.length,
    lateShare: late.length / examples.length,
    meanLateDays: lateDays.length > 0 ? lateDays.reduce((a, b) => a + b, 0) / lateDays.length : 0,
    delayBand: { p10: percentile(delays, 0.1), p90: percentile(delays, 0.9) },
    logistic: fitLogistic(examples.map((e) => e.features), examples.map((e) => e.late), { l2: L2 }),
  };
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
