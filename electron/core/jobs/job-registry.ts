import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { CoreEvent, JobProgressEvent } from '../../../shared/core-events';

/** Progress is sent at most this often per job so a fast import does not flood the window. */
const PROGRESS_INTERVAL_MS = 100;

export interface Job {
  signal: AbortSignal;
  progress(phase: JobProgressEvent['phase'], done: number, total: number, step?: string): void;
}

/** Long jobs by id: each gets an abort signal for cancel and a throttled progress reporter. */
export class JobRegistry {
  private readonly running = new Map<string, { controller: AbortController; settled: Promise<unknown> }>();
  private stopping = false;

  constructor(private readonly emit: (event: CoreEvent) => void) {}

  async run<T>(jobId: string | undefined, work: (job: Job) => Promise<T>): Promise<T> {
    const id = jobId ?? randomUUID();
    if (this.stopping) throw new AppError('CANCELLED', 'Inflow is closing; start it again to run this.');
    if (this.running.has(id)) throw new AppError('CONFLICT', `Job ${id} is already running.`);
    const controller = new AbortController();
    const entry = { controller, settled: Promise.resolve() as Promise<unknown> };
    this.running.set(id, entry);
    let last = 0;
    const job: Job = {
      signal: controller.signal,
      progress: (phase, done, total, step) => {
        const now = Date.now();
        // A new step is always told: it says what the next seconds are spent on.
        if (phase !== 'done' && step === undefined && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        this.emit({ type: 'job.progress', jobId: id, phase, done, total, ...(step === undefined ? {} : { step }) });
      },
    };
    try {
      const pending = work(job);
      entry.settled = pending.catch(() => undefined);
      const result = await pending;
      job.progress('done', 1, 1);
      return result;
    } finally {
      this.running.delete(id);
    }
  }

  /** How many jobs are running: the shell never restarts for an update in the middle of one. */
  get runningCount(): number {
    return this.running.size;
  }

  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    entry?.controller.abort();
    return entry !== undefined;
  }

  /**
   * Closing: cancels every running job and waits until each has ended. A job writes its result in
   * one transaction at its end, so a cancelled one leaves nothing behind; no new job starts.
   */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const entries = [...this.running.values()];
    entries.forEach((entry) => entry.controller.abort());
    await Promise.all(entries.map((entry) => entry.settled));
  }
}
