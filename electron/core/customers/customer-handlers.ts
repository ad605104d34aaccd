import type { OpenInvoice } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { recordActivity } from '../activity/record-activity';
import { customerSummary } from './customer-summary';

export const customerHandlers: Handlers<'customer.lookup' | 'customer.openInvoices' | 'customer.summary' | 'customer.assign'> = {
  'customer.lookup': ({ externalId }, ctx) => {
    const matches = ctx.database.sqlite
      .prepare('SELECT id AS customerId, name, currency FROM customers WHERE external_id = ? ORDER BY id LIMIT 2')
      .all(externalId) as { customerId: number; name: string; currency: string }[];
    if (matches.length === 0) throw new AppError('NOT_FOUND', `No customer with id "${externalId}".`);
    if (matches.length > 1) throw new AppError('CONFLICT', `More than one source has a customer "${externalId}".`);
    return matches[0]!;
  },
  'customer.openInvoices': ({ customerId }, ctx) =>
    (ctx.database.sqlite.prepare(`
      SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency, i.amount_minor AS amountMinor, i.open_minor AS openMinor,
             (i.disputed = 1 OR EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id
                                        WHERE di.invoice_id = i.id AND d.status = 'open')) AS disputed
      FROM invoices i WHERE i.customer_id = ? AND i.status = 'open' ORDER BY i.due_date, i.number`).all(customerId) as (Omit<OpenInvoice, 'disputed'> & { disputed: number })[])
      .map((row) => ({ ...row, disputed: row.disputed === 1 })),

  'customer.summary': ({ customerId, asOf }, ctx) => customerSummary(ctx.database.sqlite, customerId, asOf ?? todayOf(ctx)),

  'customer.assign': ({ customerId, collector, note }, ctx) => {
    const { sqlite } = ctx.database;
    const before = sqlite.prepare('SELECT collector FROM customers WHERE id = ?').get(customerId) as { collector: string | null } | undefined;
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
