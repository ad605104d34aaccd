import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { formatDateTime } from '../../lib/format';
import { useOutcome } from '../../lib/use-outcome';

/**
 * A manager's requests to decide, at the top of the worklist: actions beyond a collector's limits
 * ("Approve plan: 6 × $4,000.00 for Redwood Builders, asked by Sam"). The asking desk records an
 * approved one itself at its next exchange, and either answer lands on the customer's timeline.
 * Shown only on a team desk whose member is a manager; a solo desk has no limits.
 */
export function ApprovalsPanel() {
  const authority = useCoreQuery('team.authority', {}).data;
  const manager = authority?.role === 'manager';
  const requests = useCoreQuery('team.approvals.list', manager ? {} : null);
  const outcome = useOutcome();
  const waiting = (requests.data ?? []).filter((request) => request.status === 'pending' && !request.mine);
  if (!manager || (waiting.length === 0 && !outcome.error)) return null;
  const decide = (id: number, decision: 'approve' | 'decline'): void =>
    void outcome.run(async () => {
      await call('team.approvals.decide', { id, decision, note: '' });
      requests.reload();
    });
  return (
    <section className="approvals" aria-label="Requests to approve" data-testid="approvals">
      <h2 className="approvals-title">Requests to approve</h2>
      <ul>
        {waiting.map((request) => (
          <li key={request.id}>
            <span>{request.summary}</span>
            <span className="muted">{formatDateTime(request.requestedAt)}</span>
            <button type="button" className="button primary" onClick={() => decide(request.id, 'approve')}>
              Approve
            </button>
            <button type="button" className="button" onClick={() => decide(request.id, 'decline')}>
              Decline
            </button>
          </li>
        ))}
      </ul>
      {outcome.error && <ErrorNotice error={outcome.error} />}
    </section>
  );
}
