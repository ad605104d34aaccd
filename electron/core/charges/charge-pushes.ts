import { randomBytes } from 'node:crypto';
import { CHARGE_REF_PREFIX, type ChargeComponent, type ChargePush, type ChargePushLine, type CustomerCharges } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow } from '../../db/typed-row';
import type { ChargeInvoice } from '../sync/connector';
import { chargesReport } from './charges-report';

/** Ten hex digits after the prefix: 21 characters, QuickBooks' DocNumber limit, and unique across desks without asking anyone. */
const newRef = (): string => `${CHARGE_REF_PREFIX}${randomBytes(5).toString('hex').toUpperCase()}`;

/** total: what the invoice's pushes hold of the component, summed. */
type PushedRow = ColumnsRow<'charge_push_lines', 'component'> & { total: number };

/**
 * What of a customer's charges in one currency no push holds yet: per invoice, the interest accrued
 * by asOf less the interest already pushed (so interest that accrues later can be invoiced later),
 * and the fixed fee unless pushed. Waived charges are never invoiced.
 */
export function unpushedLines(sqlite: SqliteDb, charges: CustomerCharges): ChargePushLine[] {
  const pushedOf = sqlite.prepare('SELECT component, SUM(amount_minor) AS total FROM charge_push_lines WHERE invoice_id = ? GROUP BY component');
  const lines: ChargePushLine[] = [];
  for (const invoice of charges.invoices) {
    const pushed = new Map((pushedOf.all(invoice.invoiceId) as PushedRow[]).map((row) => [row.component, row.total]));
    const interest = invoice.interest - (pushed.get('interest') ?? 0);
    if (!invoice.waivedComponents.includes('interest') && interest > 0)
      lines.push({ invoiceId: invoice.invoiceId, number: invoice.number, component: 'interest', amountMinor: interest });
    if (!invoice.waivedComponents.includes('fixed_fee') && invoice.fixedFee > 0 && !pushed.has('fixed_fee')) {
      lines.push({ invoiceId: invoice.invoiceId, number: invoice.number, component: 'fixed_fee', amountMinor: invoice.fixedFee });
    }
  }
  return lines;
}

const describe = (line: ChargePushLine, asOf: IsoDate): string =>
  line.component === 'interest'
    ? `Late-payment interest on invoice ${line.number} to ${asOf}`
    : `Fixed compensation for the late payment of invoice ${line.number}`;

/**
 * Queues the customer's charges not yet invoiced, one invoice per currency, for the connector's ERP:
 * the rows (and which charges they hold) are written in one transaction before anything is sent, so
 * a crash or being offline leaves them waiting, never lost and never pushed twice. Returns how many
 * invoices were queued (none when everything is waived or already pushed).
 */
export function queueChargePushes(sqlite: SqliteDb, request: { customerId: number; asOf: IsoDate; connector: string }, now: string): number {
  return sqlite.transaction(() => {
    const report = chargesReport(sqlite, request.asOf, request.customerId);
    let queued = 0;
    for (const charges of report.customers) {
      const lines = unpushedLines(sqlite, charges);
      if (lines.length === 0) continue;
      const ref = newRef();
      const invoice: ChargeInvoice = {
        ref,
        customerExternalId: charges.externalId,
        currency: charges.currency,
        date: request.asOf,
        lines: lines.map((line) => ({ description: describe(line, request.asOf), amountMinor: line.amountMinor })),
      };
      const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
      const pushId = Number(
        sqlite
          .prepare(
            `INSERT INTO charge_pushes (customer_id, connector, ref, currency, as_of, total_minor, payload, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(request.customerId, request.connector, ref, charges.currency, request.asOf, total, JSON.stringify(invoice), now).lastInsertRowid,
      );
      const addLine = sqlite.prepare('INSERT INTO charge_push_lines (push_id, invoice_id, component, amount_minor) VALUES (?, ?, ?, ?)');
      for (const line of lines) addLine.run(pushId, line.invoiceId, line.component, line.amountMinor);
      sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', 'charges.push', 'customer', ?, ?)")
        .run(now, String(request.customerId), JSON.stringify({ ref, currency: charges.currency, asOf: request.asOf, totalMinor: total }));
      queued++;
    }
    return queued;
  })();
}

const PUSH = [
  'id',
  'customer_id',
  'connector',
  'ref',
  'currency',
  'as_of',
  'total_minor',
  'created_at',
  'pushed_at',
  'erp_id',
  'erp_number',
  'attempts',
  'last_error',
] as const;
/** lines: the push's charges as a JSON array (json_group_array), parsed below. */
type PushRow = ColumnsRow<'charge_pushes', (typeof PUSH)[number]> & { lines: string };

/** The customer's pushes, newest first, each with the charges it holds. */
export function listChargePushes(sqlite: SqliteDb, customerId: number): ChargePush[] {
  const rows = sqlite
    .prepare(
      `
    SELECT ${columns('charge_pushes', 'p', PUSH)},
      (SELECT json_group_array(json_object('invoiceId', l.invoice_id, 'number', i.number, 'component', l.component, 'amountMinor', l.amount_minor))
         FROM charge_push_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.push_id = p.id) AS lines
    FROM charge_pushes p WHERE p.customer_id = ? ORDER BY p.id DESC`,
    )
    .all(customerId) as PushRow[];
  return rows.map((row) => ({ ...row, lines: JSON.parse(row.lines) as ChargePushLine[] }));
}

/** The push holding a charge, if one does: such a charge is billed in the ERP and is credited there, not waived here. */
export function pushHolding(sqlite: SqliteDb, invoiceId: number, component: ChargeComponent): { ref: string; erpNumber: string | null } | undefined {
  return sqlite
    .prepare(
      `SELECT p.ref, p.erp_number AS erpNumber FROM charge_push_lines l JOIN charge_pushes p ON p.id = l.push_id
    WHERE l.invoice_id = ? AND l.component = ? ORDER BY p.id DESC LIMIT 1`,
    )
    .get(invoiceId, component) as ColumnsRow<'charge_pushes', 'ref' | 'erp_number'> | undefined;
}
