import type { AppStatus } from '../../../shared/api';
import { invalidate, useCoreQuery, type CoreQuery } from '../lib/core-query';

/** `app.status`: whether there is data yet, the counts in the top bar, the aging edges and base currency. */
export function useAppStatus(): CoreQuery<AppStatus> {
  return useCoreQuery('app.status', {});
}

/** After a settings change the status reports (aging edges, rates, a connection): read it again. */
export function refreshStatus(): Promise<void> {
  return invalidate('app.status');
}
