import type { ChargePush } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { nowOf, type CoreContext } from '../context';
import { getSetting } from '../settings';
import { sendChargeInvoices } from '../sync/charge-invoice-outbox';
import { connectorFor } from '../sync/sync-scheduler';
import { listChargePushes, queueChargePushes } from './charge-pushes';
import type { ColumnsRow } from '../../db/typed-row';

/** How long the collector waits for the ERP; what it has not answered by then waits for the next push or sync. */
const PUSH_TIMEOUT_MS = 60_000;

/**
 * The collector's explicit "invoice the charges in the ERP" (never automatic): queues the customer's
 * charges not yet invoiced, then sends what waits for the connected ERP. Offline or refused, the
 * pushes stay queued with the reason, and the next push or sync sends them.
 */
export async function pushCharges(ctx: CoreContext, customerId: number, asOf: IsoDate): Promise<{ created: number; pushes: ChargePush[] }> {
  const { sqlite } = ctx.database;
  const connection = getSetting(sqlite, 'erpConnection');
  if (!connection || connection.connector === 'folder') {
    throw new AppError('CONFLICT', 'Connect Odoo or QuickBooks first (Settings → ERP connection): charges are invoiced in the ERP the customer comes from.');
  }
  const customer = sqlite.prepare('SELECT source FROM customers WHERE id = ?').get(customerId) as ColumnsRow<'customers', 'source'> | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  if (customer.source !== connection.connector) {
    throw new AppError(
      'CONFLICT',
      `This customer comes from ${customer.source}, not from the connected ERP (${connection.connector}), so its charges cannot be invoiced there.`,
    );
  }
  const created = queueChargePushes(sqlite, { customerId, asOf, connector: connection.connector }, nowOf(ctx));
  await sendChargeInvoices(sqlite, connectorFor(ctx, connection), AbortSignal.timeout(PUSH_TIMEOUT_MS), () => nowOf(ctx));
  return { created, pushes: listChargePushes(sqlite, customerId) };
}
