import type { ChargesReport } from '../../shared/charges';
import { AppError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import type { Core } from '../core';

/** The documented JSON: minor units; customers by ERP id; each invoice's days of interest, interest and fixed fee. */
export function chargesJson(report: ChargesReport) {
  return {
    asOf: report.asOf,
    customers: report.customers.map((c) => ({
      externalId: c.externalId,
      currency: c.currency,
      interest: c.interest,
      fixedFees: c.fixedFees,
      waived: c.waived,
      invoices: c.invoices.map((i) => ({ number: i.number, days: i.days, interest: i.interest, fixedFee: i.fixedFee })),
    })),
  };
}

interface ChargesOptions {
  json: boolean;
  'as-of'?: string | undefined;
  customer?: string | undefined;
}

export async function chargesCommand(core: Core, action: string | undefined, options: ChargesOptions, today: string): Promise<string> {
  if (action === 'push') return pushCommand(core, options, today);
  if (action !== undefined) throw new AppError('INVALID_INPUT', `charges takes no action or "push", not "${action}".`);
  const report = await core.call('charges.report', { asOf: options['as-of'] ?? today });
  if (options.json) return JSON.stringify(chargesJson(report));
  if (report.customers.length === 0) return `No late-payment charges as of ${report.asOf} (a policy per segment is set in Settings → Charges).`;
  const money = (minor: number, currency: string): string => formatMoney(minor, currency, 'en-US');
  return [
    `Late-payment charges as of ${report.asOf} (apart from principal)`,
    ...report.customers.map(
      (c) =>
        `  ${c.externalId} ${c.name}: interest ${money(c.interest, c.currency)}, fixed ${money(c.fixedFees, c.currency)}, waived ${money(c.waived, c.currency)} on ${c.invoices.length} invoice(s)`,
    ),
  ].join('\n');
}

/**
 * `charges push --customer ID [--as-of D]`: the customer's charges not yet invoiced, as one invoice per
 * currency in the connected ERP (the connection `sync` stored). Exit 0 even when the ERP could not be
 * reached: the pushes stay queued, say why, and go with the next push or sync.
 */
async function pushCommand(core: Core, options: ChargesOptions, today: string): Promise<string> {
  if (!options.customer) throw new AppError('INVALID_INPUT', 'charges push needs --customer EXTERNAL_ID.');
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const result = await core.call('charges.push', { customerId, asOf: options['as-of'] ?? today });
  if (options.json) {
    return JSON.stringify({
      created: result.created,
      pushes: result.pushes.map((p) => ({
        ref: p.ref,
        connector: p.connector,
        currency: p.currency,
        asOf: p.asOf,
        total: p.totalMinor,
        pushedAt: p.pushedAt,
        erpId: p.erpId,
        erpNumber: p.erpNumber,
        lastError: p.lastError,
        lines: p.lines.map((l) => ({ number: l.number, component: l.component, amount: l.amountMinor })),
      })),
    });
  }
  const money = (minor: number, currency: string): string => formatMoney(minor, currency, 'en-US');
  const head =
    result.created === 0 ? 'Nothing new to invoice: every charge is waived or already pushed.' : `${result.created} charges invoice(s) queued for the ERP.`;
  return [
    head,
    ...result.pushes.map(
      (p) =>
        `  ${p.ref} ${money(p.totalMinor, p.currency)} as of ${p.asOf}: ${
          p.pushedAt ? `in ${p.connector} as ${p.erpNumber ?? `#${p.erpId}`}` : `waiting (${p.lastError ?? 'not sent yet'})`
        }`,
    ),
  ].join('\n');
}
