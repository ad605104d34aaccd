import { performance } from 'node:perf_hooks';

/**
 * For a long run of synchronous work in the core (reading a mailbox of thousands of messages):
 * items are prepared one by one and then written together, and the whole slice (preparing and
 * writing) should stay within `sliceMs`, after which the core waits for the event loop's next turn,
 * so calls from the screens are answered meanwhile instead of after the whole run. The cost of
 * writing an item is learnt from the slices written so far.
 */
export interface Slicer {
  /** True when the items prepared so far should be written now to end the slice in time. */
  full(pending: number): boolean;
  /** Writes `pending` items with `write`, learns what one cost, and waits for the next turn. */
  write<T>(pending: number, write: () => T): Promise<T>;
}

export function slicer(sliceMs: number): Slicer {
  let started = performance.now();
  let msPerWrite = sliceMs / 8;
  return {
    full: (pending) => performance.now() - started + pending * msPerWrite >= sliceMs,
    async write(pending, write) {
      const before = performance.now();
      const result = write();
      if (pending > 0) msPerWrite = 0.7 * msPerWrite + 0.3 * ((performance.now() - before) / pending);
      await new Promise((resolve) => setImmediate(resolve));
      started = performance.now();
      return result;
    },
  };
}
