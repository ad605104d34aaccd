import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type ErrorCode } from '../../shared/errors';

/** Long enough to sign in and consent; the loopback port closes after it. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** Whom the user signs in with, in the words the browser tab and the errors use. */
export interface LoopbackProvider {
  /** "QuickBooks", "Google", "Microsoft". */
  name: string;
  /** The provider's authorize page. */
  authorizeUrl: string;
  /** client_id, scope and the provider's own extras (access_type, prompt …). */
  params: Record<string, string>;
  /** The code errors carry (SYNC_FAILED for an ERP, MAILBOX_FAILED for a mailbox). */
  errorCode: ErrorCode;
  /** Other parameters the callback must carry, each checked (QuickBooks' realmId). */
  required?: Record<string, RegExp>;
}

/** What the provider's redirect brings back to the loopback address. */
export interface LoopbackGrant {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The `required` parameters, as the callback gave them. */
  extra: Record<string, string>;
}

export interface PendingLoopbackSignIn {
  /** The authorize page to open in the user's browser. */
  url: string;
  /** Settles on the first callback carrying our state (or the timeout); the loopback server is closed either way. */
  grant: Promise<LoopbackGrant>;
}

/** "QuickBooks’", "Google’s". */
const possessive = (name: string): string => (name.endsWith('s') ? `${name}’` : `${name}’s`);
const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * Authorization code with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252): a one-shot
 * server on 127.0.0.1 at a random port waits for the /callback that carries the `state` it sent,
 * and closes. Any local program can reach that port, so a callback with another state is answered
 * (400) and otherwise ignored: it must not be able to end, or decide, the user's sign-in. Nothing
 * it answers the browser echoes what the browser sent.
 */
export async function startLoopbackSignIn(provider: LoopbackProvider, timeoutMs = SIGN_IN_TIMEOUT_MS): Promise<PendingLoopbackSignIn> {
  const { name, errorCode, required = {} } = provider;
  const state = base64url(randomBytes(24));
  const codeVerifier = base64url(randomBytes(48));
  const codeChallenge = base64url(createHash('sha256').update(codeVerifier).digest());
  let settle: { resolve: (grant: LoopbackGrant) => void; reject: (error: AppError) => void };
  const grant = new Promise<LoopbackGrant>((resolve, reject) => (settle = { resolve, reject }));
  let redirectUri = '';
  let forged = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') return page(res, 404, 'Not found.');
    const params = url.searchParams;
    if (!sameState(params.get('state'), state)) {
      forged += 1;
      return page(
        res,
        400,
        `This sign-in answer was not for Inflow’s request, so Inflow ignored it. If you are signing in, finish in the ${name} tab Inflow opened.`,
      );
    }
    const error = params.get('error');
    if (error) {
      page(res, 400, `${name} was not connected. You can close this tab.`);
      return finish(
        new AppError(
          errorCode,
          error === 'access_denied'
            ? `${name} was not connected: the sign-in was cancelled or access was denied.`
            : `${name} refused the sign-in (${error.slice(0, 100)}).`,
        ),
      );
    }
    const code = params.get('code');
    const extra = Object.fromEntries(Object.keys(required).map((key) => [key, params.get(key) ?? '']));
    if (!code || Object.entries(required).some(([key, pattern]) => !pattern.test(extra[key]!))) {
      page(res, 400, `The answer from ${name} was incomplete. Start again from Inflow’s settings.`);
      return finish(
        new AppError(
          errorCode,
          `${possessive(name)} sign-in answer had no authorization code${Object.keys(required).length > 0 ? ' or company id' : ''}. Connect again.`,
        ),
      );
    }
    page(res, 200, `${name} is connected to Inflow. You can close this tab.`);
    finish({ code, redirectUri, codeVerifier, extra });
  });
  const timer = setTimeout(
    () =>
      finish(
        new AppError(
          errorCode,
          `No answer from ${possessive(name)} sign-in within ${Math.round(timeoutMs / 60_000)} minutes${
            forged > 0 ? ` (${forged} answer${forged === 1 ? '' : 's'} not carrying Inflow’s state refused)` : ''
          }. Connect again.`,
        ),
      ),
    timeoutMs,
  );
  function finish(outcome: LoopbackGrant | AppError): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    if (outcome instanceof AppError) settle.reject(outcome);
    else settle.resolve(outcome);
  }
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const url = new URL(provider.authorizeUrl);
  for (const [key, value] of Object.entries({
    ...provider.params,
    response_type: 'code',
    redirect_uri: redirectUri,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(key, value);
  return { url: url.href, grant };
}

function sameState(presented: string | null, expected: string): boolean {
  const x = Buffer.from(presented ?? '');
  const y = Buffer.from(expected);
  return x.length === y.length && timingSafeEqual(x, y);
}

function page(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>Inflow</title><p style="font:16px system-ui;margin:3rem">${message}</p>`);
}
