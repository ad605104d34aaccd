import type { LadderChannel, LadderCustomer, LadderMessage } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import type { CoveredInvoices } from '../activity/open-commitments';
import { templateWordings } from './guard-facts';
import { evaluateLadder } from './ladder-evaluation';
import { readLadderFacts, readPolicies } from './ladder-facts';
import type { CustomerScope } from '../ledger/customer-scope';
import type { Book } from '../ledger/book';

export interface EscalationDue {
  label: string;
  channel: LadderChannel;
}

/**
 * What the ladder has due on the book's day for everyone or one customer, judged as if the ERP data were fresh
 * and no message had gone: a step is due whatever the sync or the contact rhythm, which only hold
 * the sending (stale data with its own banner).
 */
export function dueLadderMessages(
  sqlite: SqliteDb,
  book: Book,
  scope?: CustomerScope,
  covered?: CoveredInvoices,
): { customers: LadderCustomer[]; messages: LadderMessage[] } {
  const customers = readLadderFacts(sqlite, book, scope, covered);
  return {
    customers,
    messages: evaluateLadder(customers, readPolicies(sqlite), book.day, { syncFresh: true, rhythmDays: 0, wordingOf: templateWordings(sqlite) }).messages,
  };
}

/**
 * Work for a person (a call, a letter, a referral) comes first, since the ladder run sends the
 * emails by itself; then the most advanced step.
 */
function outranks(a: { channel: LadderChannel; offsetDays: number }, b: { channel: LadderChannel; offsetDays: number }): boolean {
  const forPerson = (step: { channel: LadderChannel }): boolean => step.channel !== 'email' && step.channel !== 'sms';
  return forPerson(a) !== forPerson(b) ? forPerson(a) : a.offsetDays > b.offsetDays;
}

/**
 * The ladder step due for each customer and currency (key "customerId|currency") that the queue
 * names as its reason ("Call due", "Final notice due").
 */
export function readEscalationsDue(sqlite: SqliteDb, book: Book, scope?: CustomerScope, covered?: CoveredInvoices): Map<string, EscalationDue> {
  const { customers, messages } = dueLadderMessages(sqlite, book, scope, covered);
  const currencyOf = new Map(customers.flatMap((c) => c.invoices.map((i) => [i.invoiceId, i.currency] as const)));
  const due = new Map<string, EscalationDue & { offsetDays: number }>();
  for (const message of messages) {
    for (const currency of new Set(message.invoices.map((i) => currencyOf.get(i.invoiceId)))) {
      const key = `${message.customerId}|${currency}`;
      const { label, channel, offsetDays } = message.step;
      const held = due.get(key);
      if (!held || outranks({ channel, offsetDays }, held)) due.set(key, { label, channel, offsetDays });
    }
  }
  return new Map([...due].map(([key, { label, channel }]) => [key, { label, channel }]));
}
