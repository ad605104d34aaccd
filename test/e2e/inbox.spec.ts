import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { imapClient, startDovecot, type Dovecot } from '../helpers/dovecot';
import { expect, openWithSample, test } from './fixtures';

/**
 * The Inbox in the browser: a reply, an out-of-office answer, a bounce and a stray message in a real
 * Dovecot mailbox, read by the core; the collector sees them newest first with their readings, the
 * customer who replied tops the worklist, and one key handles or assigns each.
 */
let dovecot: Dovecot;
test.beforeAll(async () => {
  dovecot = await startDovecot();
});
test.afterAll(() => dovecot.stop());

const SHOTS = '/tmp/shots-inbox';
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${SHOTS}/${name}-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

const mail = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

test('reads replies, absences and bounces into a triage list the collector works with one key', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  const customers = (await app.core.dispatch('customers.list', { asOf: '2026-11-22' })) as { id: number; name: string }[];
  const withEmail: { name: string; email: string }[] = [];
  for (const customer of customers.slice(0, 40)) {
    const contacts = (await app.core.dispatch('contacts.list', { customerId: customer.id })) as { email: string | null }[];
    const email = contacts.find((c) => c.email)?.email;
    if (email) withEmail.push({ name: customer.name, email });
    if (withEmail.length === 3) break;
  }
  const [replier, away, gone] = withEmail as [{ name: string; email: string }, { name: string; email: string }, { name: string; email: string }];
  const folder = `E2E${Date.now()}`;
  const client = await imapClient(dovecot);
  await client.mailboxCreate(folder);
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toUTCString();
  await client.append(
    folder,
    mail([
      `From: ${gone.email.split('@')[0]} <MAILER-DAEMON@mx.example>`,
      'To: ar@northwind.example',
      'Subject: Undelivered Mail Returned to Sender',
      `Date: ${at(5)}`,
      'Message-ID: <b1@mx.example>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=r',
      '',
      '--r',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example',
      '',
      `Final-Recipient: rfc822; ${gone.email}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--r--',
    ]),
  );
  await client.append(
    folder,
    mail([
      `From: ${away.email}`,
      'To: ar@northwind.example',
      'Subject: Automatic reply: Invoice reminder',
      `Date: ${at(4)}`,
      'Message-ID: <o1@x.example>',
      'Auto-Submitted: auto-replied',
      '',
      'I am out of the office until 14 December. For urgent matters please contact Robin Hale (robin.hale@example.com).',
    ]),
  );
  await client.append(
    folder,
    mail([
      'From: Pat Stranger <pat@unknown.example>',
      'To: ar@northwind.example',
      'Subject: Invoice question',
      `Date: ${at(3)}`,
      'Message-ID: <u1@unknown.example>',
      '',
      'Which invoice is this about?',
    ]),
  );
  await client.append(
    folder,
    mail([
      `From: ${replier.email}`,
      'To: ar@northwind.example',
      'Subject: Re: Invoice reminder',
      `Date: ${at(2)}`,
      'Message-ID: <r1@x.example>',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>We paid this yesterday, <b>remittance attached</b>.</p><script>document.title="hacked"</script><img src="https://tracker.example/p.gif">',
    ]),
  );
  await client.logout();
  await app.core.dispatch('inbox.settings.save', {
    host: '127.0.0.1',
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    password: dovecot.password,
    folder,
  });
  await app.core.dispatch('inbox.fetch', {});

  // The customer who replied two hours ago is the first to work on.
  await page.reload();
  await expect(page.getByTestId('worklist-list')).toBeVisible();
  await expect(page.locator('[data-testid="worklist-row"]').first()).toContainText(replier.name);
  await expect(page.locator('[data-testid="worklist-row"]').first()).toContainText('Replied 2 h ago');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Inbox/ }).click();
  const rows = page.getByTestId('inbox-list').getByRole('option');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('says paid');
  await expect(rows.nth(0)).toContainText(replier.name);
  await expect(rows.nth(1)).toContainText('unmatched');
  await expect(rows.nth(2)).toContainText('out of office until');
  await expect(rows.nth(3)).toContainText(`bounced: 5.1.1 for ${gone.email}`);
  const frame = page.frameLocator('[data-testid="inbox-frame"]');
  await expect(frame.locator('b')).toHaveText('remittance attached');
  await expect(frame.locator('script')).toHaveCount(0);
  await expect(frame.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('hacked');
  await shoot(page, 'inbox-reply');

  // e: handled; the unmatched message is next, and a assigns it.
  await page.keyboard.press('e');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('inbox-pane')).toContainText('not matched to a customer');
  await page.keyboard.press('a');
  await page.getByTestId('inbox-assign').getByRole('textbox').fill(replier.name.slice(0, 6));
  await shoot(page, 'inbox-assign');
  await page.keyboard.press('Enter');
  await expect(rows.nth(0)).toContainText(replier.name.slice(0, 6));

  // The absence names a stand-in: c opens a new contact with it filled in.
  await page.keyboard.press('j');
  await expect(page.getByTestId('inbox-pane')).toContainText('holds the ladder until');
  await page.keyboard.press('c');
  await expect(page.getByTestId('contact-form').getByRole('textbox').first()).toHaveValue('Robin Hale');
  await shoot(page, 'inbox-ooo-contact');
});

test('Settings → Inbox: a new server forgets the stored password, and the screen says so', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.core.dispatch('inbox.settings.save', {
    host: '127.0.0.1',
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    password: dovecot.password,
    pollMinutes: 1440,
  });
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  const section = page.getByTestId('inbox-setting');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByLabel('Password or app password')).toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  await shoot(page, 'settings-inbox');
  await section.getByLabel('IMAP server').fill('localhost');
  await section.getByRole('button', { name: 'Save inbox settings' }).click();
  await expect(section.locator('.saved')).toHaveText('Saved. The stored password was for the previous server or login: enter the password for this one.');
  await expect(section.getByLabel('Password or app password')).not.toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  expect(await app.core.dispatch('inbox.settings.get', {})).toMatchObject({ host: 'localhost', hasPassword: false });
  await shoot(page, 'settings-inbox-password-forgotten');
});
