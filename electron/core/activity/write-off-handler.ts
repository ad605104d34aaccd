import { formatMoney } from '../../../shared/money';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { recordActivity } from './record-activity';
import { collectableInvoice, writeOffAmount } from './write-offs';

/**
 * A collector writes off part or all of what is left to collect on one invoice, saying why. It is an
 * activity like the others (the timeline, the ERP's chatter, the team), and the invoice's
 * collectable balance drops by it at once: the ladder, the queue and the send guard stop chasing it.
 * Beyond the actor's write-off limit on a team desk, the authority guard turns it into a request first.
 */
export const writeOffHandlers: Handlers<'activity.writeOff'> = {
  'activity.writeOff': ({ invoiceId, amountMinor, reason }, ctx) => {
    const { sqlite } = ctx.database;
    const invoice = collectableInvoice(sqlite, invoiceId);
    const amount = writeOffAmount(invoice, amountMinor, (minor) => formatMoney(minor, invoice.currency, 'en-US'));
    const { activityId, entityId } = recordActivity(ctx, {
      customerId: invoice.customerId,
      kind: 'write_off',
      body: { invoiceIds: [invoiceId], number: invoice.number, amountMinor: amount, currency: invoice.currency, reason },
      also: (activity) => ({
        entity: 'write_off',
        id: Number(
          sqlite
            .prepare(
              `INSERT INTO write_offs (invoice_id, customer_id, activity_id, currency, amount_minor, reason, written_off_on, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(invoiceId, invoice.customerId, activity, invoice.currency, amount, reason, todayOf(ctx), nowOf(ctx)).lastInsertRowid,
        ),
      }),
    });
    return { activityId, writeOffId: entityId! };
  },
};
