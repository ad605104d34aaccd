import { create } from 'zustand';
import type { AppStatus } from '../../../shared/api';
import { call } from '../lib/api';
import { toApiError, type ApiError } from '../lib/api-error';

interface StatusState {
  status: AppStatus | null;
  error: ApiError | null;
  refresh(): Promise<void>;
}

/** `app.status`: whether there is data yet, the counts in the top bar, the aging edges in Settings. */
export const useStatus = create<StatusState>()((set) => ({
  status: null,
  error: null,
  refresh: async () => {
    try {
      set({ status: await call('app.status', {}), error: null });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
}));
