import { busyReason, type AppBusy } from '../../../shared/shell-settings';

export interface RestartFacts {
  /** electron-updater has downloaded and verified an update. */
  updateReady: boolean;
  /** What the core said it is doing; null when it could not say (then we assume it is busy). */
  busy: AppBusy | null;
}

export type RestartDecision = { restart: true } | { restart: false; reason: string };

/** Whether "Restart to update" may restart now: only with an update ready and nothing the restart would cut off (busyReason). */
export function canRestartForUpdate({ updateReady, busy }: RestartFacts): RestartDecision {
  if (!updateReady) return { restart: false, reason: 'No update is ready yet.' };
  const reason = busyReason(busy);
  return reason ? { restart: false, reason: `${reason} Inflow restarts into the update as soon as it may.` } : { restart: true };
}
