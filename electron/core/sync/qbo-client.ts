import { AppError } from '../../../shared/errors';
import { INTUIT_API_URL } from '../../../shared/qbo-endpoints';
import type { ErpConnection } from '../../../shared/sync';
import { requestJson } from './erp-http';
import { refreshTokens } from './qbo-oauth';
import type { QboTokenStore } from './qbo-token-store';
import type { QboTokens } from '../../../shared/qbo-tokens';

/** The API version Inflow reads; Intuit requires 75 or later. */
export const MINOR_VERSION = '75';
/** An access token this close to its expiry is refreshed before use rather than sent to fail. */
const EXPIRY_MARGIN_MS = 60_000;

export type QboObject = Record<string, unknown>;

/** The accounting API of one QuickBooks company, signed in with the stored OAuth tokens. */
export interface QboClient {
  /** `GET /v3/company/{realmId}/{path}`; the answer's top-level object. */
  get(path: string, params: Record<string, string>, signal: AbortSignal): Promise<QboObject>;
  /** A write, sent once (see requestJson); `params` such as the `requestid` that makes a resend harmless. */
  post(path: string, body: QboObject, signal: AbortSignal, params?: Record<string, string>): Promise<QboObject>;
  realmId(): string;
}

/**
 * QuickBooks' error body. The accounting API spells it `Fault.Error[].Message`, but its gateway's 401
 * (and some other refusals) spell the same thing in lower case: `fault.error[].message`.
 */
interface FaultError {
  Message?: unknown;
  Detail?: unknown;
  message?: unknown;
  detail?: unknown;
}
type FaultBody = { Fault?: { Error?: FaultError[] }; fault?: { error?: FaultError[] } };

/**
 * Sends each request with the current access token. An expired token is refreshed first; a 401 is
 * refreshed once and retried once. A refresh token Intuit refuses is forgotten on the spot (unless
 * another request has stored a newer one meanwhile), so every later sync says "Reconnect QuickBooks"
 * at once instead of asking Intuit again.
 */
export function qboClient(connection: ErpConnection, store: QboTokenStore, clock: () => Date): QboClient {
  const base = (connection.baseUrl || INTUIT_API_URL).replace(/\/+$/, '');
  const tokens = (): QboTokens => {
    const stored = store.read();
    if (!stored) throw new AppError('CONFLICT', 'Connect QuickBooks first: Settings → ERP connection → Connect.');
    if (!stored.refreshToken)
      throw new AppError('SYNC_FAILED', 'Reconnect QuickBooks: Intuit no longer accepts Inflow’s sign-in. Settings → ERP connection → Connect.', {
        reconnect: true,
      });
    return stored;
  };
  const refresh = async (stale: QboTokens, signal: AbortSignal): Promise<QboTokens> => {
    try {
      const fresh = await refreshTokens(connection, stale, clock(), signal);
      store.save(fresh);
      return fresh;
    } catch (error) {
      if (!(error instanceof AppError) || !(error.details as { reconnect?: boolean } | undefined)?.reconnect) throw error;
      // Another request (a connection test during a sync) may have rotated the token first: use its tokens.
      const latest = store.read();
      if (latest?.refreshToken && latest.refreshToken !== stale.refreshToken) return latest;
      store.save({ ...stale, accessToken: '', refreshToken: '' });
      throw error;
    }
  };
  const send = async (
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    body: QboObject | undefined,
    signal: AbortSignal,
  ): Promise<QboObject> => {
    let current = tokens();
    if (Date.parse(current.accessTokenExpiresAt) - EXPIRY_MARGIN_MS <= clock().getTime()) current = await refresh(current, signal);
    const query = new URLSearchParams({ ...params, minorversion: MINOR_VERSION }).toString();
    const url = `${base}/v3/company/${encodeURIComponent(current.realmId)}/${path}?${query}`;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { authorization: `Bearer ${current.accessToken}`, accept: 'application/json', 'user-agent': 'Inflow' };
      if (body) headers['content-type'] = 'application/json';
      const answer = await requestJson(url, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) }, signal, { retry: method === 'GET' });
      if (answer.status === 401 && attempt === 0) {
        current = await refresh(current, signal);
        continue;
      }
      return checked(answer.status, answer.body, path);
    }
  };
  return {
    get: (path, params, signal) => send('GET', path, params, undefined, signal),
    post: (path, body, signal, params = {}) => send('POST', path, params, body, signal),
    realmId: () => tokens().realmId,
  };
}

/** QuickBooks reports errors as a Fault, usually with a 4xx status and sometimes inside a 200. */
function checked(status: number, body: unknown, path: string): QboObject {
  const fault = faultOf(body);
  if (status === 200 && body && typeof body === 'object' && !fault) return body as QboObject;
  const said = (fault && faultText(fault)) || `HTTP ${status}`;
  if (status === 401) throw new AppError('SYNC_FAILED', `Reconnect QuickBooks: it refused Inflow’s access token (${said}).`, { reconnect: true });
  if (status === 403)
    throw new AppError(
      'SYNC_FAILED',
      `QuickBooks does not let this sign-in read ${path.split('/')[0]} (${said}): sign in as a user with access to accounting.`,
    );
  throw new AppError('SYNC_FAILED', `QuickBooks could not answer ${path.split('?')[0]} (${said}).`, { status });
}

function faultOf(body: unknown): FaultError[] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { Fault, fault } = body as FaultBody;
  if (Fault) return Fault.Error ?? [];
  if (fault) return fault.error ?? [];
  return undefined;
}

/** Intuit's own words for the first error: its message and, when it gives one, the detail. */
function faultText(errors: readonly FaultError[]): string {
  const first = errors[0];
  if (!first) return '';
  const said = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  const message = said(first.Message) || said(first.message);
  const detail = said(first.Detail) || said(first.detail);
  return [message, detail].filter(Boolean).join(': ').slice(0, 300);
}
