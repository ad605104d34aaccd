import { plural } from '../lib/format';
import { useOnline } from '../lib/use-online';
import { useAppStatus } from './use-app-status';

/** Top-right health: online or offline, is the local core answering, and how much is in it. */
export function StatusPill() {
  const { data: status, error } = useAppStatus();
  const online = useOnline();
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
    <span
      className={`status-pill ${online ? 'good' : 'offline'}`}
      role="status"
      title={`Inflow ${status.version} · local encrypted database${online ? '' : ' · offline: everything is saved locally, sync catches up later'}`}
    >
      <span className="dot" /> {online ? 'Online' : 'Offline'} · {status.hasData ? plural(status.openInvoices, 'open invoice') : 'no data yet'}
    </span>
  );
}
