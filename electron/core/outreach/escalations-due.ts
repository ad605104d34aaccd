import type { IsoDate } from '../../../shared/dates';
import type { LadderChannel } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import { evaluateLadder } from './ladder-evaluation';
import { readLadderFacts, readPolicies } from './ladder-facts';

export interface EscalationDue {
  stepId: string;
  label: string;
  channel: LadderChannel;
}

/**
 * The most advanced ladder step due for each customer and currency (key "customerId|currency"), for
 * the queue's reasons ("Final notice due", "Call due"). Judged as if the ERP data were fresh: a step is
 * due whatever the sync; stale data only holds the sending, with its own banner.
 */
export function readEscalationsDue(sqlite: SqliteDb, today: IsoDate, customerId?: number): Map<string, EscalationDue> {
  const customers = readLadderFacts(sqlite, today, customerId);
  const currencyOf = new Map(customers.flatMap((c) => c.invoices.map((i) => [i.invoiceId, i.currency] as const)));
  const due = new Map<string, EscalationDue & { offsetDays: number }>();
  for (const message of evaluateLadder(customers, readPolicies(sqlite), today, { syncFresh: true }).messages) {
    for (const currency of new Set(message.invoices.map((i) => currencyOf.get(i.invoiceId)))) {
      const key = `${message.customerId}|${currency}`;
      const { id, label, channel, offsetDays } = message.step;
      if ((due.get(key)?.offsetDays ?? Number.NEGATIVE_INFINITY) < offsetDays) due.set(key, { stepId: id, label, channel, offsetDays });
    }
  }
  return new Map([...due].map(([key, { stepId, label, channel }]) => [key, { stepId, label, channel }]));
}
