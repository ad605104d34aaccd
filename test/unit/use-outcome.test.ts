import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/lib/api-error';
import { showOutcome, type Shown } from '../../renderer/src/lib/use-outcome';

/** Runs showOutcome, recording each state it shows; `settle` lets the test see what is shown while the work runs. */
function start(clearFirst: boolean) {
  const shown: Shown[] = [];
  let settle!: { answer(value: string | void): void; refuse(failure: unknown): void };
  const work = new Promise<string | void>((answer, refuse) => {
    settle = { answer, refuse };
  });
  const done = showOutcome(
    () => work,
    (next) => shown.push(next),
    clearFirst,
  );
  return { shown, settle, done };
}

const NOTHING: Shown = { message: null, error: null };

describe('showOutcome', () => {
  it('clears the last outcome as the work starts, then shows its answer', async () => {
    const { shown, settle, done } = start(true);
    expect(shown).toEqual([NOTHING]);
    settle.answer('Saved');
    expect(await done).toBe(true);
    expect(shown).toEqual([NOTHING, { message: 'Saved', error: null }]);
  });

  it('shows no line for work that answers nothing (its success is a state change)', async () => {
    const { shown, settle, done } = start(true);
    settle.answer();
    expect(await done).toBe(true);
    expect(shown.at(-1)).toEqual(NOTHING);
  });

  it('shows a refusal as an ApiError with its code, and resolves to false', async () => {
    const { shown, settle, done } = start(true);
    settle.refuse({ code: 'CONFLICT', message: 'A send is running.' });
    expect(await done).toBe(false);
    expect(shown).toHaveLength(2);
    const { message, error } = shown[1]!;
    expect(message).toBeNull();
    expect(error).toBeInstanceOf(ApiError);
    expect([error?.code, error?.message]).toEqual(['CONFLICT', 'A send is running.']);
  });

  it('in place, leaves the last outcome up until the work settles', async () => {
    const { shown, settle, done } = start(false);
    expect(shown).toEqual([]);
    settle.refuse(new Error('offline'));
    expect(await done).toBe(false);
    expect(shown).toHaveLength(1);
    expect([shown[0]?.error?.code, shown[0]?.error?.message]).toEqual(['INTERNAL', 'offline']);
  });
});
