import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A stored secret follows its server: a save that changes where it would go (host, port, security,
 * user; connector, URL, database, login, client id, auth and token URLs) forgets it unless a new one
 * comes with it. Against real servers, the second one standing for an attacker's: it never sees it.
 */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(async () => {
  await t.dispose();
});

/** Whatever "test" does against a server without a secret (refusal or error) is fine; only where the secret went matters. */
const settle = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('SMTP password', () => {
  let home: SmtpSink;
  let other: SmtpSink;
  const PASSWORD = 'mailbox-secret-4711';
  const smtp = (sink: SmtpSink, extra: Record<string, unknown> = {}) => ({
    host: sink.host,
    port: sink.port,
    security: 'none' as const,
    user: 'ar@northwind.example',
    fromAddress: 'ar@northwind.example',
    ...extra,
  });
  beforeEach(async () => {
    home = await startSmtpSink();
    // Another host on this machine's loopback range: a real host change, not just a port.
    other = await startSmtpSink({ host: '127.0.0.2' });
    await t.core.call('settings.smtp.save', { ...smtp(home), password: PASSWORD });
  });
  afterEach(async () => {
    await home.close();
    await other.close();
  });

  it('goes only to the server it was entered for', async () => {
    await t.core.call('settings.smtp.test', { to: 'me@northwind.example' });
    expect(home.auths).toEqual([{ username: 'ar@northwind.example', password: PASSWORD }]);

    // Only the host changes: the password stays behind.
    expect(await t.core.call('settings.smtp.save', smtp(other))).toMatchObject({ host: '127.0.0.2', hasPassword: false });
    await settle(t.core.call('settings.smtp.test', { to: 'me@northwind.example' }));
    expect(JSON.stringify(other.auths)).not.toContain(PASSWORD);

    // Back home, it is gone there too: it must be entered again.
    expect(await t.core.call('settings.smtp.save', smtp(home))).toMatchObject({ hasPassword: false });
  });

  it('is forgotten when the port, security or user changes; kept when only the sender changes', async () => {
    expect(await t.core.call('settings.smtp.save', smtp(home, { fromName: 'Dana Reyes' }))).toMatchObject({ hasPassword: true });
    expect(await t.core.call('settings.smtp.save', smtp(home, { user: 'collections@northwind.example' }))).toMatchObject({ hasPassword: false });
    await t.core.call('settings.smtp.save', { ...smtp(home), password: PASSWORD });
    expect(await t.core.call('settings.smtp.save', smtp(other, { host: home.host }))).toMatchObject({ hasPassword: false });
    await t.core.call('settings.smtp.save', { ...smtp(home), password: PASSWORD });
    expect(await t.core.call('settings.smtp.save', smtp(home, { port: other.port }))).toMatchObject({ hasPassword: false });
    await t.core.call('settings.smtp.save', { ...smtp(home), password: PASSWORD });
    expect(await t.core.call('settings.smtp.save', smtp(home, { security: 'starttls' }))).toMatchObject({ hasPassword: false });
  });

  it('a new password given with the new host is the one used there', async () => {
    await t.core.call('settings.smtp.save', { ...smtp(other), password: 'relay-two-secret' });
    await t.core.call('settings.smtp.test', { to: 'me@northwind.example' });
    expect(other.auths).toEqual([{ username: 'ar@northwind.example', password: 'relay-two-secret' }]);
  });

  it('refuses no security for a server on another machine', async () => {
    await expect(t.core.call('settings.smtp.save', smtp(home, { host: 'smtp.northwind.example' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/STARTTLS or TLS/),
    });
    for (const host of ['localhost', '127.0.0.1', '::1', '[::1]']) {
      await expect(t.core.call('settings.smtp.save', smtp(home, { host }))).resolves.toMatchObject({ host });
    }
  });
});

describe('Odoo password or API key', () => {
  let home: OdooServer;
  let other: OdooServer;
  const PASSWORD = 'odoo-secret-4711';
  const odoo = (server: OdooServer, extra: Record<string, unknown> = {}) => ({
    connector: 'odoo' as const,
    baseUrl: server.url,
    database: home.db,
    login: home.login,
    intervalMinutes: 0,
    ...extra,
  });
  beforeEach(async () => {
    home = await startOdooServer();
    other = await startOdooServer({ host: '127.0.0.2' });
    home.password = PASSWORD;
    await t.core.call('sync.connection.save', { ...odoo(home), apiKey: PASSWORD });
  });
  afterEach(async () => {
    await home.close();
    await other.close();
  });

  it('never reaches another server after only the URL changed', async () => {
    expect((await t.core.call('sync.test', {})).message).toMatch(/Connected to Odoo/);
    expect(home.wire.join('\n')).toContain(PASSWORD);
    expect(await t.core.call('sync.connection.save', odoo(other))).toMatchObject({ hasApiKey: false });
    await settle(t.core.call('sync.test', {}));
    expect(other.wire.length).toBeGreaterThan(0);
    expect(other.wire.join('\n')).not.toContain(PASSWORD);
  });

  it('is forgotten with a new database or login, kept for a new sync interval', async () => {
    expect(await t.core.call('sync.connection.save', odoo(home, { intervalMinutes: 15 }))).toMatchObject({ hasApiKey: true });
    expect(await t.core.call('sync.connection.save', odoo(home, { database: 'acme-copy' }))).toMatchObject({ hasApiKey: false });
    await t.core.call('sync.connection.save', { ...odoo(home), apiKey: PASSWORD });
    expect(await t.core.call('sync.connection.save', odoo(home, { login: 'someone-else' }))).toMatchObject({ hasApiKey: false });
  });

  it('needs https for a server on another machine', async () => {
    await expect(t.core.call('sync.connection.save', odoo(home, { baseUrl: 'http://acme.odoo.example' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(t.core.call('sync.connection.save', odoo(home, { baseUrl: 'https://ar:pw@acme.odoo.example' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(t.core.call('sync.connection.save', odoo(home, { baseUrl: 'https://acme.odoo.example' }))).resolves.toMatchObject({
      baseUrl: 'https://acme.odoo.example',
    });
  });
});

describe('QuickBooks client secret and tokens', () => {
  let intuit: QboServer;
  let other: QboServer;
  let refreshToken: string;
  const qbo = (server: QboServer, extra: Record<string, unknown> = {}) => ({
    connector: 'qbo' as const,
    baseUrl: server.url,
    tokenUrl: server.tokenUrl,
    authUrl: server.authorizeUrl,
    clientId: intuit.clientId,
    intervalMinutes: 0,
    ...extra,
  });
  const secrets = () => [intuit.clientSecret, Buffer.from(`${intuit.clientId}:${intuit.clientSecret}`).toString('base64'), refreshToken];
  beforeEach(async () => {
    intuit = await startQboServer();
    other = await startQboServer({ host: '127.0.0.2' });
    refreshToken = intuit.issueRefreshToken();
    await t.core.call('sync.connection.save', { ...qbo(intuit), apiKey: intuit.clientSecret, qboRefreshToken: refreshToken, qboRealmId: intuit.realmId });
  });
  afterEach(async () => {
    await intuit.close();
    await other.close();
  });

  it('a changed token URL gets neither the client secret nor the refresh token', async () => {
    expect((await t.core.call('sync.test', {})).message).toMatch(/Connected to QuickBooks company/);
    refreshToken = intuit.refreshToken;
    expect(await t.core.call('sync.connection.save', qbo(intuit, { tokenUrl: other.tokenUrl }))).toMatchObject({ hasApiKey: false });
    expect((await t.core.call('sync.status', {})).oauth).toEqual({ connectedAs: null, reconnect: false });
    await settle(t.core.call('sync.test', {}));
    for (const secret of secrets()) expect(other.wire.join('\n')).not.toContain(secret);
  });

  it('a changed API address gets no access token, a changed sign-in address no secret', async () => {
    await t.core.call('sync.test', {});
    const accessToken = /Bearer (\S+?)"/.exec(intuit.wire.find((line) => line.includes('Bearer'))!)![1]!;
    await t.core.call('sync.connection.save', qbo(other, { tokenUrl: intuit.tokenUrl, authUrl: intuit.authorizeUrl }));
    await settle(t.core.call('sync.test', {}));
    for (const secret of [...secrets(), accessToken]) expect(other.wire.join('\n')).not.toContain(secret);
    await t.core.call('sync.connection.save', { ...qbo(intuit), apiKey: intuit.clientSecret });
    expect(await t.core.call('sync.connection.save', qbo(intuit, { authUrl: other.authorizeUrl }))).toMatchObject({ hasApiKey: false });
  });

  it('a new company (realm) comes with its own refresh token; the old one is not kept', async () => {
    const fresh = intuit.issueRefreshToken();
    await t.core.call('sync.connection.save', { ...qbo(intuit), qboRefreshToken: fresh, qboRealmId: '1234567890' });
    const stored = JSON.parse(t.query<{ value: string }>("SELECT value FROM settings WHERE key = 'qboTokens'")[0]!.value) as {
      refreshToken: string;
      realmId: string;
    };
    expect(stored).toMatchObject({ refreshToken: fresh, realmId: '1234567890' });
  });

  it("reaches only Intuit's addresses, or this machine", async () => {
    for (const field of ['baseUrl', 'authUrl', 'tokenUrl']) {
      await expect(t.core.call('sync.connection.save', qbo(intuit, { [field]: 'https://intuit.evil.example/oauth' }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await expect(
      t.core.call(
        'sync.connection.save',
        qbo(intuit, {
          baseUrl: 'https://sandbox-quickbooks.api.intuit.com',
          authUrl: 'https://appcenter.intuit.com/connect/oauth2',
          tokenUrl: '',
        }),
      ),
    ).resolves.toMatchObject({ baseUrl: 'https://sandbox-quickbooks.api.intuit.com' });
  });
});
