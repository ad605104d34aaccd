import { create } from 'zustand';
import type { ProcedureInput } from '../../../../../shared/api';
import type { BacktestReport } from '../../../../../shared/backtest';
import { call, newJobId } from '../../../lib/api';
import { toApiError, type ApiError } from '../../../lib/api-error';

export type BacktestInput = Omit<ProcedureInput<'replay.backtest'>, 'jobId'>;

interface BacktestState {
  /** The running replay, for its progress bar and Cancel. */
  jobId: string | null;
  /** What the shown report (or error) was asked with. */
  asked: BacktestInput | null;
  report: BacktestReport | null;
  error: ApiError | null;
  run(input: BacktestInput): Promise<void>;
  cancel(): void;
}

/**
 * The last backtest of this window, kept outside the screen: a year's replay takes a while, and
 * leaving Reports meanwhile must neither lose its answer nor start it again.
 */
export const useBacktest = create<BacktestState>()((set, get) => ({
  jobId: null,
  asked: null,
  report: null,
  error: null,
  run: async (input) => {
    if (get().jobId) return;
    const jobId = newJobId();
    set({ jobId, asked: input, report: null, error: null });
    try {
      set({ report: await call('replay.backtest', { ...input, jobId }) });
    } catch (error) {
      set({ error: toApiError(error) });
    } finally {
      set({ jobId: null });
    }
  },
  cancel: () => {
    const { jobId } = get();
    if (jobId) void call('jobs.cancel', { jobId });
  },
}));
