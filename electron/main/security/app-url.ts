/**
 * Whether a URL is the app's own page: the guard for navigation, redirects and IPC senders. A packaged
 * app loads one file, so a file: URL must be exactly that file (any other local file is not the app);
 * the dev server is matched by its parsed origin.
 */
export function appUrlMatcher(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (url) => {
    const parsed = safeParse(url);
    if (!parsed) return false;
    if (app.protocol === 'file:') return parsed.protocol === 'file:' && parsed.host === app.host && parsed.pathname === app.pathname;
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
