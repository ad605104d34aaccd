import { create } from 'zustand';
import { call, newJobId } from '../../lib/api';
import { invalidateAll } from '../../lib/core-query';
import { toApiError, type ApiError } from '../../lib/api-error';

interface SampleState {
  /** The running `sample.load` job, for its progress bar. */
  jobId: string | null;
  error: ApiError | null;
  load(): Promise<void>;
}

/** Loads the embedded sample dataset once, then refreshes the app status so every screen sees the data. */
export const useSample = create<SampleState>()((set, get) => ({
  jobId: null,
  error: null,
  load: async () => {
    if (get().jobId) return;
    const jobId = newJobId();
    set({ jobId, error: null });
    try {
      await call('sample.load', { jobId });
      await invalidateAll();
    } catch (error) {
      set({ error: toApiError(error) });
    } finally {
      set({ jobId: null });
    }
  },
}));
