import type { ReactNode } from 'react';
import { isIsoDate } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { DateCell } from '../../components/DateCell';

export type ReportTab = 'aging' | 'trends';

interface Props {
  tab: ReportTab;
  onTab(tab: ReportTab): void;
  asOf: string;
  onAsOf(date: string): void;
  /** The date the shown report was built for (lags `asOf` while a new one loads). */
  reportDate: string | undefined;
  loading: boolean;
  /** Replaces the aging note on tabs that say something else. */
  children?: ReactNode;
}

const TABS: { id: ReportTab; label: string }[] = [
  { id: 'aging', label: 'Aging' },
  { id: 'trends', label: 'Trends & KPIs' },
];

export function AgingToolbar({ tab, onTab, asOf, onAsOf, reportDate, loading, children }: Props) {
  const go = useNav((nav) => nav.go);
  return (
    <div className="screen-toolbar">
      <div className="tabs" role="tablist" aria-label="Reports">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => onTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <label className="field inline">
        <span>As of</span>
        <input className="input" type="date" value={asOf} onChange={(event) => isIsoDate(event.target.value) && onAsOf(event.target.value)} />
      </label>
      {children}
      {children === undefined && loading && reportDate && (
        <span className="muted" role="status">
          Updating…
        </span>
      )}
      {children === undefined && !loading && reportDate && (
        <span className="muted">
          Open balances on <DateCell date={reportDate} /> by days past due · bucket edges are in{' '}
          <button type="button" className="link" onClick={() => go('settings')}>
            Settings
          </button>
        </span>
      )}
    </div>
  );
}
