import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core';

/** The mailbox's password follows its server (electron/core/server-secret.ts), as the SMTP password and the ERP key do. */
let t: TempCore;
beforeEach(() => {
  t = tempCore(undefined, { watchInbox: false });
});
afterEach(() => t.dispose());

const account = { host: 'imap.northwind.example', port: 993, security: 'tls' as const, user: 'ar@northwind.example' };
const storedPassword = () => t.query<{ value: string }>("SELECT value FROM settings WHERE key = 'imap'")[0]?.value ?? '';

describe('inbox.settings.save', () => {
  it('keeps the stored password for the same server and login, and forgets it for another', async () => {
    expect(await t.core.call('inbox.settings.save', { ...account, password: 'app-password-1' })).toMatchObject({ hasPassword: true });
    expect(await t.core.call('inbox.settings.save', { ...account, folder: 'Replies' })).toMatchObject({ folder: 'Replies', hasPassword: true });
    for (const [field, value] of [
      ['host', 'imap.attacker.example'],
      ['port', 143],
      ['security', 'starttls'],
      ['user', 'other@northwind.example'],
    ] as const) {
      await t.core.call('inbox.settings.save', { ...account, password: 'app-password-1' });
      expect(await t.core.call('inbox.settings.save', { ...account, [field]: value }), field).toMatchObject({ hasPassword: false });
      // Going back does not bring it back: it is gone, not hidden.
      expect(await t.core.call('inbox.settings.save', account), field).toMatchObject({ hasPassword: false });
    }
    expect(storedPassword()).not.toContain('app-password-1');
  });

  it('speaks without TLS only to this machine', async () => {
    await expect(t.core.call('inbox.settings.save', { ...account, security: 'none' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      await expect(t.core.call('inbox.settings.save', { ...account, host, security: 'none' })).resolves.toMatchObject({ host });
    }
  });

  it("keeps Google's client secret like the password: never shown, forgotten with the server, login, sign-in or app", async () => {
    const google = { ...account, host: 'imap.gmail.com', signIn: 'google' as const, clientId: 'inflow.apps.googleusercontent.com' };
    const saved = await t.core.call('inbox.settings.save', { ...google, clientSecret: 'GOCSPX-secret-1' });
    expect(saved).toMatchObject({ hasClientSecret: true, oauth: { signedInAs: null, reconnect: false } });
    expect(JSON.stringify(saved)).not.toContain('GOCSPX-secret-1');
    for (const [field, value] of [
      ['host', 'imap.attacker.example'],
      ['user', 'other@northwind.example'],
      ['signIn', 'microsoft'],
      ['clientId', 'other-app'],
    ] as const) {
      await t.core.call('inbox.settings.save', { ...google, clientSecret: 'GOCSPX-secret-1' });
      expect(await t.core.call('inbox.settings.save', { ...google, [field]: value }), field).toMatchObject({ hasClientSecret: false });
    }
    expect(JSON.stringify(t.query('SELECT detail FROM audit_log'))).not.toContain('GOCSPX-secret-1');
  });

  it('sends OAuth requests only to the provider, or to a stand-in on this machine', async () => {
    for (const url of ['https://evil.example/token', 'http://accounts.google.com.evil.example/', 'https://user:pw@127.0.0.1/token']) {
      await expect(t.core.call('inbox.settings.save', { ...account, signIn: 'google', tokenUrl: url }), url).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(t.core.call('inbox.settings.save', { ...account, signIn: 'google', authUrl: url }), url).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(t.core.call('inbox.settings.save', { ...account, signIn: 'google', tokenUrl: 'http://127.0.0.1:4000/token' })).resolves.toMatchObject({
      tokenUrl: 'http://127.0.0.1:4000/token',
    });
  });
});
