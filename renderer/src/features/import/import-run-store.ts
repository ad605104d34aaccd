import { create } from 'zustand';
import type { ImportMapping, ImportProblem, ImportSummary } from '../../../../shared/import-mapping';
import { call, newJobId } from '../../lib/api';
import { invalidateAll } from '../../lib/core-query';
import { toApiError, type ApiError } from '../../lib/api-error';

/** What the rows are read with: a preset (or saved mapping) by name, or a mapping drawn on the screen. */
export type ImportSelection = { preset: string } | { mapping: ImportMapping };

type RunOutcome =
  { kind: 'imported'; summary: ImportSummary } | { kind: 'rejected'; problems: ImportProblem[]; problemCount: number } | { kind: 'failed'; error: ApiError };

interface RunState {
  jobId: string | null;
  outcome: RunOutcome | null;
  run(fileId: string, selection: ImportSelection, snapshot: boolean): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

/** IMPORT_REJECTED carries `{ problems, problemCount }`: every problem counted, the first 1,000 listed. */
function rejection(error: ApiError): { problems: ImportProblem[]; problemCount: number } | null {
  if (error.code !== 'IMPORT_REJECTED' || typeof error.details !== 'object' || error.details === null) return null;
  const { problems, problemCount } = error.details as { problems?: unknown; problemCount?: unknown };
  if (!Array.isArray(problems)) return null;
  return { problems: problems as ImportProblem[], problemCount: typeof problemCount === 'number' ? problemCount : problems.length };
}

export const useImportRun = create<RunState>()((set, get) => ({
  jobId: null,
  outcome: null,

  run: async (fileId, selection, snapshot) => {
    if (get().jobId) return;
    const jobId = newJobId();
    set({ jobId, outcome: null });
    try {
      const summary = await call('import.run', { jobId, fileId, snapshot, ...selection });
      set({ outcome: { kind: 'imported', summary } });
      await invalidateAll();
    } catch (failure) {
      const error = toApiError(failure);
      const rejected = rejection(error);
      set({ outcome: rejected ? { kind: 'rejected', ...rejected } : { kind: 'failed', error } });
    } finally {
      set({ jobId: null });
    }
  },

  cancel: async () => {
    const jobId = get().jobId;
    // A job that has just finished cannot be cancelled; its own outcome is what the user sees.
    if (jobId) await call('jobs.cancel', { jobId }).catch(() => undefined);
  },

  reset: () => {
    if (!get().jobId) set({ outcome: null });
  },
}));
