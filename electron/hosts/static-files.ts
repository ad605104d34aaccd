import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/** Content types of what the renderer build contains. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The regular file a URL path names inside `root` (the renderer build), or null: decoded once, and
 * refused when it would leave root by `..` (plain or percent-encoded), a backslash, a NUL or a link
 * pointing out. `/` is the app's page. Throws URIError on a malformed escape, for the caller to answer.
 * Shared by the web host and the desktop app's app:// protocol, so both serve exactly the same files.
 */
export function resolveStaticFile(root: string, pathname: string): string | null {
  const decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${sep}${decoded}`);
  if (!file.startsWith(base + sep)) return null;
  try {
    if (!statSync(file).isFile()) return null;
    // A link inside the build must not lead out of it (realpath resolves every link on the way).
    const real = realpathSync(file);
    return real.startsWith(realpathSync(base) + sep) ? file : null;
  } catch {
    return null;
  }
}
