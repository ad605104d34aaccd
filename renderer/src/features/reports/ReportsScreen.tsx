import { useMemo, useState } from 'react';
import { agingBucketLabels } from '../../../../shared/aging';
import { localToday } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { useAppStatus } from '../../app/use-app-status';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { agingColumns, agingExportColumns, agingFooter } from './aging-columns';
import { currencyAging } from './aging-rows';
import { AgingToolbar, type ReportTab } from './AgingToolbar';
import { BacktestView } from './backtest/BacktestView';
import { PerformanceView } from './PerformanceView';
import { AgingSummary } from './AgingSummary';
import { TableExport } from './ExportButtons';
import './reports.css';

/** Reports: Aging (open balances by days past due, as of any date), Trends & KPIs, and the policy Backtest. */
export function ReportsScreen() {
  const [asOf, setAsOf] = useState(() => localToday());
  const [tab, setTab] = useState<ReportTab>('aging');
  if (tab === 'backtest') return <BacktestView onTab={setTab} />;
  if (tab === 'trends') {
    return (
      <PerformanceView
        asOf={asOf}
        toolbar={(extra) => (
          <AgingToolbar tab={tab} onTab={setTab} asOf={asOf} onAsOf={setAsOf} reportDate={asOf} loading={false}>
            {extra ?? null}
          </AgingToolbar>
        )}
      />
    );
  }
  return <AgingReportView asOf={asOf} onAsOf={setAsOf} onTab={setTab} />;
}

function AgingReportView({ asOf, onAsOf, onTab }: { asOf: string; onAsOf(date: string): void; onTab(tab: ReportTab): void }) {
  const report = useCoreQuery('aging.report', { asOf });
  const hasData = useAppStatus().data?.hasData ?? false;
  const go = useNav((nav) => nav.go);
  const data = report.data;
  const labels = useMemo(() => (data ? agingBucketLabels(data.edges) : null), [data]);
  const columns = useMemo(() => (data && labels ? agingColumns(labels, data.customers, data.totals) : []), [data, labels]);
  const footer = useMemo(() => (data ? agingFooter(data.totals) : []), [data]);
  // The export is the sheet: every customer row, then a totals row per currency.
  const exported = useMemo(() => (data ? [...data.customers, ...Object.entries(data.totals).map(([currency, amounts]) => ({ customerId: 0, externalId: '', name: `Total ${currency}`, currency, ...amounts }))] : []), [data]);
  const currencies = useMemo(() => (data ? currencyAging(data) : []), [data]);
  const toolbar = <AgingToolbar tab="aging" onTab={onTab} asOf={asOf} onAsOf={onAsOf} reportDate={data?.asOf} loading={report.loading} />;

  if (report.error) return <ErrorNotice error={report.error} title="The aging report could not be built." onRetry={report.reload} />;
  if (!data || !labels) return toolbar;
  if (data.customers.length === 0) {
    return (
      <>
        {toolbar}
        {hasData ? (
          <EmptyState title={`Nothing was open on ${formatDate(data.asOf)}`}>
            <p>Aging counts invoices issued on or before the “as of” date. Try a later date.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="Import your ERP’s open invoices to see aging"
            actions={
              <button type="button" className="button primary" onClick={() => go('import')}>
                Import open invoices
              </button>
            }
          >
            <p>Aging groups every open invoice by how many days past due it is, per customer and currency.</p>
          </EmptyState>
        )}
      </>
    );
  }
  return (
    <div className="screen-fill">
      {toolbar}
      <AgingSummary currencies={currencies} labels={labels} edges={data.edges} />
      <DataTable
        data={data.customers}
        columns={columns}
        label="Aging by customer"
        testId="aging-table"
        filterPlaceholder="Filter customers…"
        initialSort={[{ id: 'total', desc: true }]}
        footer={footer}
        toolbar={<><span className="spacer" /><TableExport name={`aging-${data.asOf}`} columns={agingExportColumns(labels)} rows={exported} /></>}
      />
    </div>
  );
}
