import { AppError } from '../../../shared/errors';
import { minorToDecimalString } from '../../../shared/money';
import type { ChargeInvoice, PushedInvoice } from './connector';
import type { QboClient } from './qbo-client';

/** The service item the charges are sold as: its income account is where QuickBooks books them. */
export const QBO_CHARGE_ITEM = 'Late payment charges';

/**
 * The charges as a QuickBooks invoice with one sales line per charge, created with the batch's key as
 * `requestid`: QuickBooks answers a request it has seen with its first answer instead of doing it
 * again, so a retry after a crash or a lost answer never makes a second invoice. The key is also the
 * DocNumber (21 characters at most) and starts the private note, which is how a sync recognises it.
 */
export async function pushQboChargeInvoice(client: QboClient, invoice: ChargeInvoice, homeCurrency: string, signal: AbortSignal): Promise<PushedInvoice> {
  const found = (await client.get('query', { query: `select * from Item where Name = '${QBO_CHARGE_ITEM}'` }, signal)).QueryResponse as
    { Item?: { Id: string }[] } | undefined;
  const item = found?.Item?.[0];
  if (!item)
    throw new AppError(
      'SYNC_FAILED',
      `QuickBooks has no item named "${QBO_CHARGE_ITEM}": add it as a service item (its income account is where the charges go), then push again.`,
    );
  const amount = (minor: number): number => Number(minorToDecimalString(minor, invoice.currency));
  const answer = await client.post(
    'invoice',
    {
      CustomerRef: { value: invoice.customerExternalId },
      TxnDate: invoice.date,
      DueDate: invoice.date,
      DocNumber: invoice.ref,
      PrivateNote: `${invoice.ref} Late-payment charges from Inflow`,
      ...(invoice.currency !== homeCurrency ? { CurrencyRef: { value: invoice.currency } } : {}),
      Line: invoice.lines.map((line) => ({
        DetailType: 'SalesItemLineDetail',
        Amount: amount(line.amountMinor),
        Description: line.description,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount(line.amountMinor) },
      })),
    },
    signal,
    { requestid: invoice.ref },
  );
  const created = answer.Invoice as { Id?: string; DocNumber?: string } | undefined;
  if (!created?.Id) throw new AppError('SYNC_FAILED', 'QuickBooks answered the charges invoice without an invoice.');
  return { erpId: created.Id, number: created.DocNumber ?? null };
}
