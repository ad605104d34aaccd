import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';

/** Links the app may open in the user's browser; compared by parsed origin, never by substring. */
const EXTERNAL_ORIGINS = new Set<string>();

/**
 * The one window factory. Security settings are applied last so nothing can override them:
 * isolated, sandboxed renderer with no Node, no navigation away from the app, no new windows.
 */
export function createMainWindow(appUrl: string, isAppUrl: (url: string) => boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Inflow',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      spellcheck: false,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      sandbox: true,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    try {
      if (EXTERNAL_ORIGINS.has(new URL(url).origin)) void shell.openExternal(url);
    } catch {
      // An unparsable URL is simply not opened.
    }
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
