import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useEffect } from 'react';
import type { AttributedPayment, DrilldownInvoice } from '../../../../shared/analytics';
import { DataTable } from '../../components/DataTable';
import { DateCell } from '../../components/DateCell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import { formatCount } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { actionLabel } from './attribution-rows';
import type { Drill } from './drill';
import { TableExport } from './ExportButtons';
import type { ExportColumn } from './export-table';

const invoice = createColumnHelper<DrilldownInvoice>();
const INVOICE_COLUMNS = [
  invoice.accessor('invoiceNumber', { header: 'Invoice', size: 100 }),
  invoice.accessor('customerName', { header: 'Customer', meta: { grow: true } }),
  invoice.accessor('dueDate', { header: 'Due', size: 108, cell: (i) => <DateCell date={i.getValue()} /> }),
  invoice.accessor('daysPastDue', { header: 'Days late', size: 70, meta: { numeric: true }, cell: (i) => Math.max(0, i.getValue()) }),
  invoice.accessor('balanceMinor', { header: 'Balance', size: 116, meta: { numeric: true }, cell: (i) => <Money minor={i.getValue()} currency={i.row.original.currency} /> }),
] as ColumnDef<DrilldownInvoice>[];
const INVOICE_EXPORT: ExportColumn<DrilldownInvoice>[] = [
  { header: 'Invoice', kind: 'text', value: (r) => r.invoiceNumber },
  { header: 'Customer ID', kind: 'text', value: (r) => r.customerExternalId },
  { header: 'Customer', kind: 'text', value: (r) => r.customerName },
  { header: 'Currency', kind: 'text', value: (r) => r.currency },
  { header: 'Issued', kind: 'date', value: (r) => r.issueDate },
  { header: 'Due', kind: 'date', value: (r) => r.dueDate },
  { header: 'Days past due', kind: 'number', value: (r) => r.daysPastDue },
  { header: 'Balance', kind: 'money', currencyColumn: 3, value: (r) => r.balanceMinor },
];

const payment = createColumnHelper<AttributedPayment>();
const PAYMENT_COLUMNS = [
  payment.accessor('date', { header: 'Paid', size: 108, cell: (i) => <DateCell date={i.getValue()} /> }),
  payment.accessor('customerName', { header: 'Customer', meta: { grow: true } }),
  payment.accessor((p) => p.invoiceNumbers.join(', '), { id: 'invoices', header: 'Invoices', size: 110 }),
  payment.accessor('amountMinor', { header: 'Amount', size: 120, meta: { numeric: true }, cell: (i) => <Money minor={i.getValue()} currency={i.row.original.currency} /> }),
] as ColumnDef<AttributedPayment>[];
const PAYMENT_EXPORT: ExportColumn<AttributedPayment>[] = [
  { header: 'Paid', kind: 'date', value: (r) => r.date },
  { header: 'Customer ID', kind: 'text', value: (r) => r.customerExternalId },
  { header: 'Customer', kind: 'text', value: (r) => r.customerName },
  { header: 'Invoices', kind: 'text', value: (r) => r.invoiceNumbers.join(', ') },
  { header: 'Currency', kind: 'text', value: (r) => r.currency },
  { header: 'Amount', kind: 'money', currencyColumn: 4, value: (r) => r.amountMinor },
  { header: 'First touch', kind: 'text', value: (r) => (r.firstTouch ? `${actionLabel(r.firstTouch.action)} (${r.firstTouch.date})` : null) },
  { header: 'Last touch', kind: 'text', value: (r) => (r.lastTouch ? `${actionLabel(r.lastTouch.action)} (${r.lastTouch.date})` : null) },
];

function InvoiceList({ drill }: { drill: Extract<Drill, { kind: 'invoices' }> }) {
  const list = useApi('analytics.drilldown', { asOf: drill.asOf, currency: drill.currency, bucket: drill.bucket });
  if (list.error) return <ErrorNotice error={list.error} title="The invoices could not be listed." onRetry={list.reload} />;
  if (!list.data) return <p className="muted">Loading…</p>;
  const total = list.data.reduce((sum, i) => sum + i.balanceMinor, 0);
  return (
    <>
      <div className="drill-summary">
        <span>{formatCount(list.data.length)} items · <Money minor={total} currency={drill.currency} /></span>
        <TableExport name={`invoices-${drill.bucket}-${drill.asOf}`} columns={INVOICE_EXPORT} rows={list.data} />
      </div>
      <DataTable data={list.data} columns={INVOICE_COLUMNS} label="Invoices behind the figure" testId="drilldown-table" initialSort={[{ id: 'balanceMinor', desc: true }]} />
    </>
  );
}

function PaymentList({ drill }: { drill: Extract<Drill, { kind: 'payments' }> }) {
  return (
    <>
      <div className="drill-summary">
        <span>{plural(drill.payments.length)}</span>
        <TableExport name="payments-credited" columns={PAYMENT_EXPORT} rows={drill.payments} />
      </div>
      <DataTable data={drill.payments} columns={PAYMENT_COLUMNS} label="Payments credited" testId="drilldown-table" initialSort={[{ id: 'date', desc: true }]} />
    </>
  );
}

const plural = (n: number) => `${formatCount(n)} ${n === 1 ? 'payment' : 'payments'}`;

/** The invoices (or payments) behind a chart or a table row, beside the report rather than over it. */
export function DrilldownPanel({ drill, onClose }: { drill: Drill; onClose(): void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="drill-panel" aria-label="Drill-down" data-testid="drilldown">
      <header className="side-panel-header">
        <h3>{drill.title}</h3>
        <button type="button" className="button small ghost" onClick={onClose} aria-label="Close drill-down">
          Esc
        </button>
      </header>
      {drill.kind === 'invoices' ? <InvoiceList drill={drill} /> : <PaymentList drill={drill} />}
    </aside>
  );
}
