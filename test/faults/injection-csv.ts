import type { InjectionCase } from './injection-corpus';

/** One RFC 4180 cell: quoted, with quotes doubled, so any corpus value survives the file intact. */
const cell = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** The corpus case's customer id in the generated files. */
export const customerIdOf = (c: InjectionCase): string => `INJ-${c.id}`;
/** A plain address per case: the recipient is never hostile, only what surrounds it. */
export const addressOf = (c: InjectionCase): string => `${c.id}@customer.example`;

/** A generic customers export whose name and contact name columns carry each case (the ERP side of the corpus). */
export function customersCsv(cases: readonly InjectionCase[]): string {
  const rows = cases.map((c) => [customerIdOf(c), c.value, 'USD', c.value, addressOf(c), '+1 555 0100', '30', '', 'Enterprise', 'Dana'].map(cell).join(','));
  return ['Customer ID,Name,Currency,Contact Name,Email,Phone,Terms Days,Credit Limit,Segment,Collector', ...rows].join('\r\n') + '\r\n';
}

/**
 * A generic invoices export: each case's customer owes one past-due invoice of 100.00 numbered with the
 * case's value; the `largest` case's customer owes 900,000.00 since January, so it heads the worklist.
 */
export function invoicesCsv(cases: readonly InjectionCase[], largest?: InjectionCase): string {
  const rows = cases.map((c) => {
    const [issued, due, amount] = c === largest ? ['2026-01-01', '2026-02-01', '900000.00'] : ['2026-09-01', '2026-10-01', '100.00'];
    return [c.value, customerIdOf(c), c.value, issued, due, amount, amount, '', 'USD', 'no'].map(cell).join(',');
  });
  return ['Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency,Disputed', ...rows].join('\r\n') + '\r\n';
}
