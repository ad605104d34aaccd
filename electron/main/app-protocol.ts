import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES, resolveStaticFile } from '../hosts/static-files';
import { APP_HOST, APP_SCHEME } from './security/app-url';

/**
 * The packaged renderer is served from app://inflow/ instead of file://, so the page's origin is the
 * app alone: CSP 'self' then means these files, not every file on the disk, and a file:// page
 * (a downloaded .html) is never "the app". Standard and secure: a real origin and a secure context
 * (crypto.randomUUID); fetch and CORS so module scripts load; never bypassCSP, no service workers.
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** The file an app:// URL names inside the renderer build, or null (another host, a way out, nothing there). */
export function appFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  try {
    return resolveStaticFile(root, parsed.pathname);
  } catch {
    return null;
  }
}

/** Serves the renderer build (inside the asar archive when packaged) on app://inflow/, each file with the window's CSP. */
export function serveAppProtocol(root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, csp, request));
}

export async function appResponse(root: string, csp: string, request: Request): Promise<Response> {
  const file = request.method === 'GET' ? appFileFor(root, request.url) : null;
  if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(await readFile(file)), {
    headers: {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
