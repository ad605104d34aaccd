import { call } from '../../lib/api';
import type { WorklistQuery } from './use-worklist-pages';

const PAGE = 1000;

/** Every customer in the queue under these filters (the list on screen loads lazily, so this reads it all). */
export async function customersMatching(query: WorklistQuery): Promise<Map<number, string>> {
  const customers = new Map<number, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await call('worklist.list', { ...query, offset, limit: PAGE });
    // A customer owing in two currencies has two rows: it is one recipient.
    for (const row of page.rows) customers.set(row.customerId, row.name);
    if (offset + PAGE >= page.total) return customers;
  }
}
