import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { log, safeError } from '../../log/log';
import { AppError } from '../../../shared/errors';
import { INTUIT_AUTHORIZE_URL, INTUIT_REVOKE_URL, INTUIT_TOKEN_URL } from '../../../shared/qbo-endpoints';
import type { ErpConnection } from '../../../shared/sync';
import { requestJson } from './erp-http';
import type { QboTokens } from '../../../shared/qbo-tokens';

const SCOPE = 'com.intuit.quickbooks.accounting';
/** Long enough to sign in and pick a company; the loopback port closes after it. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** What Intuit's redirect brings back to the loopback address. */
export interface AuthorizationGrant {
  code: string;
  realmId: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface PendingSignIn {
  /** The authorize page to open in the user's browser. */
  url: string;
  /** Settles on the first callback carrying our state (or the timeout); the loopback server is closed either way. */
  grant: Promise<AuthorizationGrant>;
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * Authorization code with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252): a one-shot
 * server on 127.0.0.1 at a random port waits for the /callback that carries the `state` it sent,
 * and closes. Any local program can reach that port, so a callback with another state is answered
 * (400) and otherwise ignored: it must not be able to end, or decide, the user's sign-in. Nothing
 * it answers the browser echoes what the browser sent.
 */
export async function startSignIn(connection: ErpConnection, timeoutMs = SIGN_IN_TIMEOUT_MS): Promise<PendingSignIn> {
  if (!connection.clientId) throw new AppError('INVALID_INPUT', 'Enter the client id of your Intuit app (Intuit Developer → Keys & credentials).');
  const state = base64url(randomBytes(24));
  const codeVerifier = base64url(randomBytes(48));
  const codeChallenge = base64url(createHash('sha256').update(codeVerifier).digest());
  let settle: { resolve: (grant: AuthorizationGrant) => void; reject: (error: AppError) => void };
  const grant = new Promise<AuthorizationGrant>((resolve, reject) => (settle = { resolve, reject }));
  let redirectUri = '';
  let forged = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') return page(res, 404, 'Not found.');
    const params = url.searchParams;
    if (!sameState(params.get('state'), state)) {
      forged += 1;
      return page(res, 400, 'This sign-in answer was not for Inflow’s request, so Inflow ignored it. If you are signing in, finish in the QuickBooks tab Inflow opened.');
    }
    const error = params.get('error');
    if (error) {
      page(res, 400, 'QuickBooks was not connected. You can close this tab.');
      return finish(new AppError('SYNC_FAILED', error === 'access_denied'
        ? 'QuickBooks was not connected: the sign-in was cancelled or access was denied.'
        : `QuickBooks refused the sign-in (${error.slice(0, 100)}).`));
    }
    const code = params.get('code');
    const realmId = params.get('realmId');
    if (!code || !realmId || !/^\d{1,30}$/.test(realmId)) {
      page(res, 400, 'The answer from QuickBooks was incomplete. Start again from Inflow’s settings.');
      return finish(new AppError('SYNC_FAILED', 'QuickBooks’ sign-in answer had no authorization code or company id. Connect again.'));
    }
    page(res, 200, 'QuickBooks is connected to Inflow. You can close this tab.');
    finish({ code, realmId, redirectUri, codeVerifier });
  });
  const timer = setTimeout(() => finish(new AppError('SYNC_FAILED', `No answer from QuickBooks’ sign-in within ${Math.round(timeoutMs / 60_000)} minutes${
    forged > 0 ? ` (${forged} answer${forged === 1 ? '' : 's'} not carrying Inflow’s state refused)` : ''}. Connect again.`)), timeoutMs);
  function finish(outcome: AuthorizationGrant | AppError): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    if (outcome instanceof AppError) settle.reject(outcome);
    else settle.resolve(outcome);
  }
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const url = new URL(connection.authUrl || INTUIT_AUTHORIZE_URL);
  for (const [name, value] of Object.entries({
    client_id: connection.clientId, response_type: 'code', scope: SCOPE, redirect_uri: redirectUri, state,
    code_challenge: codeChallenge, code_challenge_method: 'S256',
  })) url.searchParams.set(name, value);
  return { url: url.href, grant };
}

function sameState(presented: string | null, expected: string): boolean {
  const x = Buffer.from(presented ?? '');
  const y = Buffer.from(expected);
  return x.length === y.length && timingSafeEqual(x, y);
}

function page(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
  res.end(`<!doctype html><meta charset="utf-8"><title>Inflow</title><p style="font:16px system-ui;margin:3rem">${message}</p>`);
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

/** Trades the authorization code (and the PKCE verifier) for the first tokens. */
export function exchangeCode(connection: ErpConnection, grant: AuthorizationGrant, now: Date, signal: AbortSignal): Promise<QboTokens> {
  return tokenRequest(connection, {
    grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier,
  }, grant.realmId, now, signal);
}

/** A new access token; Intuit may rotate the refresh token too, and the new one is the one to keep. */
export function refreshTokens(connection: ErpConnection, tokens: QboTokens, now: Date, signal: AbortSignal): Promise<QboTokens> {
  return tokenRequest(connection, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, tokens.realmId, now, signal)
    .then((fresh) => ({ ...fresh, companyName: tokens.companyName, seed: tokens.seed }));
}

/**
 * Asks Intuit to revoke the refresh token (and with it every access token it issued), so a
 * disconnected Inflow holds no working grant anywhere. Best effort, once: disconnecting works
 * offline, and the answer says whether Intuit confirmed. A connection whose token endpoint is
 * overridden (a test server, a proxy) revokes on the same host.
 */
export async function revokeTokens(connection: ErpConnection, tokens: QboTokens, signal: AbortSignal): Promise<boolean> {
  const url = connection.tokenUrl ? new URL('/v2/oauth2/tokens/revoke', connection.tokenUrl).href : INTUIT_REVOKE_URL;
  const basic = Buffer.from(`${connection.clientId}:${connection.apiKey}`).toString('base64');
  try {
    const { status } = await requestJson(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.refreshToken }),
    }, signal, { retry: false });
    return status === 200;
  } catch (error) {
    // Disconnecting goes on offline; the answer tells the collector to revoke it in QuickBooks.
    log.warn('sync.qbo.revoke-failed', safeError(error));
    return false;
  }
}

/**
 * One call to the token endpoint: client credentials as HTTP Basic, the grant as a form. Sent once
 * (a code is single-use, and a refresh whose answer was lost cannot be replayed safely).
 */
async function tokenRequest(connection: ErpConnection, form: Record<string, string>, realmId: string, now: Date, signal: AbortSignal): Promise<QboTokens> {
  const basic = Buffer.from(`${connection.clientId}:${connection.apiKey}`).toString('base64');
  const { status, body } = await requestJson(connection.tokenUrl || INTUIT_TOKEN_URL, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  }, signal, { retry: false });
  const answer = (body ?? {}) as TokenAnswer;
  if (answer.error === 'invalid_grant') {
    throw new AppError('SYNC_FAILED', 'Reconnect QuickBooks: Intuit no longer accepts Inflow’s sign-in (it expired or was revoked). Settings → ERP connection → Connect.', { reconnect: true });
  }
  if (answer.error === 'invalid_client' || status === 401) {
    throw new AppError('SYNC_FAILED', 'Intuit refused the app’s client id or client secret: check them in Settings → ERP connection.');
  }
  if (status !== 200 || typeof answer.access_token !== 'string' || typeof answer.refresh_token !== 'string' || typeof answer.expires_in !== 'number') {
    throw new AppError('SYNC_FAILED', `Intuit’s token endpoint answered HTTP ${status}${typeof answer.error === 'string' ? ` (${answer.error.slice(0, 100)})` : ''} without tokens.`);
  }
  return {
    realmId, accessToken: answer.access_token, refreshToken: answer.refresh_token,
    accessTokenExpiresAt: new Date(now.getTime() + answer.expires_in * 1000).toISOString(), companyName: '', seed: '',
  };
}
