import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedCustomerLink, erpLink } from '../../shared/outreach/customer-link';
import { invoice, odooConnection, seedOdoo, type SeededOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** ERP payment links are resolved as URLs against the ERP's address and must stay on it (or the payment portal). */
describe('erpLink', () => {
  const base = 'https://acme.odoo.com';
  const portal = 'https://pay.acme.example';
  it.each([
    ['a portal path', '/my/invoices/7', 'https://acme.odoo.com/my/invoices/7?access_token=t%26k'],
    ['userinfo glued on stays a path on the ERP', '@evil.test/pay', 'https://acme.odoo.com/@evil.test/pay?access_token=t%26k'],
    ['a relative path', 'my/invoices/7', 'https://acme.odoo.com/my/invoices/7?access_token=t%26k'],
    ['an absolute link on the payment portal', 'https://pay.acme.example/i/7', 'https://pay.acme.example/i/7?access_token=t%26k'],
  ])('builds %s', (_why, path, expected) => expect(erpLink(path, base, { access_token: 't&k' }, portal)).toBe(expected));

  it.each([
    ['another host', 'https://evil.test/pay'],
    ['a scheme-relative host', '//evil.test/pay'],
    ['backslashes read as slashes', '\\\\evil.test/pay'],
    ['a user name before the host', 'https://acme.odoo.com@evil.test/pay'],
    ['a user name on the ERP itself', 'https://user:pw@acme.odoo.com/pay'],
    ['plain http', 'http://acme.odoo.com/pay'],
    ['a script', 'javascript:alert(1)'],
    ['a look-alike host', 'https://acme.odoo.com.evil.test/pay'],
    ['another port', 'https://acme.odoo.com:8443/pay'],
  ])('refuses %s', (_why, path) => expect(erpLink(path, base, { access_token: 'x' }, portal)).toBeNull());

  it('http only on this machine (local test servers)', () => {
    expect(erpLink('/p', 'http://127.0.0.1:8069', {}, null)).toBe('http://127.0.0.1:8069/p');
    expect(erpLink('/p', 'http://erp.example', {}, null)).toBeNull();
  });

  it('a stored link is checked again when a message is built', () => {
    expect(allowedCustomerLink('https://acme.odoo.com@evil.test/pay', ['https://acme.odoo.com'])).toBeNull();
    expect(allowedCustomerLink('https://acme.odoo.com/my/invoices/1', ['https://acme.odoo.com'])).toBe('https://acme.odoo.com/my/invoices/1');
    expect(allowedCustomerLink('https://acme.odoo.com/my/invoices/1', [null])).toBeNull();
  });
});

describe('Odoo access_url crafted to leave the server', () => {
  let server: OdooServer;
  let t: TempCore;
  let seeded: SeededOdoo;
  beforeEach(async () => {
    server = await startOdooServer();
    seeded = seedOdoo(server);
    t = tempCore();
  });
  afterEach(async () => {
    await t.dispose();
    await server.close();
  });

  it('is left off the invoice with a note, and no message or QR code carries it', async () => {
    const crafted = ['@evil.test/pay', '//evil.test/pay', 'https://evil.test/pay', `${server.url.replace('http://', 'http://x@')}/pay`];
    crafted.forEach((accessUrl, i) =>
      invoice(server, { name: `INV/2026/0090${i}`, partner: seeded.deco, total: 10, access_url: accessUrl, access_token: `tok-${i}` }),
    );
    await t.core.call('sync.connection.save', odooConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    const links = Object.fromEntries(
      t
        .query<{ number: string; payment_url: string | null }>(
          "SELECT number, payment_url FROM invoices WHERE number LIKE 'INV/2026/009%' OR number = 'INV/2026/00001' ORDER BY number",
        )
        .map((r) => [r.number, r.payment_url]),
    );
    expect(links).toEqual({
      'INV/2026/00001': `${server.url}/my/invoices/1?access_token=tok-1`,
      // Resolved as a path under the server, as a browser would: harmless.
      'INV/2026/00900': `${server.url}/@evil.test/pay?access_token=tok-0`,
      'INV/2026/00901': null,
      'INV/2026/00902': null,
      'INV/2026/00903': null,
    });
    const log = (await t.core.call('sync.status', {})).log.map((entry) => entry.message).filter((message) => message.includes('portal link'));
    expect(log).toHaveLength(3);

    const customerId = (await t.core.call('customer.lookup', { externalId: String(seeded.deco.id) })).customerId;
    await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind' });
    const ids = t.query<{ id: number }>("SELECT id FROM invoices WHERE number LIKE 'INV/2026/009%'").map((row) => row.id);
    const preview = await t.core.call('outreach.preview', { draft: { customerId, templateId: 'first-reminder', invoiceIds: ids } });
    const hrefs = [...preview.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    const unescaped = (href: string): string =>
      href.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replaceAll('&amp;', '&');
    for (const href of hrefs) expect(new URL(unescaped(href)).origin).toBe(server.url);
    expect(preview.text).not.toMatch(/\/\/evil|x@/);
  });
});
