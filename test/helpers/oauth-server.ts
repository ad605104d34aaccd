import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process OAuth 2.0 authorization server for a mailbox, speaking what Google and Microsoft
 * document for installed apps:
 * - `GET /authorize` (Google: accounts.google.com/o/oauth2/v2/auth; Microsoft: /{tenant}/oauth2/v2.0/authorize):
 *   the consent page, which here grants at once and redirects to `redirect_uri` with `code` and `state`
 *   (or `error=access_denied`). Only an S256 `code_challenge` is accepted.
 * - `POST /token` (form body, client id in the form; Google also requires its installed-app
 *   `client_secret`): `authorization_code` checks the PKCE verifier and the redirect URI;
 *   `refresh_token` issues a new access token; Microsoft's flavour also rotates the refresh token.
 *   A revoked or unknown grant answers 400 `invalid_grant` as both document.
 * - `GET /tokeninfo?access_token=` (Google's oauth2/v3/tokeninfo): the token's `email`, `scope`,
 *   `exp`, `expires_in`; 400 `invalid_token` for a token that is unknown, expired or revoked. Dovecot's
 *   oauth2 passdb asks it whether an XOAUTH2/OAUTHBEARER login's token is good.
 */
export interface OAuthServer {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  tokeninfoUrl: string;
  clientId: string;
  clientSecret: string;
  /** The mailbox the consent is given for. */
  email: string;
  /** Every token request's grant type, in order. */
  grants: string[];
  /** How the consent page answers. */
  authorize: 'grant' | 'deny';
  /** Every access token stops working at once (the provider's hour is up, or it was invalidated). */
  expireAccessTokens(): void;
  /** The user withdrew consent (Google account → Security → third-party access; Entra → revoke sessions). */
  revoke(): void;
  close(): Promise<void>;
}

const HOUR_S = 3600;

export async function startOAuthServer(flavour: 'google' | 'microsoft', email = 'ar@inflow-test.example'): Promise<OAuthServer> {
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const access = new Map<string, { expiresAt: number; scope: string }>();
  const refresh = new Map<string, string>();
  const answer = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const issue = (scope: string, refreshToken: string | null): Record<string, unknown> => {
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    access.set(token, { expiresAt: Date.now() + HOUR_S * 1000, scope });
    const rotated = refreshToken === null || flavour === 'microsoft' ? `1//${randomBytes(24).toString('base64url')}` : null;
    if (refreshToken && rotated) refresh.delete(refreshToken);
    if (rotated) refresh.set(rotated, scope);
    return { access_token: token, token_type: 'Bearer', expires_in: HOUR_S, scope, ...(rotated ? { refresh_token: rotated } : {}) };
  };
  const invalidGrant =
    flavour === 'google'
      ? { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }
      : { error: 'invalid_grant', error_description: 'AADSTS50173: The provided grant has expired due to it being revoked.', error_codes: [50173] };

  const server: OAuthServer = {
    url: '',
    authorizeUrl: '',
    tokenUrl: '',
    tokeninfoUrl: '',
    clientId: `${flavour}-client.apps.example`,
    clientSecret: flavour === 'google' ? 'GOCSPX-installed-app' : '',
    email,
    grants: [],
    authorize: 'grant',
    expireAccessTokens: () => access.clear(),
    revoke: () => {
      access.clear();
      refresh.clear();
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await body(req));
    const grant = form.get('grant_type') ?? '';
    server.grants.push(grant);
    if (form.get('client_id') !== server.clientId || (flavour === 'google' && form.get('client_secret') !== server.clientSecret)) {
      return answer(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    }
    if (grant === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!pending || pending.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        return answer(res, 400, invalidGrant);
      }
      return answer(res, 200, issue(pending.scope, null));
    }
    if (grant === 'refresh_token') {
      const given = form.get('refresh_token') ?? '';
      const scope = refresh.get(given);
      if (scope === undefined) return answer(res, 400, invalidGrant);
      return answer(res, 200, issue(scope, given));
    }
    answer(res, 400, { error: 'unsupported_grant_type' });
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', server.url);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const params = url.searchParams;
      const redirect = new URL(params.get('redirect_uri') ?? '');
      if (params.get('client_id') !== server.clientId || params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
        return answer(res, 400, { error: 'invalid_request' });
      }
      redirect.searchParams.set('state', params.get('state') ?? '');
      if (server.authorize === 'deny') redirect.searchParams.set('error', 'access_denied');
      else {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, { challenge: params.get('code_challenge')!, redirectUri: params.get('redirect_uri')!, scope: params.get('scope') ?? '' });
        redirect.searchParams.set('code', code);
      }
      res.writeHead(302, { location: redirect.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') return void token(req, res);
    if (req.method === 'GET' && url.pathname === '/tokeninfo') {
      const known = access.get(url.searchParams.get('access_token') ?? '');
      if (!known || known.expiresAt <= Date.now()) return answer(res, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
      return answer(res, 200, {
        azp: server.clientId,
        aud: server.clientId,
        scope: known.scope,
        exp: String(Math.floor(known.expiresAt / 1000)),
        expires_in: String(Math.floor((known.expiresAt - Date.now()) / 1000)),
        email,
        email_verified: 'true',
        access_type: 'offline',
      });
    }
    answer(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server.authorizeUrl = `${server.url}/authorize`;
  server.tokenUrl = `${server.url}/token`;
  server.tokeninfoUrl = `${server.url}/tokeninfo?access_token=`;
  return server;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What the user's browser does with the authorize page: follows it to the loopback redirect. */
export async function consentInBrowser(authorizePageUrl: string): Promise<number> {
  const consent = await fetch(authorizePageUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`the consent page answered ${consent.status} without a redirect`);
  return (await fetch(location)).status;
}
