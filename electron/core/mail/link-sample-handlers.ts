import { minorToDecimalString } from '../../../shared/money';
import type { Handlers } from '../handler-types';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';

/**
 * One open invoice of the book, as the payment-link tokens see it: Settings shows the pattern filled
 * in for it while it is typed, so a wrong token shows in a real link before anything is sent.
 */
export const linkSampleHandlers: Handlers<'settings.outreach.linkSample'> = {
  'settings.outreach.linkSample': (_input, ctx) => {
    const row = ctx.database.sqlite
      .prepare(
        `SELECT i.number, i.open_minor AS openMinor, i.currency, c.external_id AS customerId, c.name AS customerName
      FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.status = 'open' AND i.open_minor > 0 LIMIT 1`,
      )
      .get() as
      (ColumnsRow<'invoices', 'number' | 'open_minor' | 'currency'> & RenamedRow<'customers', { customerId: 'external_id'; customerName: 'name' }>) | undefined;
    if (!row) return null;
    return {
      values: { invoiceNumber: row.number, balance: minorToDecimalString(row.openMinor, row.currency), currency: row.currency, customerId: row.customerId },
      customerName: row.customerName,
      openMinor: row.openMinor,
    };
  },
};
