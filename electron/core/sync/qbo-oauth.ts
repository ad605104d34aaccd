import { log, safeError } from '../../log/log';
import { AppError } from '../../../shared/errors';
import { SIGN_IN_TIMEOUT_MS, startLoopbackSignIn } from '../oauth-loopback';
import { INTUIT_AUTHORIZE_URL, INTUIT_REVOKE_URL, INTUIT_TOKEN_URL } from '../../../shared/qbo-endpoints';
import type { ErpConnection } from '../../../shared/sync';
import { requestJson } from './erp-http';
import type { QboTokens } from '../../../shared/qbo-tokens';

const SCOPE = 'com.intuit.quickbooks.accounting';

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
  grant: Promise<AuthorizationGrant>;
}

/** QuickBooks' sign-in through the PKCE loopback (oauth-loopback.ts); Intuit's redirect also names the company (realmId). */
export async function startSignIn(connection: ErpConnection, timeoutMs = SIGN_IN_TIMEOUT_MS): Promise<PendingSignIn> {
  if (!connection.clientId) throw new AppError('INVALID_INPUT', 'Enter the client id of your Intuit app (Intuit Developer → Keys & credentials).');
  const pending = await startLoopbackSignIn(
    {
      name: 'QuickBooks',
      authorizeUrl: connection.authUrl || INTUIT_AUTHORIZE_URL,
      params: { client_id: connection.clientId, scope: SCOPE },
      errorCode: 'SYNC_FAILED',
      required: { realmId: /^\d{1,30}$/ },
    },
    timeoutMs,
  );
  return { url: pending.url, grant: pending.grant.then(({ extra, ...grant }) => ({ ...grant, realmId: extra.realmId! })) };
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

/** Trades the authorization code (and the PKCE verifier) for the first tokens. */
export function exchangeCode(connection: ErpConnection, grant: AuthorizationGrant, now: Date, signal: AbortSignal): Promise<QboTokens> {
  return tokenRequest(
    connection,
    {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.codeVerifier,
    },
    grant.realmId,
    now,
    signal,
  );
}

/** A new access token; Intuit may rotate the refresh token too, and the new one is the one to keep. */
export function refreshTokens(connection: ErpConnection, tokens: QboTokens, now: Date, signal: AbortSignal): Promise<QboTokens> {
  return tokenRequest(connection, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, tokens.realmId, now, signal).then((fresh) => ({
    ...fresh,
    companyName: tokens.companyName,
    seed: tokens.seed,
  }));
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
    const { status } = await requestJson(
      url,
      {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ token: tokens.refreshToken }),
      },
      signal,
      { retry: false },
    );
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
  const { status, body } = await requestJson(
    connection.tokenUrl || INTUIT_TOKEN_URL,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
    signal,
    { retry: false },
  );
  const answer = (body ?? {}) as TokenAnswer;
  if (answer.error === 'invalid_grant') {
    throw new AppError(
      'SYNC_FAILED',
      'Reconnect QuickBooks: Intuit no longer accepts Inflow’s sign-in (it expired or was revoked). Settings → ERP connection → Connect.',
      { reconnect: true },
    );
  }
  if (answer.error === 'invalid_client' || status === 401) {
    throw new AppError('SYNC_FAILED', 'Intuit refused the app’s client id or client secret: check them in Settings → ERP connection.');
  }
  if (status !== 200 || typeof answer.access_token !== 'string' || typeof answer.refresh_token !== 'string' || typeof answer.expires_in !== 'number') {
    throw new AppError(
      'SYNC_FAILED',
      `Intuit’s token endpoint answered HTTP ${status}${typeof answer.error === 'string' ? ` (${answer.error.slice(0, 100)})` : ''} without tokens.`,
    );
  }
  return {
    realmId,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    accessTokenExpiresAt: new Date(now.getTime() + answer.expires_in * 1000).toISOString(),
    companyName: '',
    seed: '',
  };
}
