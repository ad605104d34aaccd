import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core';
import type { SqliteDb } from '../../electron/db/sqlite';

/**
 * Worklist at scale: 50,000 customers and 1,000,000 invoices written straight into the ledger,
 * then the first page cold (facts + scores for everyone), warm, and after one logged call.
 */
export function seedLedger(sqlite: SqliteDb, customers: number, invoices: number): void {
  const now = '2026-11-22T00:00:00.000Z';
  sqlite.transaction(() => {
    const customer = sqlite.prepare("INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('bench', ?, ?, 'USD', ?, ?)");
    for (let c = 1; c <= customers; c++) customer.run(`B${c}`, `Bench Customer ${c}`, now, now);
    const invoice = sqlite.prepare(`INSERT INTO invoices (customer_id, source, external_id, number, issue_date, due_date, currency, amount_minor, open_minor, status, created_at, updated_at)
      VALUES (?, 'bench', ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?)`);
    for (let i = 0; i < invoices; i++) {
      const day = 1 + (i % 28);
      const month = 1 + ((i * 7) % 11);
      const amount = 10_000 + ((i * 7919) % 900_000);
      const open = i % 9 === 0 ? amount : 0;
      const issue = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const due = `2026-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      invoice.run(1 + (i % customers), `I${i}`, `I${i}`, issue, due, amount, open, open > 0 ? 'open' : 'paid', now, now);
    }
  })();
}

export async function benchWorklist(core: Core, time: (label: string, work: () => Promise<unknown>) => Promise<number>): Promise<{ cold: number; warm: number; afterCall: number }> {
  const cold = await time('worklist first page, cold', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const warm = await time('worklist first page, warm', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const first = (await core.call('worklist.list', { asOf: '2026-11-22', limit: 1 })).rows[0]!;
  const started = performance.now();
  await core.call('activity.logCall', { customerId: first.customerId, outcome: 'reached' });
  const afterCall = performance.now() - started;
  console.log(`${'log a call + re-rank that customer'.padEnd(36)} ${afterCall.toFixed(1).padStart(7)} ms`);
  return { cold, warm, afterCall };
}
