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
    for (const [field, value] of [['host', 'imap.attacker.example'], ['port', 143], ['security', 'starttls'], ['user', 'other@northwind.example']] as const) {
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
});
