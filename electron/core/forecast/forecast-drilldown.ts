import type { DrilldownInvoice } from '../../../shared/analytics';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { columns, type ColumnsRow, type TableRow } from '../../db/typed-row';
import type { CoreContext } from '../context';
import { forecastWeeks, placeItem } from './cash-forecast';
import { forecastItems } from './forecast-inputs';

const INVOICE = ['id', 'number', 'currency', 'issue_date', 'due_date'] as const;
/** The invoice's columns and, from the join, its customer's. */
type InvoiceRow = ColumnsRow<'invoices', (typeof INVOICE)[number]> & {
  customerExternalId: TableRow<'customers'>['external_id'];
  customerName: TableRow<'customers'>['name'];
};

/**
 * The invoices a forecast for `asOf` expects in one week, each with the part of its balance expected
 * then (an overdue one's quarter), largest first: they add up to the week's expected figure.
 */
export function forecastWeekInvoices(ctx: CoreContext, asOf: IsoDate, currency: string, weekStart: IsoDate): DrilldownInvoice[] {
  const weeks = forecastWeeks(asOf);
  const week = weeks.findIndex((w) => w.weekStart === weekStart);
  if (week < 0) throw new AppError('INVALID_INPUT', `${weekStart} does not start one of the 13 forecast weeks after ${asOf}.`);
  const expected = new Map<number, number>();
  for (const item of forecastItems(ctx, asOf).items) {
    if (item.currency !== currency) continue;
    const placed = placeItem(item, asOf, weeks, 'expected');
    const amount = placed === 'beyond' ? 0 : placed.filter((p) => p.week === week).reduce((sum, p) => sum + p.amountMinor, 0);
    if (amount > 0) expected.set(item.invoiceId, amount);
  }
  const rows = ctx.database.sqlite
    .prepare(
      `
    SELECT ${columns('invoices', 'i', INVOICE)}, c.external_id AS customerExternalId, c.name AS customerName
    FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify([...expected.keys()])) as InvoiceRow[];
  return rows
    .map((row): DrilldownInvoice => ({
      invoiceNumber: row.number,
      customerExternalId: row.customerExternalId,
      customerName: row.customerName,
      currency: row.currency,
      issueDate: row.issueDate,
      dueDate: row.dueDate,
      balanceMinor: expected.get(row.id)!,
      daysPastDue: daysBetween(row.dueDate, asOf),
    }))
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.invoiceNumber.localeCompare(b.invoiceNumber));
}
