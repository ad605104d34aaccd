import { BrowserWindow, type Rectangle, type WebPreferences } from 'electron';

export interface MainWindowOptions {
  appUrl: string;
  isAppUrl: (url: string) => boolean;
  preload: string;
  /** Where the window was last; already clamped to a visible display. */
  bounds?: Partial<Rectangle>;
  /** A link the page tried to open; the shell decides (allow-list) whether the browser gets it. */
  openLink: (url: string) => void;
}

/**
 * The security settings of every window, written after the caller's so none can be weakened: an
 * isolated, sandboxed renderer with no Node and no <webview>.
 */
export function lockedWebPreferences(requested: WebPreferences): WebPreferences {
  return {
    ...requested,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    sandbox: true,
  };
}

/**
 * The one window factory. The window never leaves the app's page: navigation and redirects elsewhere
 * are stopped, new windows are refused (an allowed https link goes to the browser instead), and a
 * <webview> is never attached.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    ...options.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Inflow',
    webPreferences: lockedWebPreferences({ preload: options.preload, spellcheck: true }),
  });
  const stayOnApp = (event: { preventDefault(): void }, url: string): void => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    options.openLink(url);
  };
  window.webContents.on('will-navigate', stayOnApp);
  window.webContents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    options.openLink(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.appUrl);
  return window;
}
