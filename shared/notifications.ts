/** One OS notification the shell should show; `keys` are what it covers, remembered so nothing repeats. */
export interface Notice {
  kind: 'promise-due' | 'promise-broken' | 'follow-up' | 'send-finished' | 'send-failed' | 'sync-failing';
  title: string;
  body: string;
  keys: string[];
  /** The customer to open on click, when the notice is about one. */
  customerId: number | null;
}

/** What the tray shows: today's queue and what is due. */
export interface TraySummary {
  queue: number;
  promisesDueToday: number;
}
