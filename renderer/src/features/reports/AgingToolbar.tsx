import { isIsoDate } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { DateCell } from '../../components/DateCell';

interface Props {
  asOf: string;
  onAsOf(date: string): void;
  /** The date the shown report was built for (lags `asOf` while a new one loads). */
  reportDate: string | undefined;
  loading: boolean;
}

export function AgingToolbar({ asOf, onAsOf, reportDate, loading }: Props) {
  const go = useNav((nav) => nav.go);
  return (
    <div className="screen-toolbar">
      <div className="tabs" role="tablist" aria-label="Reports">
        <button type="button" role="tab" aria-selected="true" className="tab">
          Aging
        </button>
      </div>
      <label className="field inline">
        <span>As of</span>
        <input className="input" type="date" value={asOf} onChange={(event) => isIsoDate(event.target.value) && onAsOf(event.target.value)} />
      </label>
      {loading && reportDate && (
        <span className="muted" role="status">
          Updating…
        </span>
      )}
      {!loading && reportDate && (
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
