import type { AgingBucket, AgingEdges } from '../../../../shared/aging';
import { Money } from '../../components/Money';
import { formatAmount } from '../../lib/format';
import { overdue, type CurrencyAging } from './aging-rows';
import { AgingBar } from './AgingBar';

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '0%';
}

interface Props {
  aging: CurrencyAging;
  labels: Record<AgingBucket, string>;
  edges: AgingEdges;
}

/** One currency: the total open, its mix of ages, how much is late and how much is very late. */
export function AgingTile({ aging, labels, edges }: Props) {
  const { currency, amounts } = aging;
  const late = overdue(amounts);
  const veryLate = amounts.d91_120 + amounts.d120_plus;
  return (
    <section className="tile" aria-label={`${currency} totals`}>
      <div className="tile-label">Open · {currency}</div>
      <div className="tile-value" data-testid={`aging-total-${currency}`}>
        {formatAmount(amounts.total, currency)}
      </div>
      <AgingBar aging={aging} labels={labels} />
      <dl className="tile-details">
        <div>
          <dt>Overdue</dt>
          <dd>
            <Money minor={late} currency={currency} /> <span className="muted">{percent(late, amounts.total)}</span>
          </dd>
        </div>
        <div>
          <dt>Over {edges[2]} days</dt>
          <dd>
            <Money minor={veryLate} currency={currency} /> <span className="muted">{percent(veryLate, amounts.total)}</span>
          </dd>
        </div>
        <div title="Credit notes and payments not yet applied to an invoice: already netted in the buckets by their date.">
          <dt>Unapplied credits</dt>
          <dd data-testid={`aging-credits-${currency}`}>
            <Money minor={amounts.credits} currency={currency} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
