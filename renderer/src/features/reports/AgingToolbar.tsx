import { useState, type ReactNode } from 'react';
import { localToday } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { DateCell } from '../../components/DateCell';
import { DateInput } from '../../components/DateInput';

export type ReportTab = 'aging' | 'trends' | 'backtest';

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
  { id: 'backtest', label: 'Backtest' },
];

/** The Reports screen's tabs, at the start of each tab's toolbar. */
export function ReportTabs({ tab, onTab }: { tab: ReportTab; onTab(tab: ReportTab): void }) {
  return (
    <div className="tabs" role="tablist" aria-label="Reports">
      {TABS.map((t) => (
        <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => onTab(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function AgingToolbar({ tab, onTab, asOf, onAsOf, reportDate, loading, children }: Props) {
  const go = useNav((nav) => nav.go);
  const [today] = useState(() => localToday());
  return (
    <div className="screen-toolbar">
      <ReportTabs tab={tab} onTab={onTab} />
      <label className="field inline as-of">
        <span>As of</span>
        <DateInput label="As of" value={asOf} prefer="nearest" today={today} onChange={(date) => date && onAsOf(date)} testId="report-as-of" />
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
