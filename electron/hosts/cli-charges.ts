import type { ChargesReport } from '../../shared/charges';
import { formatMoney } from '../../shared/money';
import type { Core } from '../core';

/** The documented JSON: minor units; customers by ERP id; each invoice's days of interest, interest and fixed fee. */
export function chargesJson(report: ChargesReport) {
  return {
    asOf: report.asOf,
    customers: report.customers.map((c) => ({
      externalId: c.externalId, currency: c.currency, interest: c.interest, fixedFees: c.fixedFees, waived: c.waived,
      invoices: c.invoices.map((i) => ({ number: i.number, days: i.days, interest: i.interest, fixedFee: i.fixedFee })),
    })),
  };
}

export async function chargesCommand(core: Core, options: { json: boolean; 'as-of'?: string | undefined }, today: string): Promise<string> {
  const report = await core.call('charges.report', { asOf: options['as-of'] ?? today });
  if (options.json) return JSON.stringify(chargesJson(report));
  if (report.customers.length === 0) return `No late-payment charges as of ${report.asOf} (a policy per segment is set in Settings → Charges).`;
  const money = (minor: number, currency: string): string => formatMoney(minor, currency, 'en-US');
  return [`Late-payment charges as of ${report.asOf} (apart from principal)`, ...report.customers.map((c) =>
    `  ${c.externalId} ${c.name}: interest ${money(c.interest, c.currency)}, fixed ${money(c.fixedFees, c.currency)}, waived ${money(c.waived, c.currency)} on ${c.invoices.length} invoice(s)`)].join('\n');
}
