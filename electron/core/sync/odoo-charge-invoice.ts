import { AppError } from '../../../shared/errors';
import { minorToDecimalString } from '../../../shared/money';
import type { ChargeInvoice, PushedInvoice } from './connector';
import type { OdooClient } from './odoo-client';

interface MoveRow {
  id: number;
  name: string | false;
  state: string;
}

const findByRef = async (client: OdooClient, ref: string, signal: AbortSignal): Promise<MoveRow | undefined> => {
  const rows = await client.call(
    'account.move',
    'search_read',
    {
      domain: [
        ['move_type', '=', 'out_invoice'],
        ['ref', '=', ref],
      ],
      fields: ['name', 'state'],
      limit: 1,
    },
    signal,
  );
  if (!Array.isArray(rows)) throw new AppError('SYNC_FAILED', 'Odoo’s answer for account.move is not a list of records.');
  return rows[0] as MoveRow | undefined;
};

/**
 * The charges as a posted customer invoice (account.move, move_type out_invoice) with one line per
 * charge and the batch's key in `ref`. Odoo has no idempotency key, so the invoice is looked up by
 * ref first: a retry after a crash or a lost answer finds it (draft or posted) instead of creating a
 * second one, and posts it if the first attempt stopped before that. Lines carry no product, so
 * Odoo books them to the sales journal's default income account, without taxes.
 */
export async function pushOdooChargeInvoice(client: OdooClient, invoice: ChargeInvoice, signal: AbortSignal): Promise<PushedInvoice> {
  let move = await findByRef(client, invoice.ref, signal);
  if (!move) {
    const currencies = await client.call('res.currency', 'search_read', { domain: [['name', '=', invoice.currency]], fields: ['name'], limit: 1 }, signal);
    const currency = Array.isArray(currencies) ? (currencies[0] as { id: number } | undefined) : undefined;
    if (!currency)
      throw new AppError(
        'SYNC_FAILED',
        `Odoo has no active currency ${invoice.currency}: activate it in Odoo (Accounting → Configuration → Currencies), then push the charges again.`,
      );
    const created = await client.call(
      'account.move',
      'create',
      {
        vals_list: [
          {
            move_type: 'out_invoice',
            partner_id: Number(invoice.customerExternalId),
            ref: invoice.ref,
            invoice_date: invoice.date,
            invoice_date_due: invoice.date,
            currency_id: currency.id,
            invoice_line_ids: invoice.lines.map((line) => [
              0,
              0,
              { name: line.description, quantity: 1, price_unit: Number(minorToDecimalString(line.amountMinor, invoice.currency)) },
            ]),
          },
        ],
      },
      signal,
    );
    const id: unknown = Array.isArray(created) ? (created as unknown[])[0] : created;
    if (typeof id !== 'number')
      throw new AppError('SYNC_FAILED', 'Odoo created the charges invoice without saying its id; the next push finds it by its reference.');
    move = { id, name: false, state: 'draft' };
  }
  if (move.state === 'draft') {
    await client.call('account.move', 'action_post', { ids: [move.id] }, signal);
    move = (await findByRef(client, invoice.ref, signal)) ?? move;
  }
  return { erpId: String(move.id), number: typeof move.name === 'string' && move.name !== '/' ? move.name : null };
}
