import type { ActivityKind } from '../../../shared/activity';
import { minorToDecimalString } from '../../../shared/money';

/** What the ERP can hold as a note on the customer; snoozes, assignments and the like stay Inflow's own. */
export const PUSHED_KINDS: readonly ActivityKind[] = ['call', 'note', 'promise', 'dispute_opened', 'dispute_resolved', 'plan_created', 'payment_in_transit'];

const LABELS: Partial<Record<ActivityKind, string>> = {
  call: 'Call logged',
  note: 'Note',
  promise: 'Promise to pay',
  dispute_opened: 'Dispute opened',
  dispute_resolved: 'Dispute resolved',
  plan_created: 'Payment plan agreed',
  payment_in_transit: 'Payment reported in transit',
};

/** Internal ids mean nothing in the ERP. */
const HIDDEN = new Set(['customerId', 'kind', 'invoiceIds', 'promiseId', 'disputeId', 'planId', 'installments', 'currency']);

/** One readable line for the ERP's chatter from a sync-outbox payload: "Inflow · Promise to pay — amount: 4000.00 USD; promisedDate: …". */
export function pushText(payload: Record<string, unknown>): string {
  const kind = payload.kind as ActivityKind;
  const currency = typeof payload.currency === 'string' ? payload.currency : null;
  const facts = Object.entries(payload)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== undefined && value !== '' && typeof value !== 'object')
    .map(([key, value]) =>
      key === 'amountMinor' && currency && typeof value === 'number'
        ? `amount: ${minorToDecimalString(value, currency)} ${currency}`
        : `${key}: ${String(value)}`,
    );
  return `Inflow · ${LABELS[kind] ?? kind}${facts.length ? ` — ${facts.join('; ')}` : ''}`;
}
