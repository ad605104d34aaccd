import { customerLocale } from '../../../shared/customer-locale';
import { AppError } from '../../../shared/errors';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';

/**
 * The customer's message locale is Inflow's own data (the ERP never sends it back), so it is written
 * here with its audit entry, and no sync push or timeline entry: it changes how we write, not the account.
 */
export const customerLocaleHandlers: Handlers<'customer.setLocale'> = {
  'customer.setLocale': ({ customerId, locale }, ctx) => {
    const { sqlite } = ctx.database;
    const customer = sqlite.prepare('SELECT country, locale FROM customers WHERE id = ?').get(customerId) as
      { country: string | null; locale: string | null } | undefined;
    if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
    const now = nowOf(ctx);
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE customers SET locale = ?, updated_at = ? WHERE id = ?').run(locale, now, customerId);
      sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', 'customer.setLocale', 'customer', ?, ?)")
        .run(now, String(customerId), JSON.stringify({ from: customer.locale, to: locale }));
    })();
    return { locale, messageLocale: customerLocale({ ...customer, locale }, getSetting(sqlite, 'outreach').locale) };
  },
};
