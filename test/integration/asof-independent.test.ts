import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Issue 21's "how it is checked", as a stranger would: the worklist and the ladder dry run for past
 * days against an independent computation in plain SQL from the raw rows (each invoice's amount less
 * what was applied by the day; disputes open that day), not through the core's book reader: the
 * biggest overdue customers nobody is working at the moment rank near the top, nothing chased was paid or disputed on the day, and
 * each customer gets at most one message per channel.
 */
let t: TempCore;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', {});
}, 120_000);
afterAll(() => t.dispose());

/** Each invoice issued by the day, with what was still owed at its end and whether it was in dispute then. */
function invoicesOn(day: string): Map<number, { customerId: number; currency: string; dueDate: string; owed: number; disputed: boolean }> {
  const rows = t.query<{ id: number; customerId: number; currency: string; dueDate: string; owed: number; disputed: number }>(`
    SELECT i.id, i.customer_id AS customerId, i.currency, i.due_date AS dueDate,
           i.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.applied_date <= '${day}'), 0) AS owed,
           i.disputed OR EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id
             WHERE di.invoice_id = i.id AND d.opened_date <= '${day}' AND (d.resolved_date IS NULL OR d.resolved_date > '${day}')) AS disputed
    FROM invoices i WHERE i.issue_date <= '${day}' AND i.status != 'void'`);
  return new Map(rows.map((row) => [row.id, { ...row, disputed: row.disputed === 1 }]));
}

describe.each(['2026-04-30', '2026-07-31', '2026-10-15'])('as of %s, checked independently', (day) => {
  it('ranks the biggest overdue customers near the top of the queue', async () => {
    const overdue = new Map<number, number>();
    for (const invoice of invoicesOn(day).values()) {
      if (invoice.currency === 'USD' && invoice.dueDate < day && invoice.owed > 0)
        overdue.set(invoice.customerId, (overdue.get(invoice.customerId) ?? 0) + invoice.owed);
    }
    // A customer a collector worked in the last two weeks, or whose promise is not yet due, rests out of the queue by design.
    const busy = new Set(
      t
        .query<{ id: number }>(
          `
      SELECT customer_id AS id FROM activities WHERE deleted_at IS NULL AND occurred_at > '${addDays(day, -14)}' AND occurred_at < '${addDays(day, 1)}'
        AND kind IN ('call', 'note', 'promise', 'dispute_opened', 'dispute_resolved', 'plan_created', 'ladder_task', 'payment_in_transit', 'discount_offered')
      UNION SELECT customer_id FROM promises WHERE made_date <= '${day}' AND promised_date >= '${addDays(day, -30)}' AND (cancelled_date IS NULL OR cancelled_date > '${day}')`,
        )
        .map((row) => row.id),
    );
    const biggest = [...overdue]
      .filter(([id]) => !busy.has(id))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([id]) => id);
    expect(biggest.length).toBe(5);
    const queue = (await t.core.call('worklist.list', { asOf: day, currency: 'USD', limit: 1000 })).rows;
    expect(queue.length).toBeGreaterThan(20);
    // The score weighs promises, steps due and time since the last touch too: "near the top" is the upper half, every one of them.
    const upperHalf = new Set(queue.slice(0, Math.ceil(queue.length / 2)).map((row) => row.customerId));
    expect(biggest.filter((id) => !upperHalf.has(id))).toEqual([]);
  }, 60_000);

  it('the ladder dry run chases nothing paid or disputed that day, one message per customer and channel', async () => {
    const invoices = invoicesOn(day);
    const run = await t.core.call('ladder.run', { asOf: day, dryRun: true });
    expect(run.messages.length).toBeGreaterThan(0);
    const chased = run.messages.flatMap((message) => message.invoices.map(({ invoiceId }) => ({ invoiceId, ...invoices.get(invoiceId)! })));
    expect(chased.filter((invoice) => !(invoice.owed > 0)).map((i) => i.invoiceId)).toEqual([]);
    expect(chased.filter((invoice) => invoice.disputed).map((i) => i.invoiceId)).toEqual([]);
    const perChannel = new Map<string, number>();
    for (const message of run.messages)
      perChannel.set(`${message.customerId}|${message.step.channel}`, (perChannel.get(`${message.customerId}|${message.step.channel}`) ?? 0) + 1);
    expect([...perChannel.values()].filter((count) => count > 1)).toEqual([]);
  }, 60_000);
});
