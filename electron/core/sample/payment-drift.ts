import { Random } from './random';

/** Chance an invoice starts a cash squeeze for its customer, and that the next one ends it. */
const SQUEEZE_START = 0.06;
const SQUEEZE_END = 0.35;
/** Days a bill twice the customer's usual size waits longer (log-scaled, larger bills only). */
const DAYS_PER_LOG_SIZE = 12;

/**
 * What shifts a customer's payments beyond its behaviour, as in real ledgers: cash squeezes that
 * last several invoices (so recent lateness predicts the next) and large bills paid later than small
 * ones. Its own random stream, so the rest of the sample draws exactly as before.
 */
export class PaymentDrift {
  private readonly rng: Random;
  private readonly squeezed = new Map<string, number>();

  constructor(seed: number) {
    this.rng = new Random(seed ^ 0x5eed);
  }

  /** Extra days for a customer's next invoice (called in issue-date order). */
  extraDays(customer: string, amountMinor: number, usualMinor: number): number {
    let squeeze = this.squeezed.get(customer) ?? 0;
    if (squeeze > 0 && this.rng.chance(SQUEEZE_END)) squeeze = 0;
    else if (squeeze === 0 && this.rng.chance(SQUEEZE_START)) squeeze = this.rng.int(15, 35);
    this.squeezed.set(customer, squeeze);
    return squeeze + Math.max(0, Math.round(DAYS_PER_LOG_SIZE * Math.log(amountMinor / usualMinor) / Math.LN2));
  }
}
