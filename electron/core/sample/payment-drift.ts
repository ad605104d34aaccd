import { Random } from './random';

/** Chance an invoice starts a cash squeeze for its customer, and that the next one ends it. */
const SQUEEZE_START = 0.04;
const SQUEEZE_END = 0.4;
/** Days a bill twice the customer's usual size waits longer (and one half its size is paid sooner). */
const DAYS_PER_DOUBLING = 4;

/**
 * What shifts a customer's payments beyond its behaviour, as in real ledgers: cash squeezes that
 * last several invoices (so recent lateness predicts the next), large bills paid later and small
 * ones sooner. Its own random stream, so the rest of the sample draws exactly as before.
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
    return squeeze + Math.round(DAYS_PER_DOUBLING * Math.log2(amountMinor / usualMinor));
  }
}
