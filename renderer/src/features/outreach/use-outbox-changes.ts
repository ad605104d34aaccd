import { useEffect, useEffectEvent } from 'react';
import { api } from '../../lib/api';

/** Runs `onChange` whenever the core reports the outbox moved (sent, failed, retried, cancelled). */
export function useOutboxChanges(onChange: (batchId: string | null) => void): void {
  const handle = useEffectEvent(onChange);
  useEffect(() => api.onEvent((event) => event.type === 'outbox.changed' && handle(event.batchId)), []);
}
