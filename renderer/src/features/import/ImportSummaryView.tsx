import type { ImportSummary } from '../../../../shared/import-mapping';
import { useNav } from '../../app/nav-store';
import { formatCount, plural } from '../../lib/format';

/** What one import changed. Re-importing the same file shows everything as unchanged. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const go = useNav((nav) => nav.go);
  const counts: [string, number][] = [
    ['Created', summary.created],
    ['Updated', summary.updated],
    ['Unchanged', summary.unchanged],
    ['Closed', summary.closed],
    ['Customers created', summary.customersCreated],
    ['Payments created', summary.paymentsCreated],
  ];
  return (
    <section className="card import-summary" data-testid="import-summary" aria-label="Import summary">
      <header className="card-header">
        <h2>
          Imported {plural(summary.rows, 'row')} of {summary.kind}
        </h2>
        <span className="muted">
          {summary.preset} · source “{summary.source}”{summary.skipped > 0 && ` · ${plural(summary.skipped, 'row')} skipped (drafts, bills, voids)`}
          {summary.creditsCreated > 0 && ` · ${plural(summary.creditsCreated, 'credit')} created`}
        </span>
      </header>
      <dl className="summary-counts">
        {counts.map(([label, value]) => (
          <div key={label} className={value === 0 ? 'count zero' : 'count'}>
            <dt>{label}</dt>
            <dd className="num">{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      <div className="card-actions">
        <button type="button" className="button" onClick={() => go('reports')}>
          See the aging report
        </button>
        <button type="button" className="button ghost" onClick={() => go('customers')}>
          Customers
        </button>
      </div>
    </section>
  );
}
