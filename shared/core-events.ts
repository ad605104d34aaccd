/** Push events from the core: long-job progress, outbox changes, pages to open in the browser. */
export interface JobProgressEvent {
  type: 'job.progress';
  jobId: string;
  phase: 'reading' | 'validating' | 'writing' | 'replaying' | 'done';
  done: number;
  total: number;
  /** What the job is doing, in words, when its phase says too little ("Learning how each customer pays"). */
  step?: string;
}
/** The outbox changed (a message sent, failed or retried); the window re-reads the batch it shows. */
export interface OutboxChangedEvent {
  type: 'outbox.changed';
  batchId: string | null;
}

/**
 * A page the user must see in their own browser (QuickBooks' sign-in). The desktop shell opens it with
 * the system browser; the web host's window opens a tab.
 */
export interface BrowserOpenEvent {
  type: 'browser.open';
  url: string;
}

/** Today's queue changed length (an activity, an import, a new day): the tray and dock badge show it. */
export interface QueueChangedEvent {
  type: 'queue.changed';
  queue: number;
}

export type CoreEvent = JobProgressEvent | OutboxChangedEvent | BrowserOpenEvent | QueueChangedEvent;
