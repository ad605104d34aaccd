import { log, safeError } from '../../log/log';
import electronUpdater from 'electron-updater';
import type { AppBusy, UpdateStatus } from '../../../shared/shell-settings';
import { canRestartForUpdate } from './restart-decision';

const DAY_MS = 86_400_000;
const BUSY_POLL_MS = 30_000;

export interface UpdaterDeps {
  /** Only an installed app has the build's feed (app-update.yml); a development run checks nothing. */
  packaged: boolean;
  busy(): Promise<AppBusy | null>;
  onReady(version: string): void;
}

export interface Updater {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  /** Restarts into the update now if nothing is sending or running, else as soon as that is over. */
  restartWhenSafe(): Promise<UpdateStatus>;
  stop(): void;
}

/**
 * electron-updater: checks at start and daily, downloads in the background, and restarts only when
 * the user asks and the core is idle (canRestartForUpdate). The feed is the one electron-builder
 * wrote into the package from its publish config (app-update.yml, covered by the code signature);
 * nothing at run time can point it elsewhere: no setting, no setFeedURL.
 */
export function startUpdater(deps: UpdaterDeps): Updater {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  // Quitting installs a downloaded update; the user chose to quit, so nothing is interrupted by us.
  autoUpdater.autoInstallOnAppQuit = true;
  let status: UpdateStatus = { state: 'idle', version: null, message: null, checkedAt: null };
  let waitTimer: ReturnType<typeof setTimeout> | null = null;
  const set = (next: Partial<UpdateStatus>): UpdateStatus => (status = { ...status, ...next });

  autoUpdater.on('checking-for-update', () => set({ state: 'checking', message: null }));
  autoUpdater.on('update-not-available', () => set({ state: 'up-to-date', checkedAt: new Date().toISOString() }));
  autoUpdater.on('update-available', (info: { version: string }) => set({ state: 'downloading', version: info.version, checkedAt: new Date().toISOString() }));
  autoUpdater.on('update-downloaded', (info: { version: string }) => {
    set({ state: 'ready', version: info.version, message: null });
    deps.onReady(info.version);
  });
  autoUpdater.on('error', (error: Error) => set({ state: status.state === 'ready' ? 'ready' : 'error', message: error.message }));

  async function check(): Promise<UpdateStatus> {
    if (status.state === 'ready' || status.state === 'waiting') return status;
    if (!deps.packaged) return set({ state: 'off', message: 'Updates are checked by the installed app, not a development run.' });
    try {
      await autoUpdater.checkForUpdates();
    } catch (error) {
      set({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
    return status;
  }

  async function restartWhenSafe(): Promise<UpdateStatus> {
    if (waitTimer) clearTimeout(waitTimer);
    const decision = canRestartForUpdate({
      updateReady: status.state === 'ready' || status.state === 'waiting',
      busy: await deps.busy().catch((error: unknown) => {
        log.info('update.busy.unknown', safeError(error));
        return null;
      }),
    });
    if (decision.restart) {
      autoUpdater.quitAndInstall();
      return status;
    }
    if (status.state !== 'ready' && status.state !== 'waiting') return set({ message: decision.reason });
    waitTimer = setTimeout(() => void restartWhenSafe(), BUSY_POLL_MS);
    return set({ state: 'waiting', message: decision.reason });
  }

  void check();
  const daily = setInterval(() => void check(), DAY_MS);
  return {
    status: () => status,
    check,
    restartWhenSafe,
    stop: () => {
      clearInterval(daily);
      if (waitTimer) clearTimeout(waitTimer);
    },
  };
}
