import { BrowserWindow, type Rectangle, type WebContents, type WebPreferences } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE } from './window-bounds';

export interface MainWindowOptions {
  appUrl: string;
  isAppUrl: (url: string) => boolean;
  preload: string;
  /** Where the window was last; already clamped to a visible display. */
  bounds?: Partial<Rectangle>;
  /** A link the page tried to open; the shell decides (allow-list) whether the browser gets it. */
  openLink: (url: string) => void;
  /** Developer tools: in development only, never in a packaged app. */
  devTools: boolean;
}

/**
 * The security settings of every window, written after the caller's so none can be weakened: an
 * isolated, sandboxed renderer with no Node and no <webview>; no developer tools unless asked for
 * (development); no spellchecker, which would download dictionaries from Google's servers.
 */
export function lockedWebPreferences(requested: WebPreferences, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    ...requested,
    devTools: options.devTools ?? false,
    spellcheck: false,
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

/** Any web contents at all: never a <webview>, never a popup window. */
export function refuseWebviewsAndPopups(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * A window of ours never leaves its page: navigation and redirects elsewhere are stopped, new windows
 * are refused (a link goes to `openLink`, which decides whether the browser gets it), no <webview>.
 */
export function keepOnPage(contents: WebContents, isPage: (url: string) => boolean, openLink: (url: string) => void): void {
  refuseWebviewsAndPopups(contents);
  contents.on('will-navigate', (event, url) => {
    if (isPage(url)) return;
    event.preventDefault();
    openLink(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isPage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
}

/** The one main-window factory: locked preferences, kept on the app's page. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...DEFAULT_SIZE,
    ...options.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Inflow',
    webPreferences: lockedWebPreferences({ preload: options.preload }, { devTools: options.devTools }),
  });
  keepOnPage(window.webContents, options.isAppUrl, options.openLink);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.appUrl);
  return window;
}
