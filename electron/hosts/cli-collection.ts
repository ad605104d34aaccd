import { CALL_OUTCOMES, DISPUTE_REASONS } from '../../shared/activity';
import { AppError } from '../../shared/errors';
import { currencyExponent, formatMoney, parseAmount } from '../../shared/money';
import { sentence } from '../../shared/text';
import { describeReason } from '../../shared/worklist';
import type { Core } from '../core';

/** The collector's loop from a terminal: read the queue, log a call, record a promise, open a dispute. */
export interface CollectionOptions {
  json: boolean;
  'as-of'?: string | undefined;
  customer?: string | undefined;
  outcome?: string | undefined;
  notes?: string | undefined;
  direction?: string | undefined;
  'follow-up'?: string | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  date?: string | undefined;
  invoices?: string | undefined;
  reason?: string | undefined;
  sla?: string | undefined;
  owner?: string | undefined;
}

const PAGE = 1000;

export async function worklistCommand(core: Core, options: CollectionOptions, today: string): Promise<string> {
  const asOf = options['as-of'] ?? today;
  const rows = [];
  let unratedCurrencies: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await core.call('worklist.list', { asOf, offset, limit: PAGE });
    rows.push(...page.rows);
    unratedCurrencies = page.unratedCurrencies;
    if (offset + PAGE >= page.total) break;
  }
  const described = rows.map((row) => ({
    externalId: row.externalId,
    name: row.name,
    currency: row.currency,
    score: row.score,
    reasons: row.reasons.map((r) => describeReason(r, asOf, 'en-US')),
  }));
  if (options.json) return JSON.stringify({ asOf, rows: described, unratedCurrencies });
  return [
    `Worklist as of ${asOf}: ${rows.length} customers`,
    ...(unratedCurrencies.length > 0
      ? [`No exchange rate for ${unratedCurrencies.join(', ')}: each is ranked on its own, after the others (Settings → Currencies).`]
      : []),
    ...described
      .slice(0, 50)
      .map((row, index) => `${String(index + 1).padStart(4)}. ${row.name} (${row.externalId}) · ${row.score} · ${row.reasons.join('; ')}`),
  ].join('\n');
}

async function customerOf(core: Core, options: CollectionOptions) {
  if (!options.customer) throw new AppError('INVALID_INPUT', '--customer EXTERNAL_ID is required.');
  return core.call('customer.lookup', { externalId: options.customer });
}

/** Invoice numbers on the command line → the customer's open invoice ids. */
export async function invoiceIds(core: Core, customerId: number, numbers: string | undefined): Promise<number[]> {
  if (!numbers) return [];
  const open = await core.call('customer.invoices', { customerId, openOnly: true });
  return numbers
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((number) => {
      const invoice = open.find((i) => i.number === number);
      if (!invoice) throw new AppError('INVALID_INPUT', `Invoice "${number}" is not an open invoice of this customer.`);
      return invoice.id;
    });
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (!value || !(allowed as readonly string[]).includes(value)) {
    throw new AppError('INVALID_INPUT', `--${flag} must be one of: ${allowed.join(', ')}.`);
  }
  return value as T;
}

export async function logCallCommand(core: Core, options: CollectionOptions): Promise<string> {
  const customer = await customerOf(core, options);
  await core.call('activity.logCall', {
    customerId: customer.customerId,
    outcome: oneOf(options.outcome, CALL_OUTCOMES, 'outcome'),
    direction: oneOf(options.direction ?? 'outbound', ['outbound', 'inbound'] as const, 'direction'),
    notes: options.notes ?? '',
    ...(options['follow-up'] ? { followUpDate: options['follow-up'] } : {}),
  });
  return sentence(`Call logged for ${customer.name}`);
}

export async function promiseCommand(core: Core, options: CollectionOptions): Promise<string> {
  const customer = await customerOf(core, options);
  const currency = options.currency ?? customer.currency;
  const amount = parseAmount(options.amount ?? '', currencyExponent(currency), { decimalSeparator: '.' });
  if (!amount.ok) throw new AppError('INVALID_INPUT', `--amount: ${amount.reason}.`);
  if (!options.date) throw new AppError('INVALID_INPUT', '--date YYYY-MM-DD (the promised payment date) is required.');
  await core.call('activity.recordPromise', {
    customerId: customer.customerId,
    amountMinor: amount.value,
    currency,
    promisedDate: options.date,
    invoiceIds: await invoiceIds(core, customer.customerId, options.invoices),
    note: options.notes ?? '',
  });
  return sentence(`Promise recorded for ${customer.name}${options.invoices ? '' : `, covering all its open ${currency} invoices`}`);
}

export async function disputeCommand(core: Core, options: CollectionOptions): Promise<string> {
  const customer = await customerOf(core, options);
  const ids = await invoiceIds(core, customer.customerId, options.invoices);
  if (ids.length === 0) throw new AppError('INVALID_INPUT', '--invoices NUMBER[,NUMBER] is required for a dispute.');
  await core.call('activity.openDispute', {
    customerId: customer.customerId,
    invoiceIds: ids,
    reasonCode: oneOf(options.reason, DISPUTE_REASONS, 'reason'),
    slaDays: options.sla ? Number(options.sla) : 14,
    note: options.notes ?? '',
    ...(options.owner ? { owner: options.owner } : {}),
  });
  return `Dispute opened for ${customer.name} on ${ids.length} invoice${ids.length === 1 ? '' : 's'}.`;
}

/**
 * `write-off --customer ID --invoices N --reason TEXT [--amount 400.00]`: one invoice's balance (or
 * part of it) out of the chase. Above this desk's limit on a team it is a request for a manager
 * instead (exit 1, saying so); it is recorded here once approved.
 */
export async function writeOffCommand(core: Core, options: CollectionOptions): Promise<string> {
  const customer = await customerOf(core, options);
  const [invoiceId, ...more] = await invoiceIds(core, customer.customerId, options.invoices);
  if (invoiceId === undefined || more.length > 0) throw new AppError('INVALID_INPUT', '--invoices NUMBER (one invoice) is required for a write-off.');
  if (!options.reason) throw new AppError('INVALID_INPUT', '--reason TEXT (why it is written off) is required.');
  const invoice = (await core.call('customer.invoices', { customerId: customer.customerId, openOnly: true })).find((i) => i.id === invoiceId)!;
  const amount = options.amount === undefined ? null : parseAmount(options.amount, currencyExponent(invoice.currency), { decimalSeparator: '.' });
  if (amount && !amount.ok) throw new AppError('INVALID_INPUT', `--amount: ${amount.reason}.`);
  await core.call('activity.writeOff', { invoiceId, reason: options.reason, ...(amount ? { amountMinor: amount.value } : {}) });
  return sentence(
    `Written off ${amount ? formatMoney(amount.value, invoice.currency, 'en-US') : 'what was left'} of invoice ${invoice.number} for ${customer.name}`,
  );
}
