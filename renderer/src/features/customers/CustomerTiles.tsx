import type { ReactNode } from 'react';
import type { CustomerSummary } from '../../../../shared/activity';
import { Money } from '../../components/Money';
import { plural } from '../../lib/format';
import { RiskSummary } from './RiskSummary';

/** The page header's figures: what is owed and how late, terms, credit, who works the account, and the learned risk. */
export function CustomerTiles({ summary: s }: { summary: CustomerSummary }) {
  const utilisation = s.creditLimitMinor ? Math.round((s.openMinor / s.creditLimitMinor) * 100) : null;
  return (
    <div className="tiles customer-tiles">
      <Tile label="Open"><Money minor={s.openMinor} currency={s.currency} /></Tile>
      <Tile label="Overdue"><Money minor={s.overdueMinor} currency={s.currency} /></Tile>
      <Tile label="Oldest past due">{s.oldestDaysPastDue > 0 ? plural(s.oldestDaysPastDue, 'day') : '—'}</Tile>
      <Tile label="Pays on average">{s.averageDaysLate === null ? 'No history' : s.averageDaysLate === 0 ? 'On time' : `${plural(s.averageDaysLate, 'day')} late`}</Tile>
      <Tile label="Terms">{s.termsDays !== null ? `Net ${s.termsDays}` : '—'}</Tile>
      <Tile label="Credit limit">
        {s.creditLimitMinor !== null ? <><Money minor={s.creditLimitMinor} currency={s.currency} /> <span className={utilisation !== null && utilisation > 100 ? 'over-limit' : 'muted'}>{utilisation}% used</span></> : '—'}
      </Tile>
      <Tile label="Collector">{s.collector ?? 'Unassigned'}</Tile>
      <Tile label="Risk"><RiskSummary customerId={s.customerId} /></Tile>
    </div>
  );
}

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value small">{children}</div>
    </div>
  );
}
