import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from './api-error';

/** What a form shows under its buttons: what the last action said it did, or why it failed. */
export interface Shown {
  message: string | null;
  error: ApiError | null;
}

/** An action: it answers in words, or with nothing when its success is a state change of its own (a step, a "saved" flag). */
export type Work = () => Promise<string | void>;

export interface Outcome extends Shown {
  /** Runs an action: clears the last outcome, then shows its answer or its error. Resolves to whether it worked. */
  run(work: Work): Promise<boolean>;
  /** `run` that leaves the last outcome up until this one arrives, so a form saved again after a refusal does not jump. */
  runInPlace(work: Work): Promise<boolean>;
  /** Shows a failure that did not come from an action (loading what the form needs). */
  fail(failure: unknown): void;
  /** Takes the last outcome down (the user changed what it was about); no re-render when nothing is shown. */
  clear(): void;
}

const NOTHING: Shown = { message: null, error: null };

/** Runs `work` and shows how it went; `clearFirst` takes the last outcome down while it runs. */
export async function showOutcome(work: Work, show: (shown: Shown) => void, clearFirst: boolean): Promise<boolean> {
  if (clearFirst) show(NOTHING);
  try {
    show({ message: (await work()) ?? null, error: null });
    return true;
  } catch (failure) {
    show({ message: null, error: toApiError(failure) });
    return false;
  }
}

/** The result line or error notice under a form's buttons. */
export function useOutcome(): Outcome {
  const [shown, setShown] = useState<Shown>(NOTHING);
  const fail = useCallback((failure: unknown) => setShown((last) => ({ ...last, error: toApiError(failure) })), []);
  const run = useCallback((work: Work) => showOutcome(work, setShown, true), []);
  const runInPlace = useCallback((work: Work) => showOutcome(work, setShown, false), []);
  const clear = useCallback(() => setShown((last) => (last.error || last.message ? NOTHING : last)), []);
  return { ...shown, run, runInPlace, fail, clear };
}
