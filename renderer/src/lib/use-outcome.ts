import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from './api-error';

export interface Outcome {
  /** What the last action said it did, in words. */
  message: string | null;
  error: ApiError | null;
  /** Runs an action that answers in words: clears the last outcome, then shows its answer or its error. */
  run(work: () => Promise<string>): Promise<void>;
  /** Shows a failure that did not come from `run` (loading what the form needs). */
  fail(failure: unknown): void;
}

/** The result line or error notice under a settings form's buttons. */
export function useOutcome(): Outcome {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fail = useCallback((failure: unknown) => setError(toApiError(failure)), []);
  const run = useCallback(async (work: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (failure) {
      fail(failure);
    }
  }, [fail]);
  return { message, error, run, fail };
}
