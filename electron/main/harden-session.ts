import type { Session } from 'electron';

/** The only permission a page of ours may hold: OS notifications (due promises, finished sends). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/**
 * Session-wide rules: every permission but notifications is refused, every response carries the
 * window's CSP as a header too (the page's meta tag holds the same policy, from the same function),
 * and the spellchecker is off (it would fetch dictionaries from the network).
 */
export function hardenSession(session: Session, csp: string): void {
  session.setSpellCheckerEnabled(false);
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
