import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { startCoreWorker, type CoreClient } from '../hosts/core-client';
import { registerIpcHost } from '../hosts/ipc';
import { createMainWindow } from './create-window';
import { loadOrCreateKey } from './key-store';

/**
 * Electron main: a thin shell. It unwraps the database key from the keychain, starts the core in a
 * worker, relays IPC and makes the window. All product logic lives in the core.
 */
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const appOrigin = new URL(rendererUrl);
const isAppUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return appOrigin.protocol === 'file:' ? parsed.protocol === 'file:' && parsed.pathname === appOrigin.pathname : parsed.origin === appOrigin.origin;
  } catch {
    return false;
  }
};

let core: CoreClient | null = null;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const key = loadOrCreateKey(join(dataDir, 'inflow.key'));
  core = await startCoreWorker(new URL('./core-worker.js', import.meta.url), join(dataDir, 'inflow.db'), key);
  registerIpcHost(core, isAppUrl);
  createMainWindow(rendererUrl, isAppUrl);
}

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow(rendererUrl, isAppUrl);
});
app.on('will-quit', () => {
  void core?.close();
});

app.whenReady().then(start).catch((error: unknown) => {
  dialog.showErrorBox('Inflow cannot start', error instanceof Error ? error.message : String(error));
  app.exit(2);
});
