import { useCallback, useEffect, useState } from 'react';

/** A call being timed: its length so far in seconds (null before it starts). */
export interface CallTimer {
  seconds: number | null;
  running: boolean;
  /** Starts the clock (once: a second start keeps the first). */
  start(): void;
  stop(): void;
}

/** A call's clock, ticking each second between start and stop. */
export function useCallTimer(): CallTimer {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [stoppedAt, setStoppedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const running = startedAt !== null && stoppedAt === null;
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running]);
  const seconds = startedAt === null ? null : Math.max(0, Math.round(((stoppedAt ?? Math.max(now, startedAt)) - startedAt) / 1000));
  const start = useCallback(() => setStartedAt((at) => at ?? Date.now()), []);
  const stop = useCallback(() => setStoppedAt((at) => at ?? Date.now()), []);
  return { seconds, running, start, stop };
}
