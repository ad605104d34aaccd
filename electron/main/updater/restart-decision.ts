import type { AppBusy } from '../../../shared/shell-settings';

export interface RestartFacts {
  /** electron-updater has downloaded and verified an update. */
  updateReady: boolean;
  /** What the core said it is doing; null when it could not say (then we assume it is busy). */
  busy: AppBusy | null;
}

export type RestartDecision = { restart: true } | { restart: false; reason: string };

/**
 * Whether "Restart to update" may restart now. Never in the middle of a send (a message cut off
 * mid-SMTP has an unknown fate) or a job (an import or sync would have to start over).
 */
export function canRestartForUpdate({ updateReady, busy }: RestartFacts): RestartDecision {
  if (!updateReady) return { restart: false, reason: 'No update is ready yet.' };
  if (!busy) return { restart: false, reason: 'Inflow could not tell whether it is busy; try again in a moment.' };
  if (busy.outboxSending) return { restart: false, reason: 'Emails are being sent. Inflow will restart when the outbox is done, or pause it first.' };
  if (busy.jobsRunning > 0) {
    return { restart: false, reason: `${busy.jobsRunning === 1 ? 'An import or sync is' : `${busy.jobsRunning} imports or syncs are`} running. Inflow will restart when ${busy.jobsRunning === 1 ? 'it finishes' : 'they finish'}.` };
  }
  return { restart: true };
}
