import type { ReactNode } from 'react';
import type { CustomerSummary } from '../../../../shared/activity';
import { Money } from '../../components/Money';
import { formatAmount, plural } from '../../lib/format';
import { RiskSummary } from './RiskSummary';
import { noteOf, OverwriteNote, useOverwrites } from '../../components/OverwriteNote';

/**
 * The page header's figures on one row: what is owed (unapplied credits on their own line) and how
 * late, terms, credit, who works the account, and the learned risk in a line (its reasons have a panel).
 */
export function CustomerTiles({ summary: s, past = false }: { summary: CustomerSummary; past?: boolean }) {
  const assigned = noteOf(useOverwrites({ customerId: s.customerId }), 'customer', s.customerId);
  const utilisation = s.creditLimitMinor ? Math.round((s.openMinor / s.creditLimitMinor) * 100) : null;
  return (
    <>
      <div className="tiles customer-tiles" data-testid="customer-tiles">
        <Tile
          label="Open"
          testId="customer-open"
          note={s.creditsMinor !== 0 ? `incl. ${formatAmount(s.creditsMinor, s.currency)} unapplied credits` : undefined}
        >
          <Money minor={s.openMinor} currency={s.currency} />
        </Tile>
        <Tile label="Overdue" testId="customer-overdue">
          <Money minor={s.overdueMinor} currency={s.currency} />
        </Tile>
        <Tile label="Oldest past due">{s.oldestDaysPastDue > 0 ? plural(s.oldestDaysPastDue, 'day') : '—'}</Tile>
        <Tile label="Pays on average">
          {s.averageDaysLate === null ? 'No history' : s.averageDaysLate === 0 ? 'On time' : `${plural(s.averageDaysLate, 'day')} late`}
        </Tile>
        <Tile label="Terms">{s.termsDays !== null ? `Net ${s.termsDays}` : '—'}</Tile>
        <Tile label="Credit limit" note={utilisation !== null ? `${utilisation}% used` : undefined} warn={utilisation !== null && utilisation > 100}>
          {s.creditLimitMinor !== null ? <Money minor={s.creditLimitMinor} currency={s.currency} /> : '—'}
        </Tile>
        <Tile label="Collector">{s.collector ?? 'Unassigned'}</Tile>
        {/* The risk model learned from what came after a past day: it is not shown as that day's. */}
        <Tile label="Risk" note={past ? 'scored on today’s book only' : undefined}>
          {past ? '—' : <RiskSummary customerId={s.customerId} variant="headline" />}
        </Tile>
      </div>
      {/* Under the tiles, the width of the page: a tile is too narrow for the sentence. */}
      {assigned && <OverwriteNote note={assigned} subject="this customer's" />}
    </>
  );
}

function Tile({
  label,
  note,
  warn = false,
  testId,
  children,
}: {
  label: string;
  note?: string | undefined;
  warn?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="tile" data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className="tile-value small">{children}</div>
      {note && <div className={warn ? 'tile-note over-limit' : 'tile-note muted'}>{note}</div>}
    </div>
  );
}
