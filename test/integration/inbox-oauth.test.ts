import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startDovecot, withImap, type Dovecot } from '../helpers/dovecot';
import { consentInBrowser, startOAuthServer, type OAuthServer } from '../helpers/oauth-server';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The mailbox signed in with OAuth: the PKCE loopback sign-in against an authorization-server
 * stand-in (Google's and Microsoft's documented token endpoints), then IMAP to Dovecot whose oauth2
 * passdb checks each XOAUTH2/OAUTHBEARER token at the stand-in's tokeninfo. Refresh before expiry
 * and after a refused login, a clear error once consent is withdrawn, and tokens that follow their server.
 */
const message = (n: number) =>
  `From: Jane <jane@acme.example>\r\nTo: ar@inflow-test.example\r\nSubject: Paid ${n}\r\nMessage-ID: <oauth-${n}-${Math.random()}@acme.example>\r\n\r\nPaid yesterday.\r\n`;

for (const flavour of ['google', 'microsoft'] as const) {
  describe(`mailbox sign-in with ${flavour}`, () => {
    let oauth: OAuthServer;
    let dovecot: Dovecot;
    let t: TempCore;
    let now: Date;
    const consented: Promise<number>[] = [];
    let authorizePages: URL[] = [];

    beforeAll(async () => {
      oauth = await startOAuthServer(flavour);
      // Outlook's IMAP offers XOAUTH2 only; Gmail's both (imapflow then speaks OAUTHBEARER).
      dovecot = await startDovecot(undefined, undefined, {
        tokeninfoUrl: oauth.tokeninfoUrl,
        mechanisms: flavour === 'google' ? ['xoauth2', 'oauthbearer'] : ['xoauth2'],
      });
    });
    afterAll(async () => {
      dovecot.stop();
      await oauth.close();
    });
    beforeEach(async () => {
      now = new Date('2026-12-06T09:00:00Z');
      t = tempCore(() => now, { watchInbox: false });
      authorizePages = [];
      t.core.onEvent((event) => {
        if (event.type !== 'browser.open') return;
        authorizePages.push(new URL(event.url));
        consented.push(consentInBrowser(event.url));
      });
      oauth.grants.length = 0;
      oauth.authorize = 'grant';
      await t.core.call('inbox.settings.save', {
        host: '127.0.0.1',
        port: dovecot.port,
        security: 'none',
        user: dovecot.user,
        signIn: flavour,
        clientId: oauth.clientId,
        ...(flavour === 'google' ? { clientSecret: oauth.clientSecret } : { tenant: 'organizations' }),
        authUrl: oauth.authorizeUrl,
        tokenUrl: oauth.tokenUrl,
      });
    });
    afterEach(() => t.dispose());

    const signIn = () => t.core.call('inbox.oauth.signIn', {});
    const deliver = (n: number) => withImap(dovecot, (client) => client.append('INBOX', message(n)));
    const storedTokens = () => t.query<{ value: string }>("SELECT value FROM settings WHERE key = 'imapTokens'")[0]?.value ?? null;

    it('signs in through the loopback with PKCE, reads the mailbox with the token, and never shows the token', async () => {
      expect(await signIn()).toEqual({ signedInAs: dovecot.user });
      const params = Object.fromEntries(authorizePages[0]!.searchParams);
      expect(params).toMatchObject({ client_id: oauth.clientId, response_type: 'code', code_challenge_method: 'S256', login_hint: dovecot.user });
      expect(params.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect(params.scope).toBe(flavour === 'google' ? 'https://mail.google.com/' : 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access');
      if (flavour === 'google') expect(params).toMatchObject({ access_type: 'offline', prompt: 'consent' });
      expect(await consented[consented.length - 1]).toBe(200);
      expect(oauth.grants).toEqual(['authorization_code']);
      await deliver(1);
      expect(await t.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1 });
      const view = await t.core.call('inbox.settings.get', {});
      expect(view).toMatchObject({ signIn: flavour, oauth: { signedInAs: dovecot.user, reconnect: false }, hasClientSecret: flavour === 'google' });
      const tokens = JSON.parse(storedTokens()!) as { accessToken: string; refreshToken: string };
      expect(JSON.stringify(view)).not.toContain(tokens.accessToken);
      const audit = JSON.stringify(t.query('SELECT detail FROM audit_log'));
      for (const secret of [tokens.accessToken, tokens.refreshToken, ...(flavour === 'google' ? [oauth.clientSecret] : [])])
        expect(audit).not.toContain(secret);
    });

    it('refreshes the token shortly before it expires, and after the server refuses it', async () => {
      await signIn();
      // Whatever earlier tests left in the mailbox is read first: each fetch below brings one new message.
      await t.core.call('inbox.fetch', {});
      const first = JSON.parse(storedTokens()!) as { refreshToken: string };
      now = new Date(now.getTime() + 58 * 60_000);
      await deliver(2);
      expect(await t.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1 });
      expect(oauth.grants).toEqual(['authorization_code', 'refresh_token']);
      const second = JSON.parse(storedTokens()!) as { refreshToken: string };
      // Microsoft rotates the refresh token and the new one is kept; Google keeps the first one.
      if (flavour === 'microsoft') expect(second.refreshToken).not.toBe(first.refreshToken);
      else expect(second.refreshToken).toBe(first.refreshToken);
      // Well within its hour by Inflow's clock, but no longer accepted: one refresh, one more login.
      oauth.expireAccessTokens();
      await deliver(3);
      expect(await t.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1 });
      expect(oauth.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    });

    it('says to sign in again once consent is withdrawn, and stops asking the provider', async () => {
      await signIn();
      oauth.revoke();
      const failure = {
        code: 'MAILBOX_FAILED',
        details: { reconnect: true },
        message: expect.stringMatching(
          /no longer accepts Inflow’s sign-in to ar@inflow-test\.example: the access was withdrawn or has expired\. Settings → Inbox → Sign in with/,
        ),
      };
      await expect(t.core.call('inbox.fetch', {})).rejects.toMatchObject(failure);
      expect(await t.core.call('inbox.settings.get', {})).toMatchObject({ oauth: { signedInAs: null, reconnect: true } });
      const asked = oauth.grants.length;
      await expect(t.core.call('inbox.fetch', {})).rejects.toMatchObject(failure);
      expect(oauth.grants).toHaveLength(asked);
      // Signing in again mends it.
      await signIn();
      expect(await t.core.call('inbox.settings.get', {})).toMatchObject({ oauth: { signedInAs: dovecot.user, reconnect: false } });
    });

    it('forgets the tokens when the server or login changes, even when changed back', async () => {
      await signIn();
      const settings = (await t.core.call('inbox.settings.get', {}))!;
      const { hasPassword: _p, hasClientSecret: _s, oauth: _o, ...fields } = settings;
      const moved = await t.core.call('inbox.settings.save', { ...fields, host: 'localhost' });
      expect(moved).toMatchObject({ oauth: { signedInAs: null, reconnect: false }, hasClientSecret: false });
      expect(storedTokens()).toBe('null');
      await t.core.call('inbox.settings.save', { ...fields });
      await expect(t.core.call('inbox.fetch', {})).rejects.toMatchObject({
        code: 'MAILBOX_FAILED',
        message: expect.stringMatching(/not signed in to ar@inflow-test\.example yet/),
      });
      expect(oauth.grants).toEqual(['authorization_code']);
    });

    it('a denied consent ends the sign-in with the provider’s words and stores nothing', async () => {
      oauth.authorize = 'deny';
      await expect(signIn()).rejects.toMatchObject({
        code: 'MAILBOX_FAILED',
        message: expect.stringMatching(/was not connected: the sign-in was cancelled or access was denied/),
      });
      expect(oauth.grants).toEqual([]);
      expect(storedTokens()).toBeNull();
    });
  });
}
