import { create } from 'zustand';
import type { JobProgressEvent } from '../../../shared/core-events';
import { api } from './api';

/**
 * The latest progress of every job this window started. One subscription for the app's lifetime, so an
 * event that arrives before a screen has rendered its progress bar is never lost.
 */
const useJobProgressStore = create<Record<string, JobProgressEvent>>(() => ({}));

export function startJobProgressFeed(): () => void {
  return api.onEvent((event) => {
    if (event.type === 'job.progress') useJobProgressStore.setState({ [event.jobId]: event });
  });
}

export function useJobProgress(jobId: string | null): JobProgressEvent | null {
  return useJobProgressStore((jobs) => (jobId ? (jobs[jobId] ?? null) : null));
}
