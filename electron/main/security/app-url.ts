/** The desktop app's own origin: the renderer build served by the app:// protocol (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inflow';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Where the window loads the renderer from: the app:// protocol, or in development only the
 * electron-vite dev server that ELECTRON_RENDERER_URL names, and only on this machine. A packaged
 * app ignores the variable, so nobody can point an installed Inflow at another page.
 */
export function rendererEntry(packaged: boolean, devServerUrl: string | undefined): string {
  if (packaged || !devServerUrl) return APP_PAGE_URL;
  const dev = safeParse(devServerUrl);
  const local = dev?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname);
  return local ? dev.href : APP_PAGE_URL;
}

/**
 * Whether a URL is the app's own page: the guard for navigation, redirects and IPC senders. On
 * app://inflow it must be that very page (the main window and the passphrase window each hear only
 * their own), with any hash or query; the dev server is matched by its parsed origin. Anything
 * else, file: included, is not the app.
 */
export function appUrlMatcher(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (url) => {
    const parsed = safeParse(url);
    if (!parsed) return false;
    if (app.protocol === `${APP_SCHEME}:`) return parsed.protocol === app.protocol && parsed.host === app.host && parsed.pathname === app.pathname;
    return (app.protocol === 'http:' || app.protocol === 'https:') && parsed.origin === app.origin;
  };
}

function safeParse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
