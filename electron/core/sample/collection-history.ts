import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import type { CallOutcome } from '../../../shared/activity';
import type { LedgerBatch } from '../ledger/records';
import { Random } from './random';

/**
 * The collection work behind the sample's payments, so "what made them pay", the promise-kept rate
 * and the dispute figures have something to show: reminders by template before and after due,
 * calls by outcome, video memos, promises (kept by those who then paid in time, broken by those who
 * did not), letters for the very late, a few disputes raised and resolved, early-payment discounts.
 * Every touch is dated at least QUIET_DAYS before "today", so today's queue ranks as it did
 * without them (no recent touch, no promise falling due, no open dispute). Its own random stream,
 * so the ledger draws exactly as before.
 */
export const QUIET_DAYS = 30;

export type SampleTouch =
  | { kind: 'email'; date: IsoDate; templateId: string; subject: string; videoMemo: boolean }
  | { kind: 'call'; date: IsoDate; outcome: CallOutcome; notes: string }
  | { kind: 'ladder_task'; date: IsoDate; channel: 'letter'; label: string }
  | { kind: 'promise'; date: IsoDate; promisedDate: IsoDate; amountMinor: number }
  | { kind: 'discount_offered'; date: IsoDate; percentBp: number; payBy: IsoDate }
  | { kind: 'dispute'; date: IsoDate; reasonCode: 'pricing' | 'quantity' | 'quality' | 'not_received' | 'po_missing'; slaDays: number; resolvedDate: IsoDate };

export interface SampleCollection {
  customerExternalId: string;
  invoiceNumber: string;
  currency: string;
  touches: SampleTouch[];
}

const SUBJECTS: Record<string, string> = {
  'pre-due-nudge': 'Invoice {n} falls due soon',
  'first-reminder': 'Invoice {n} is past due',
  'second-reminder': 'Second reminder: invoice {n}',
  'final-notice': 'Final notice: invoice {n}',
  'early-payment-discount': 'Pay invoice {n} early and save',
};
const CALL_OUTCOMES: [CallOutcome, number][] = [
  ['reached', 4],
  ['left_voicemail', 3],
  ['no_answer', 2],
  ['promised_to_pay', 3],
];
const DISPUTE_REASONS = ['pricing', 'quantity', 'quality', 'not_received', 'po_missing'] as const;

/** The touches on each settled invoice of the batch, in date order, none later than `anchor` − QUIET_DAYS. */
export function sampleCollectionHistory(batch: LedgerBatch, anchor: IsoDate, seed: number): SampleCollection[] {
  const rng = new Random(seed ^ 0xc011);
  const lastPaid = new Map<string, IsoDate>();
  for (const p of batch.payments) if (p.invoiceNumber && p.date > (lastPaid.get(p.invoiceNumber) ?? '')) lastPaid.set(p.invoiceNumber, p.date);
  const quietFrom = addDays(anchor, -QUIET_DAYS);
  const collections: SampleCollection[] = [];
  for (const invoice of batch.invoices) {
    const paid = lastPaid.get(invoice.number);
    if (invoice.openMinor !== 0 || !paid || paid >= quietFrom) continue;
    const touches = touchesFor(rng, invoice.number, invoice.issueDate, invoice.dueDate, paid, invoice.amountMinor).filter(
      (t) => t.date < quietFrom && t.date >= invoice.issueDate,
    );
    if (touches.length > 0)
      collections.push({ customerExternalId: invoice.customerExternalId, invoiceNumber: invoice.number, currency: invoice.currency, touches });
  }
  return collections;
}

function touchesFor(rng: Random, number: string, issued: IsoDate, due: IsoDate, paid: IsoDate, amountMinor: number): SampleTouch[] {
  const late = daysBetween(due, paid);
  const touches: SampleTouch[] = [];
  const email = (date: IsoDate, templateId: string, videoMemo = false): void => {
    touches.push({ kind: 'email', date, templateId, subject: SUBJECTS[templateId]!.replace('{n}', number), videoMemo });
  };
  if (late <= 0) {
    // Prompt payers: some were nudged before due, a few took an early-payment discount.
    if (rng.chance(0.03)) {
      const offered = addDays(issued, 3);
      touches.push({ kind: 'discount_offered', date: offered, percentBp: rng.pick([100, 200, 250]), payBy: addDays(offered, 10) });
      email(offered, 'early-payment-discount');
    } else if (rng.chance(0.35)) {
      email(addDays(due, -rng.int(3, 7)), 'pre-due-nudge');
    }
    return touches;
  }
  if (rng.chance(0.85)) email(addDays(due, rng.int(1, 4)), 'first-reminder');
  if (late > 14 && rng.chance(0.75)) email(addDays(due, rng.int(12, 16)), 'second-reminder', rng.chance(0.25));
  if (late > 20) {
    const callDay = addDays(due, rng.int(18, Math.min(late - 1, 40)));
    const outcome = rng.weighted(CALL_OUTCOMES);
    touches.push({ kind: 'call', date: callDay, outcome, notes: outcome === 'promised_to_pay' ? 'Said payment is being scheduled' : '' });
    if (outcome === 'promised_to_pay') {
      // A promise a few days out: kept when the money came by then, broken when it came later.
      touches.push({ kind: 'promise', date: callDay, promisedDate: addDays(callDay, rng.int(4, 12)), amountMinor });
    }
  }
  if (late > 45 && rng.chance(0.6)) touches.push({ kind: 'ladder_task', date: addDays(due, rng.int(44, 48)), channel: 'letter', label: 'Final notice letter' });
  if (late > 60 && rng.chance(0.4)) email(addDays(due, rng.int(58, 62)), 'final-notice');
  if (late > 60 && rng.chance(0.12)) {
    // Raised soon after due; resolved within a few weeks (the money then took its time) or only just before it came.
    const opened = addDays(due, rng.int(3, 12));
    const resolvedDate = rng.chance(0.5) ? addDays(opened, rng.int(5, 25)) : addDays(paid, -rng.int(0, 4));
    touches.push({ kind: 'dispute', date: opened, reasonCode: rng.pick(DISPUTE_REASONS), slaDays: rng.pick([14, 30]), resolvedDate });
  }
  // The touch that tipped it, for many: a call or a video memo in the days before the money came.
  if (rng.chance(0.5)) {
    const day = addDays(paid, -rng.int(1, 6));
    if (rng.chance(0.4)) email(day, 'second-reminder', true);
    else touches.push({ kind: 'call', date: day, outcome: rng.pick(['reached', 'left_voicemail'] as const), notes: '' });
  }
  return touches.sort((a, b) => a.date.localeCompare(b.date));
}
