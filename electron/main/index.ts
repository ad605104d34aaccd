import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, Notification, safeStorage, screen, session, shell, type BrowserWindow } from 'electron';
import type { UpdateAction } from '../../shared/shell-api';
import type { UpdateStatus } from '../../shared/shell-settings';
import {
  contentSecurityPolicy,
  databaseOpensWith,
  GOOGLE_AUTHORIZE_URL,
  INTUIT_AUTHORIZE_URL,
  makePrivateDir,
  MICROSOFT_LOGIN_ORIGIN,
  PRIVATE_FILE_MODE,
} from '../core';
import { startCoreWorker } from '../hosts/core-client';
import { log, safeError } from '../log/log';
import { openLogFile } from '../hosts/log-file';
import { restartableCore, type RestartableCore } from '../hosts/restartable-core';
import { registerIpcHost } from '../hosts/ipc';
import { installAppMenu } from './app-menu';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createMainWindow, refuseWebviewsAndPopups } from './create-window';
import { desktopShellHandlers } from './desktop-shell';
import { hardenSession } from './harden-session';
import { createWithPassphrase, openVault, settleRotation, unlockWithPassphrase, type VaultEnv } from './key-vault';
import { askForPassphrase } from './passphrase-window';
import { appUrlMatcher, rendererEntry } from './security/app-url';
import { corePageToOpen, externalHostRules, externalUrlToOpen, type HostRule } from './security/external-url';
import { closeBeforeQuit } from './quit-cleanly';
import { createAppTray, type AppTray } from './tray';
import { startUpdater, type Updater } from './updater/auto-update';
import { restoreBounds } from './window-bounds';

/**
 * Electron main: a thin shell. It unwraps the database key, starts the core in a worker, relays IPC,
 * makes the window, and shows what the core decides (notifications, tray count, update readiness).
 * All product logic lives in the core; every decision here is a tested pure function.
 */
// The renderer comes from app://inflow/ (see app-protocol.ts); a dev server only in development.
registerAppScheme();
const rendererUrl = rendererEntry(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const isAppUrl = appUrlMatcher(rendererUrl);
/** Where sign-in pages may open: QuickBooks' (ERP) and Google's or Microsoft's (the mailbox). */
const SIGN_IN_HOSTS = [INTUIT_AUTHORIZE_URL, GOOGLE_AUTHORIZE_URL, MICROSOFT_LOGIN_ORIGIN].map((url) => new URL(url).hostname);
const preload = join(import.meta.dirname, '../preload/index.cjs');
const NOTIFY_EVERY_MS = 5 * 60_000;

let core: RestartableCore | null = null;
let updater: Updater | null = null;
let tray: AppTray | null = null;
let mainWindow: BrowserWindow | null = null;
const timers: ReturnType<typeof setInterval>[] = [];

async function start(): Promise<void> {
  hardenSession(session.defaultSession, contentSecurityPolicy('header'));
  serveAppProtocol(join(import.meta.dirname, '../renderer'), contentSecurityPolicy('header'));
  const dataDir = app.getPath('userData');
  makePrivateDir(dataDir);
  // The log goes beside the database from the first moment, so a failed start is in it too.
  await openLogFile(dataDir);
  const dbPath = join(dataDir, 'inflow.db');
  const env: VaultEnv = { keyPath: join(dataDir, 'inflow.key'), safeStorage, platform: process.platform };
  const key = { current: await unlockDatabaseKey(dbPath, env) };
  // A database that does not open still gets its window: it explains why and offers the latest backup.
  const startCore = (under: Buffer, rotateTo?: Buffer) =>
    startCoreWorker(new URL('./core-worker.js', import.meta.url), dbPath, under, { recover: true, ...(rotateTo ? { rotateTo } : {}) });
  const client = await restartableCore(() => startCore(key.current));
  core = client;
  const relaunch = (): void => {
    app.relaunch();
    app.exit(0);
  };
  registerIpcHost(client, isAppUrl, desktopShellHandlers({ env, dbPath, core: client, key, startCore, relaunch, update: updateAction }));
  // Sign-in pages (QuickBooks, Google, Microsoft) open in the system browser, where the user's password manager and session are.
  client.onEvent((event) => {
    if (event.type !== 'browser.open') return;
    void linkRules()
      .then((rules) => {
        const safe = corePageToOpen(event.url, rules, SIGN_IN_HOSTS);
        if (safe) return shell.openExternal(safe);
      })
      .catch((error: unknown) => log.warn('shell.open-external.failed', safeError(error)));
  });
  updater = startUpdater({
    packaged: app.isPackaged,
    busy: () => client.call('app.busy', {}),
    onReady: (version) =>
      notify(
        { title: `Inflow ${version} is ready`, body: 'Restart to update: Inflow waits for any send or import to finish.' },
        () => void updater?.restartWhenSafe(),
      ),
  });
  installAppMenu({ window: () => mainWindow, checkForUpdates: () => void updater?.check() });
  tray = createAppTray(join(app.getAppPath(), 'resources'), showWindow, () => app.quit());
  mainWindow = openWindow();
  // One read of the facts every few minutes serves both the notices and the tray; between polls the
  // tray follows the queue's own change events.
  const poll = (): void => {
    void client
      .call('notifications.due', {})
      .then(({ notices, tray: summary }) => {
        tray?.update(summary);
        notices.forEach((notice) => notify(notice, () => showWindow()));
      })
      .catch((error: unknown) => log.warn('shell.notifications.failed', safeError(error)));
  };
  client.onEvent((event) => {
    if (event.type === 'queue.changed') tray?.setQueue(event.queue);
  });
  poll();
  timers.push(setInterval(poll, NOTIFY_EVERY_MS));
}

/** The keychain-wrapped key, or (no usable keychain) the passphrase page; then any interrupted rotation is settled. */
async function unlockDatabaseKey(dbPath: string, env: VaultEnv): Promise<Buffer> {
  const state = openVault(env);
  const unlocked =
    state.status === 'unlocked'
      ? state
      : await askForPassphrase({
          pageUrl: new URL('passphrase.html', rendererUrl).href,
          preload: join(import.meta.dirname, '../preload/passphrase.cjs'),
          create: state.firstRun,
          attempt: (passphrase) => (state.firstRun ? { key: createWithPassphrase(env, passphrase), pendingKey: null } : unlockWithPassphrase(env, passphrase)),
        });
  return settleRotation(env, unlocked, (candidate) => existsSync(dbPath) && databaseOpensWith(dbPath, candidate));
}

const windowStatePath = (): string => join(app.getPath('userData'), 'window-state.json');

function openWindow(): BrowserWindow {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const window = createMainWindow({
    appUrl: rendererUrl,
    isAppUrl,
    preload,
    openLink,
    bounds: restoreBounds(readJson(windowStatePath()), displays),
    devTools: !app.isPackaged,
  });
  // Saved on close only: the normal (not maximised) bounds, so a restore puts it back where it was.
  window.on('close', () => writeFileSync(windowStatePath(), JSON.stringify(window.getNormalBounds()), { mode: PRIVATE_FILE_MODE }));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

function showWindow(): void {
  if (!core) return;
  mainWindow ??= openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // None yet, or unreadable: the window opens at its default place.
    log.info('shell.window-state.unreadable', safeError(error));
    return null;
  }
}

/** The Settings screen's update buttons. */
function updateAction(action: UpdateAction): Promise<UpdateStatus> {
  if (!updater) return Promise.resolve({ state: 'off', version: null, message: 'Inflow is still starting.', checkedAt: null });
  if (action === 'check') return updater.check();
  if (action === 'restart') return updater.restartWhenSafe();
  return Promise.resolve(updater.status());
}

function notify(content: { title: string; body: string }, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: content.title, body: content.body });
  notification.on('click', onClick);
  notification.show();
}

/** The hosts links may go to: the configured payment portal and video hosts, read fresh each time. */
async function linkRules(): Promise<HostRule[]> {
  if (!core) return [];
  return externalHostRules(await core.call('settings.outreach.get', {}));
}

/** Only https links to the allow-listed hosts reach the browser. */
function openLink(url: string): void {
  void linkRules()
    .then((rules) => {
      const safe = externalUrlToOpen(url, rules);
      if (safe) return shell.openExternal(safe);
    })
    .catch((error: unknown) => log.warn('shell.open-link.failed', safeError(error)));
}

// A second launch only hands over to the running one (its 'second-instance' brings the window
// forward); app.quit() is not immediate, so nothing else may start here, above all no database open.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Any web contents, not only the ones the factory makes, gets no webview and no popup.
  app.on('web-contents-created', (_event, contents) => refuseWebviewsAndPopups(contents));
  // A second launch (a double-click on the icon) brings the running window forward instead.
  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWindow);
  closeBeforeQuit(app, async () => {
    timers.forEach(clearInterval);
    updater?.stop();
    tray?.destroy();
    await core?.close();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('shell.start.failed', safeError(error));
      dialog.showErrorBox('Inflow cannot start', error instanceof Error ? error.message : String(error));
      app.exit(2);
    });
}
