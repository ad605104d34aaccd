import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import type { AttributedPayment, DrilldownInvoice } from '../../../../shared/analytics';
import { DataTable } from '../../components/DataTable';
import { DateCell } from '../../components/DateCell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { actionLabel } from './attribution-rows';
import type { Drill } from './drill';
import { TableExport } from './ExportButtons';
import type { ExportColumn } from './export-table';

const invoice = createColumnHelper<DrilldownInvoice>();
const invoiceColumns = (amount: string) => [
  invoice.accessor('invoiceNumber', { header: 'Invoice', size: 100 }),
  invoice.accessor('customerName', { header: 'Customer', meta: { grow: true } }),
  invoice.accessor('dueDate', { header: 'Due', size: 108, cell: (i) => <DateCell date={i.getValue()} /> }),
  invoice.accessor('daysPastDue', { header: 'Days late', size: 70, meta: { numeric: true }, cell: (i) => Math.max(0, i.getValue()) }),
  invoice.accessor('balanceMinor', { header: amount, size: 116, meta: { numeric: true }, cell: (i) => <Money minor={i.getValue()} currency={i.row.original.currency} /> }),
] as ColumnDef<DrilldownInvoice>[];
const invoiceExport = (amount: string): ExportColumn<DrilldownInvoice>[] => [
  { header: 'Invoice', kind: 'text', value: (r) => r.invoiceNumber },
  { header: 'Customer ID', kind: 'text', value: (r) => r.customerExternalId },
  { header: 'Customer', kind: 'text', value: (r) => r.customerName },
  { header: 'Currency', kind: 'text', value: (r) => r.currency },
  { header: 'Issued', kind: 'date', value: (r) => r.issueDate },
  { header: 'Due', kind: 'date', value: (r) => r.dueDate },
  { header: 'Days past due', kind: 'number', value: (r) => r.daysPastDue },
  { header: amount, kind: 'money', currencyColumn: 3, value: (r) => r.balanceMinor },
];

/** Totals per currency, largest count first: a risk tenth spans customers in several currencies. */
function totalsByCurrency(rows: readonly DrilldownInvoice[]): { currency: string; minor: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.balanceMinor);
  return [...totals.entries()].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => a.currency.localeCompare(b.currency));
}

/** A file name for the drill's export: what it drilled into, and on which date. */
function exportName(query: Extract<Drill, { kind: 'invoices' }>['query']): string {
  switch (query.by) {
    case 'aging':
      return `invoices-${query.bucket ?? 'all'}-${query.asOf}`;
    case 'risk':
      return `invoices-risk-${query.bin * 10}-${query.bin * 10 + 10}pct`;
    case 'forecast':
      return `invoices-expected-${query.currency}-week-${query.weekStart}`;
  }
}

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
  const list = useCoreQuery('analytics.drilldown', drill.query);
  const amount = drill.amount ?? 'Balance';
  const columns = useMemo(() => invoiceColumns(amount), [amount]);
  const exported = useMemo(() => invoiceExport(amount), [amount]);
  if (list.error) return <ErrorNotice error={list.error} title="The invoices could not be listed." onRetry={list.reload} />;
  if (!list.data) return <p className="muted">Loading…</p>;
  return (
    <>
      <div className="drill-summary">
        <span>
          {plural(list.data.length, 'item')}
          {totalsByCurrency(list.data).map((t) => <span key={t.currency}> · <Money minor={t.minor} currency={t.currency} /></span>)}
        </span>
        <TableExport name={exportName(drill.query)} columns={exported} rows={list.data} />
      </div>
      <DataTable data={list.data} columns={columns} label="Invoices behind the figure" testId="drilldown-table" initialSort={[{ id: 'balanceMinor', desc: true }]} />
    </>
  );
}

function PaymentList({ drill }: { drill: Extract<Drill, { kind: 'payments' }> }) {
  return (
    <>
      <div className="drill-summary">
        <span>{plural(drill.payments.length, 'payment')}</span>
        <TableExport name="payments-credited" columns={PAYMENT_EXPORT} rows={drill.payments} />
      </div>
      <DataTable data={drill.payments} columns={PAYMENT_COLUMNS} label="Payments credited" testId="drilldown-table" initialSort={[{ id: 'date', desc: true }]} />
    </>
  );
}


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
        <button type="button" className="button small ghost" onClick={onClose} aria-label="Esc: close the drill-down">
          Esc
        </button>
      </header>
      {drill.kind === 'invoices' ? <InvoiceList drill={drill} /> : <PaymentList drill={drill} />}
    </aside>
  );
}
