import { AppError } from '../../../shared/errors';
import type { ImapSettings } from '../../../shared/inbox';
import { GOOGLE_AUTHORIZE_URL, GOOGLE_TOKEN_URL, MICROSOFT_LOGIN_ORIGIN } from '../../../shared/mailbox-oauth-endpoints';
import type { LoopbackGrant, LoopbackProvider } from '../oauth-loopback';
import type { MailboxTokens } from '../../../shared/mailbox-tokens';
import { serverOf } from './mailbox-tokens';

type OAuthSettings = ImapSettings & { signIn: 'google' | 'microsoft' };

/**
 * Google's and Microsoft's endpoints and scopes for IMAP over OAuth, as each documents it for
 * installed apps: Google "Using OAuth 2.0 for Mobile & Desktop Apps" (scope https://mail.google.com/,
 * `access_type=offline` for a refresh token); Microsoft identity platform v2.0 "Authenticate an IMAP
 * connection using OAuth" (scope IMAP.AccessAsUser.All with offline_access).
 */
const PROVIDERS = {
  google: {
    name: 'Google',
    authorizeUrl: () => GOOGLE_AUTHORIZE_URL,
    tokenUrl: () => GOOGLE_TOKEN_URL,
    scope: 'https://mail.google.com/',
    // Without prompt=consent Google gives a refresh token only the first time an account consents.
    extra: { access_type: 'offline', prompt: 'consent' },
  },
  microsoft: {
    name: 'Microsoft',
    authorizeUrl: (tenant: string) => `${MICROSOFT_LOGIN_ORIGIN}/${tenant}/oauth2/v2.0/authorize`,
    tokenUrl: (tenant: string) => `${MICROSOFT_LOGIN_ORIGIN}/${tenant}/oauth2/v2.0/token`,
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    extra: {},
  },
} as const;

/** Refreshed this long before it expires, so a login never starts with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 30_000;

export function isOAuth(settings: ImapSettings): settings is OAuthSettings {
  return settings.signIn !== 'password';
}

export const providerName = (settings: OAuthSettings): string => PROVIDERS[settings.signIn].name;

/** The loopback sign-in's request to the provider's consent page. */
export function loopbackProvider(settings: OAuthSettings): LoopbackProvider {
  const provider = PROVIDERS[settings.signIn];
  if (!settings.clientId) throw new AppError('INVALID_INPUT', `Enter the client id of the app you registered with ${provider.name} for Inflow, and save.`);
  return {
    name: provider.name,
    authorizeUrl: settings.authUrl || provider.authorizeUrl(settings.tenant),
    errorCode: 'MAILBOX_FAILED',
    params: { client_id: settings.clientId, scope: provider.scope, login_hint: settings.user, ...provider.extra },
  };
}

/** Whether the access token must be renewed before it is used. */
export function needsRefresh(tokens: MailboxTokens, now: Date): boolean {
  return tokens.accessToken === '' || Date.parse(tokens.accessTokenExpiresAt) - now.getTime() <= REFRESH_MARGIN_MS;
}

/** Trades the authorization code (and the PKCE verifier) for the first tokens. */
export function exchangeCode(settings: OAuthSettings, grant: LoopbackGrant, now: Date): Promise<MailboxTokens> {
  return tokenRequest(
    settings,
    { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier },
    '',
    now,
  );
}

/** A new access token; Microsoft also rotates the refresh token, and the new one is the one to keep. */
export function refreshTokens(settings: OAuthSettings, tokens: MailboxTokens, now: Date): Promise<MailboxTokens> {
  return tokenRequest(settings, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, tokens.refreshToken, now);
}

/** The error for a grant the provider no longer honours: consent withdrawn, password changed, or unused too long. */
export function reconnectError(settings: OAuthSettings): AppError {
  const name = providerName(settings);
  return new AppError(
    'MAILBOX_FAILED',
    `${name} no longer accepts Inflow’s sign-in to ${settings.user}: the access was withdrawn or has expired. Settings → Inbox → Sign in with ${name}.`,
    { reconnect: true },
  );
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/**
 * One call to the token endpoint, the client identified in the form (public clients: no HTTP Basic).
 * Sent once: a code is single-use, and a refresh whose answer was lost cannot be replayed safely.
 */
async function tokenRequest(settings: OAuthSettings, grant: Record<string, string>, previousRefresh: string, now: Date): Promise<MailboxTokens> {
  const provider = PROVIDERS[settings.signIn];
  const url = settings.tokenUrl || provider.tokenUrl(settings.tenant);
  const form = new URLSearchParams({ client_id: settings.clientId, ...grant });
  if (settings.clientSecret) form.set('client_secret', settings.clientSecret);
  if (settings.signIn === 'microsoft') form.set('scope', provider.scope);
  let status: number;
  let answer: TokenAnswer;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    });
    status = response.status;
    answer = ((await response.json().catch(() => ({}))) ?? {}) as TokenAnswer;
  } catch (error) {
    throw new AppError(
      'OFFLINE',
      `${provider.name}’s sign-in server could not be reached (${(error as Error).name}). Inflow tries again when the network is back.`,
    );
  }
  if (answer.error === 'invalid_grant') throw reconnectError(settings);
  if (answer.error === 'invalid_client' || answer.error === 'unauthorized_client' || status === 401) {
    throw new AppError('MAILBOX_FAILED', `${provider.name} refused the app’s client id or client secret: check them in Settings → Inbox.`);
  }
  if (status !== 200 || typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
    throw new AppError(
      'MAILBOX_FAILED',
      `${provider.name}’s token endpoint answered HTTP ${status}${typeof answer.error === 'string' ? ` (${answer.error.slice(0, 100)})` : ''} without a token.`,
    );
  }
  const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : previousRefresh;
  if (!refreshToken)
    throw new AppError('MAILBOX_FAILED', `${provider.name} gave no refresh token, so Inflow could not stay signed in. Sign in again and allow offline access.`);
  return {
    for: serverOf(settings),
    accessToken: answer.access_token,
    refreshToken,
    accessTokenExpiresAt: new Date(now.getTime() + answer.expires_in * 1000).toISOString(),
  };
}
