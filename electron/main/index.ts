import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, Notification, safeStorage, session, shell } from 'electron';
import type { UpdateAction } from '../../shared/api';
import type { AppBusy, ShellSettings, UpdateStatus } from '../../shared/shell-settings';
import type { OutreachSettings } from '../../shared/outreach/outreach-settings';
import { contentSecurityPolicy, databaseOpensWith } from '../core';
import { startCoreWorker, type CoreClient } from '../hosts/core-client';
import { registerIpcHost } from '../hosts/ipc';
import { createMainWindow } from './create-window';
import { hardenSession } from './harden-session';
import { createWithPassphrase, openVault, settleRotation, unlockWithPassphrase, type VaultEnv } from './key-vault';
import { askForPassphrase } from './passphrase-window';
import { startUpdater, type Updater } from './updater/auto-update';
import { appUrlMatcher } from './security/app-url';
import { externalHostRules, externalUrlToOpen } from './security/external-url';

/**
 * Electron main: a thin shell. It unwraps the database key from the keychain, starts the core in a
 * worker, relays IPC and makes the window. All product logic lives in the core.
 */
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const isAppUrl = appUrlMatcher(rendererUrl);
const preload = join(import.meta.dirname, '../preload/index.cjs');

let core: CoreClient | null = null;
let updater: Updater | null = null;

async function start(): Promise<void> {
  hardenSession(session.defaultSession, contentSecurityPolicy('header'));
  const dataDir = app.getPath('userData');
  const dbPath = join(dataDir, 'inflow.db');
  const key = await unlockDatabaseKey(dbPath, join(dataDir, 'inflow.key'));
  const client = await startCoreWorker(new URL('./core-worker.js', import.meta.url), dbPath, key);
  core = client;
  updater = startUpdater({
    updateUrl: async () => ((await client.dispatch('settings.shell.get', {})) as ShellSettings).updateUrl,
    busy: async () => (await client.dispatch('app.busy', {})) as AppBusy,
    onReady: (version) => notify({ title: `Inflow ${version} is ready`, body: 'Restart to update: Inflow waits for any send or import to finish.' }, () => void updater?.restartWhenSafe()),
  });
  registerIpcHost(client, isAppUrl, updateAction);
  openWindow();
}

/** The Settings screen's update buttons. */
function updateAction(action: UpdateAction): Promise<UpdateStatus> {
  if (!updater) return Promise.resolve({ state: 'off', version: null, message: 'Inflow is still starting.', checkedAt: null });
  if (action === 'check') return updater.check();
  if (action === 'restart') return updater.restartWhenSafe();
  return Promise.resolve(updater.status());
}

function notify(content: { title: string; body: string }, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification(content);
  if (onClick) notification.on('click', onClick);
  notification.show();
}

/** The keychain-wrapped key, or (no usable keychain) the passphrase page; then any interrupted rotation is settled. */
async function unlockDatabaseKey(dbPath: string, keyPath: string): Promise<Buffer> {
  const env: VaultEnv = { keyPath, safeStorage, platform: process.platform };
  const state = openVault(env);
  const unlocked = state.status === 'unlocked' ? state : await askForPassphrase({
    pageUrl: new URL('passphrase.html', rendererUrl).href,
    preload: join(import.meta.dirname, '../preload/passphrase.cjs'),
    create: state.firstRun,
    attempt: (passphrase) => (state.firstRun ? { key: createWithPassphrase(env, passphrase), pendingKey: null } : unlockWithPassphrase(env, passphrase)),
  });
  return settleRotation(env, unlocked, (candidate) => existsSync(dbPath) && databaseOpensWith(dbPath, candidate));
}

function openWindow(): BrowserWindow {
  return createMainWindow({ appUrl: rendererUrl, isAppUrl, preload, openLink });
}

/** Only https links to the configured payment portal and video hosts reach the browser (settings read fresh). */
function openLink(url: string): void {
  if (!core) return;
  void core.dispatch('settings.outreach.get', {}).then((settings) => {
    const safe = externalUrlToOpen(url, externalHostRules(settings as OutreachSettings));
    if (safe) return shell.openExternal(safe);
  }).catch(() => undefined);
}

if (!app.requestSingleInstanceLock()) app.quit();

// Any web contents, not only the ones the factory makes, gets no webview and no popup.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
});
app.on('will-quit', () => {
  updater?.stop();
  void core?.close();
});

app.whenReady().then(start).catch((error: unknown) => {
  dialog.showErrorBox('Inflow cannot start', error instanceof Error ? error.message : String(error));
  app.exit(2);
});
