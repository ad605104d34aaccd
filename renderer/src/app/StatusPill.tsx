import { plural } from '../lib/format';
import { useStatus } from './status-store';

/** Top-right health: is the local core answering, and how much is in it. */
export function StatusPill() {
  const status = useStatus((state) => state.status);
  const error = useStatus((state) => state.error);
  if (error) {
    return (
      <span className="status-pill bad" role="status" title={error.message}>
        <span className="dot" /> Core unavailable
      </span>
    );
  }
  if (!status) {
    return (
      <span className="status-pill" role="status">
        <span className="dot" /> Connecting…
      </span>
    );
  }
  return (
    <span className="status-pill good" role="status" title={`Inflow ${status.version} · local encrypted database`}>
      <span className="dot" /> Local · {status.hasData ? plural(status.openInvoices, 'open invoice') : 'no data yet'}
    </span>
  );
}
