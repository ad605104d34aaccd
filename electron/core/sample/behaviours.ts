import { addDays, type IsoDate } from '../../../shared/dates';
import type { Random } from './random';

export const BEHAVIOURS = ['prompt', 'slow', 'seasonal', 'disputer', 'deteriorating', 'promise-breaker'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface InvoiceFacts {
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  /** 0 for the oldest month of history, 23 for the newest. */
  monthIndex: number;
}

export interface PlannedPayment {
  date: IsoDate;
  amountMinor: number;
}

export interface Outcome {
  payments: PlannedPayment[];
  disputed: boolean;
}

const full = (invoice: InvoiceFacts, daysAfterDue: number): Outcome => ({
  payments: [{ date: addDays(invoice.dueDate, daysAfterDue), amountMinor: invoice.amountMinor }],
  disputed: false,
});

/** When (and how much) a customer of each behaviour pays an invoice; payments after "today" simply never happen. */
export const OUTCOMES: Record<Behaviour, (invoice: InvoiceFacts, rng: Random) => Outcome> = {
  prompt: (invoice, rng) => full(invoice, rng.int(-10, 3)),
  slow: (invoice, rng) => full(invoice, rng.int(20, 60)),
  seasonal: (invoice, rng) => {
    const month = Number(invoice.issueDate.slice(5, 7));
    const busySeason = [7, 8, 11, 12].includes(month);
    return full(invoice, busySeason ? rng.int(30, 75) : rng.int(-5, 5));
  },
  disputer: (invoice, rng) => {
    if (rng.chance(0.2)) {
      // Disputed invoices stay open while recent; old disputes were settled late.
      return invoice.monthIndex >= 18 ? { payments: [], disputed: true } : { ...full(invoice, rng.int(60, 120)), disputed: false };
    }
    return full(invoice, rng.int(5, 25));
  },
  deteriorating: (invoice, rng) => full(invoice, invoice.monthIndex * 4 - 10 + rng.int(0, 10)),
  'promise-breaker': (invoice, rng) => {
    const first = Math.round(invoice.amountMinor / 2);
    return {
      payments: [
        { date: addDays(invoice.dueDate, rng.int(30, 50)), amountMinor: first },
        { date: addDays(invoice.dueDate, rng.int(60, 110)), amountMinor: invoice.amountMinor - first },
      ],
      disputed: false,
    };
  },
};
