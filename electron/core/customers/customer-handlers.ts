import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow, TableRow } from '../../db/typed-row';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { recordActivity } from '../activity/record-activity';
import { readCommitments } from '../activity/commitments';
import { customerInvoices } from './customer-invoices';
import { customerList } from './customer-list';
import { searchEverything } from './search';
import { customerSummary } from './customer-summary';
import { bookOn } from '../ledger/book';

function knownCollectors(sqlite: SqliteDb): string[] {
  return (
    sqlite.prepare('SELECT DISTINCT collector FROM customers WHERE collector IS NOT NULL ORDER BY collector').all() as {
      collector: NonNullable<TableRow<'customers'>['collector']>;
    }[]
  ).map((row) => row.collector);
}

export const customerHandlers: Handlers<
  | 'customers.list'
  | 'search.find'
  | 'customer.lookup'
  | 'customer.invoices'
  | 'customer.commitments'
  | 'customer.summary'
  | 'customer.assign'
  | 'customers.collectors'
  | 'customers.segments'
> = {
  'customers.list': ({ asOf, all }, ctx) => customerList(ctx.database.sqlite, asOf, todayOf(ctx), all),
  'search.find': ({ query }, ctx) => searchEverything(ctx.database.sqlite, query),
  'customer.lookup': ({ externalId }, ctx) => {
    const matches = ctx.database.sqlite
      .prepare('SELECT id AS customerId, name, currency FROM customers WHERE external_id = ? ORDER BY id LIMIT 2')
      .all(externalId) as RenamedRow<'customers', { customerId: 'id'; name: 'name'; currency: 'currency' }>[];
    if (matches.length === 0) throw new AppError('NOT_FOUND', `No customer with id "${externalId}".`);
    if (matches.length > 1) throw new AppError('CONFLICT', `More than one source has a customer "${externalId}".`);
    return matches[0]!;
  },
  'customer.invoices': ({ customerId, openOnly, asOf }, ctx) =>
    customerInvoices(ctx.database.sqlite, customerId, bookOn(asOf ?? todayOf(ctx), todayOf(ctx)), openOnly),
  'customer.commitments': ({ customerId, asOf }, ctx) => readCommitments(ctx.database.sqlite, customerId, bookOn(asOf ?? todayOf(ctx), todayOf(ctx))),

  'customer.summary': ({ customerId, asOf }, ctx) => customerSummary(ctx.database.sqlite, customerId, bookOn(asOf ?? todayOf(ctx), todayOf(ctx))),

  'customers.collectors': (_input, ctx) => knownCollectors(ctx.database.sqlite),
  'customers.segments': (_input, ctx) =>
    (
      ctx.database.sqlite.prepare("SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL AND segment != '' ORDER BY segment").all() as {
        segment: string;
      }[]
    ).map((row) => row.segment),

  'customer.assign': ({ customerId, collector, newCollector, note }, ctx) => {
    const { sqlite } = ctx.database;
    if (!newCollector && !knownCollectors(sqlite).includes(collector)) {
      throw new AppError('INVALID_INPUT', `No collector is called "${collector}". Pick one from the list, or add a new collector.`, { field: 'collector' });
    }
    const before = sqlite.prepare('SELECT collector FROM customers WHERE id = ?').get(customerId) as ColumnsRow<'customers', 'collector'> | undefined;
    const { activityId } = recordActivity(ctx, {
      customerId,
      kind: 'assignment',
      body: { from: before?.collector ?? null, to: collector, note },
      also: () => {
        sqlite.prepare('UPDATE customers SET collector = ?, updated_at = ? WHERE id = ?').run(collector, nowOf(ctx), customerId);
        return { entity: 'customer', id: customerId };
      },
    });
    return { activityId };
  },
};
