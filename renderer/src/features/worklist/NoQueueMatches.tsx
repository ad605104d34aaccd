import type { Filters } from './QueueFilters';

interface Props {
  filters: Filters;
  /** This desk's collector on a team desk. */
  me: string | null;
  onChange(filters: Filters): void;
}

/**
 * The queue is empty under the chosen filters: say why in the words of the filter that emptied it,
 * and offer the way out as buttons (Tab reaches them; Enter or Space press them). On a team desk
 * that starts on "Mine", an empty queue usually means nobody assigned this collector a customer yet.
 */
export function NoQueueMatches({ filters, me, onChange }: Props) {
  const { collector, ...others } = filters;
  const mine = collector !== undefined && collector === me;
  const narrowed = Object.keys(others).length > 0;
  return (
    <div className="no-matches" role="status" data-testid="worklist-no-matches">
      <p>
        {mine
          ? `Nothing to chase among your customers (${collector}). If none are assigned to you yet, a manager assigns them on the customer page (a) or hands a collector's customers over; meanwhile work the whole book.`
          : collector !== undefined
            ? `Nothing to chase among ${collector}'s customers${narrowed ? ' with these filters' : ''}.`
            : 'No customer matches these filters.'}
      </p>
      <div className="no-matches-actions">
        {collector !== undefined && (
          <button type="button" className="button" onClick={() => onChange(others)}>
            Show all collectors
          </button>
        )}
        {narrowed && (
          <button type="button" className="button" onClick={() => onChange(collector === undefined ? {} : { collector })}>
            Clear the other filters
          </button>
        )}
      </div>
    </div>
  );
}
