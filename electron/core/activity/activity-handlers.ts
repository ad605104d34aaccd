import { AppError } from '../../../shared/errors';
import { isCurrencyCode } from '../../../shared/money';
import { addDays } from '../../../shared/dates';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { assertCustomerInvoices, recordActivity } from './record-activity';
import { amendActivity } from './amend-activity';
import { readCommitments } from './commitments';
import { customerTimeline } from './timeline';
import { bookOn } from '../ledger/book';
import type { ColumnsRow } from '../../db/typed-row';

export const activityHandlers: Handlers<
  | 'activity.addNote'
  | 'activity.recordPromise'
  | 'activity.cancelPromise'
  | 'activity.openDispute'
  | 'activity.createPlan'
  | 'activity.resolveDispute'
  | 'activity.cancelPlan'
  | 'activity.offerDiscount'
  | 'activity.markInTransit'
  | 'activity.edit'
  | 'activity.delete'
  | 'worklist.snooze'
  | 'customer.timeline'
> = {
  'activity.addNote': ({ customerId, text }, ctx) => ({ activityId: recordActivity(ctx, { customerId, kind: 'note', body: { text } }).activityId }),

  'activity.recordPromise': (input, ctx) => {
    if (!isCurrencyCode(input.currency)) throw new AppError('INVALID_INPUT', `"${input.currency}" is not a currency code.`);
    const today = todayOf(ctx);
    if (input.promisedDate < today) throw new AppError('INVALID_INPUT', 'A promise is for today or a later date.');
    assertCustomerInvoices(ctx, input.customerId, input.invoiceIds);
    const graceDays = input.graceDays ?? getSetting(ctx.database.sqlite, 'promiseGraceDays');
    const { sqlite } = ctx.database;
    const { activityId, entityId } = recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'promise',
      body: { amountMinor: input.amountMinor, currency: input.currency, promisedDate: input.promisedDate, invoiceIds: input.invoiceIds, note: input.note },
      also: (activity) => {
        const id = Number(
          sqlite
            .prepare(
              `INSERT INTO promises (customer_id, activity_id, currency, amount_minor, promised_date, made_date, grace_days, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(input.customerId, activity, input.currency, input.amountMinor, input.promisedDate, today, graceDays, nowOf(ctx)).lastInsertRowid,
        );
        const link = sqlite.prepare('INSERT INTO promise_invoices (promise_id, invoice_id) VALUES (?, ?)');
        for (const invoiceId of new Set(input.invoiceIds)) link.run(id, invoiceId);
        return { entity: 'promise', id };
      },
    });
    return { activityId, promiseId: entityId! };
  },

  /** Cancelled, not deleted: the promise stays on the timeline and out of the kept rate. */
  'activity.cancelPromise': ({ promiseId, reason }, ctx) => {
    const { sqlite } = ctx.database;
    const promise = sqlite.prepare('SELECT customer_id AS customerId, cancelled_date AS cancelledDate FROM promises WHERE id = ?').get(promiseId) as
      { customerId: number; cancelledDate: string | null } | undefined;
    if (!promise) throw new AppError('NOT_FOUND', `No promise with id ${promiseId}.`);
    if (promise.cancelledDate) throw new AppError('CONFLICT', 'That promise is already cancelled.');
    const { activityId } = recordActivity(ctx, {
      customerId: promise.customerId,
      kind: 'promise_cancelled',
      body: { promiseId, reason },
      also: () => {
        sqlite.prepare('UPDATE promises SET cancelled_date = ? WHERE id = ?').run(todayOf(ctx), promiseId);
        return { entity: 'promise', id: promiseId };
      },
    });
    return { activityId };
  },

  'activity.openDispute': (input, ctx) => {
    assertCustomerInvoices(ctx, input.customerId, input.invoiceIds);
    const { sqlite } = ctx.database;
    const { activityId, entityId } = recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'dispute_opened',
      body: { invoiceIds: input.invoiceIds, reasonCode: input.reasonCode, owner: input.owner ?? null, slaDays: input.slaDays, note: input.note },
      also: () => {
        const id = Number(
          sqlite
            .prepare(`INSERT INTO disputes (customer_id, reason_code, owner, sla_days, opened_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
            .run(input.customerId, input.reasonCode, input.owner ?? null, input.slaDays, todayOf(ctx), input.note, nowOf(ctx)).lastInsertRowid,
        );
        const link = sqlite.prepare('INSERT INTO dispute_invoices (dispute_id, invoice_id) VALUES (?, ?)');
        for (const invoiceId of new Set(input.invoiceIds)) link.run(id, invoiceId);
        return { entity: 'dispute', id };
      },
    });
    return { activityId, disputeId: entityId! };
  },

  'activity.createPlan': (input, ctx) => {
    if (!isCurrencyCode(input.currency)) throw new AppError('INVALID_INPUT', `"${input.currency}" is not a currency code.`);
    assertCustomerInvoices(ctx, input.customerId, input.invoiceIds);
    const { sqlite } = ctx.database;
    const { activityId, entityId } = recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'plan_created',
      body: {
        label: input.label,
        currency: input.currency,
        invoiceIds: input.invoiceIds,
        installments: input.installments,
        graceDays: input.graceDays,
        note: input.note,
      },
      also: () => {
        const id = Number(
          sqlite
            .prepare('INSERT INTO payment_plans (customer_id, label, currency, start_date, grace_days, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(input.customerId, input.label, input.currency, todayOf(ctx), input.graceDays, input.note, nowOf(ctx)).lastInsertRowid,
        );
        const installment = sqlite.prepare('INSERT INTO plan_installments (plan_id, due_date, amount_minor) VALUES (?, ?, ?)');
        for (const i of input.installments) installment.run(id, i.dueDate, i.amountMinor);
        const link = sqlite.prepare('INSERT INTO plan_invoices (plan_id, invoice_id) VALUES (?, ?)');
        for (const invoiceId of new Set(input.invoiceIds)) link.run(id, invoiceId);
        return { entity: 'payment_plan', id };
      },
    });
    return { activityId, planId: entityId! };
  },

  /** Cancelled, not deleted: its installments stop being chased and it stays on the timeline. */
  'activity.cancelPlan': ({ planId, reason }, ctx) => {
    const { sqlite } = ctx.database;
    const plan = sqlite.prepare('SELECT customer_id AS customerId, cancelled_date AS cancelledDate FROM payment_plans WHERE id = ?').get(planId) as
      { customerId: number; cancelledDate: string | null } | undefined;
    if (!plan) throw new AppError('NOT_FOUND', `No payment plan with id ${planId}.`);
    if (plan.cancelledDate) throw new AppError('CONFLICT', 'That plan is already cancelled.');
    const { activityId } = recordActivity(ctx, {
      customerId: plan.customerId,
      kind: 'plan_cancelled',
      body: { planId, reason },
      also: () => {
        sqlite.prepare('UPDATE payment_plans SET cancelled_date = ? WHERE id = ?').run(todayOf(ctx), planId);
        return { entity: 'payment_plan', id: planId };
      },
    });
    return { activityId };
  },

  /** An offer in the customer's currency on invoices of that currency; judged against payments later (taken / expired). */
  'activity.offerDiscount': (input, ctx) => {
    const today = todayOf(ctx);
    if (input.payBy < today) throw new AppError('INVALID_INPUT', 'The pay-by date of a discount is today or later.');
    assertCustomerInvoices(ctx, input.customerId, input.invoiceIds);
    const { sqlite } = ctx.database;
    const currencies = sqlite
      .prepare(`SELECT DISTINCT currency FROM invoices WHERE id IN (${input.invoiceIds.map(() => '?').join(', ')})`)
      .all(...input.invoiceIds) as ColumnsRow<'invoices', 'currency'>[];
    if (currencies.length !== 1) throw new AppError('INVALID_INPUT', 'A discount covers invoices in one currency; make one offer per currency.');
    const currency = currencies[0]!.currency;
    const { activityId, entityId } = recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'discount_offered',
      body: { invoiceIds: input.invoiceIds, percentBp: input.percentBp, payBy: input.payBy, currency, note: input.note },
      also: (activity) => {
        const id = Number(
          sqlite
            .prepare(
              'INSERT INTO discount_offers (customer_id, activity_id, currency, percent_bp, pay_by, offered_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            )
            .run(input.customerId, activity, currency, input.percentBp, input.payBy, today, nowOf(ctx)).lastInsertRowid,
        );
        const link = sqlite.prepare('INSERT INTO discount_offer_invoices (offer_id, invoice_id) VALUES (?, ?)');
        for (const invoiceId of new Set(input.invoiceIds)) link.run(id, invoiceId);
        return { entity: 'discount_offer', id };
      },
    });
    return { activityId, offerId: entityId! };
  },

  'activity.markInTransit': ({ customerId, invoiceIds, note }, ctx) => {
    assertCustomerInvoices(ctx, customerId, invoiceIds);
    const { activityId } = recordActivity(ctx, {
      customerId,
      kind: 'payment_in_transit',
      body: { invoiceIds, note },
      also: () => {
        const mark = ctx.database.sqlite.prepare('UPDATE invoices SET in_transit_since = ? WHERE id = ?');
        for (const invoiceId of invoiceIds) mark.run(todayOf(ctx), invoiceId);
      },
    });
    return { activityId };
  },

  'activity.edit': ({ activityId, text }, ctx) => {
    amendActivity(ctx, { activityId, change: { edit: text } });
    return { activityId };
  },

  'activity.delete': ({ activityId, reason }, ctx) => {
    amendActivity(ctx, { activityId, change: { withdraw: reason } });
    return { activityId };
  },

  'activity.resolveDispute': ({ disputeId, resolutionNote }, ctx) => {
    const { sqlite } = ctx.database;
    const dispute = sqlite.prepare('SELECT customer_id AS customerId, status FROM disputes WHERE id = ?').get(disputeId) as
      { customerId: number; status: string } | undefined;
    if (!dispute) throw new AppError('NOT_FOUND', `No dispute with id ${disputeId}.`);
    if (dispute.status === 'resolved') throw new AppError('CONFLICT', 'That dispute is already resolved.');
    const { activityId } = recordActivity(ctx, {
      customerId: dispute.customerId,
      kind: 'dispute_resolved',
      body: { disputeId, resolutionNote },
      also: () => {
        sqlite
          .prepare("UPDATE disputes SET status = 'resolved', resolved_date = ?, resolution_note = ? WHERE id = ?")
          .run(todayOf(ctx), resolutionNote, disputeId);
        return { entity: 'dispute', id: disputeId };
      },
    });
    return { activityId };
  },

  'worklist.snooze': ({ customerId, untilDate, reason }, ctx) => {
    const today = todayOf(ctx);
    if (untilDate <= today || untilDate > addDays(today, 365)) throw new AppError('INVALID_INPUT', 'Snooze until a date after today and within a year.');
    const { activityId } = recordActivity(ctx, {
      customerId,
      kind: 'snooze',
      body: { untilDate, reason },
      also: () => {
        ctx.database.sqlite
          .prepare(
            `INSERT INTO snoozes (customer_id, until_date, reason, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (customer_id) DO UPDATE SET until_date = excluded.until_date, reason = excluded.reason, created_at = excluded.created_at`,
          )
          .run(customerId, untilDate, reason, nowOf(ctx));
        return { entity: 'snooze', id: customerId };
      },
    });
    return { activityId };
  },

  'customer.timeline': ({ customerId, limit, asOf }, ctx) => {
    const book = bookOn(asOf ?? todayOf(ctx), todayOf(ctx));
    return customerTimeline(ctx.database.sqlite, customerId, limit, book, readCommitments(ctx.database.sqlite, customerId, book));
  },
};
