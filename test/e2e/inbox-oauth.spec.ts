import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startOAuthServer, type OAuthServer } from '../helpers/oauth-server';
import { expect, test } from './fixtures';

/**
 * Settings → Inbox with Google's sign-in: the method is chosen in the form, "Sign in with Google"
 * opens the consent page in a new tab, and the loopback redirect brings the collector back signed
 * in; the core then reads the Dovecot mailbox (oauth2 passdb) with the token.
 */
let oauth: OAuthServer;
let dovecot: Dovecot;
test.beforeAll(async () => {
  oauth = await startOAuthServer('google');
  dovecot = await startDovecot(undefined, undefined, { tokeninfoUrl: oauth.tokeninfoUrl, mechanisms: ['xoauth2', 'oauthbearer'] });
});
test.afterAll(async () => {
  dovecot.stop();
  await oauth.close();
});

const SHOTS = '/tmp/shots-inbox-oauth';
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
    const results = await new AxeBuilder({ page })
      .include('[data-testid="inbox-setting"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${scheme}: ${v.id}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Settings → Inbox: choose Google, sign in in the browser, and the mailbox is read with the token', async ({ page, app }) => {
  // Four axe runs on a busy shared machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  const section = page.getByTestId('inbox-setting');
  await section.scrollIntoViewIfNeeded();
  // Choosing Google fills in Gmail's IMAP server and swaps the password for the app's OAuth client.
  await section.getByLabel('Sign in with').selectOption('google');
  await expect(section.getByLabel('IMAP server')).toHaveValue('imap.gmail.com');
  await expect(section.getByLabel('Port', { exact: true })).toHaveValue('993');
  await expect(section.getByLabel('Password or app password')).toHaveCount(0);
  await expect(section.getByLabel('OAuth client id')).toBeVisible();
  await expect(section.getByTestId('mailbox-sign-in')).toContainText('Not connected yet');
  await section.getByLabel('Email address').fill(dovecot.user);
  await section.getByLabel('OAuth client id').fill(oauth.clientId);
  await section.getByLabel('OAuth client secret').fill(oauth.clientSecret);
  await section.locator('.browser-sign-in').scrollIntoViewIfNeeded();
  await shoot(page, 'settings-inbox-google');

  // The stand-in takes Google's place (its endpoints are settable only to this machine, and not in the form).
  await app.core.dispatch('inbox.settings.save', {
    host: '127.0.0.1',
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    signIn: 'google',
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    authUrl: oauth.authorizeUrl,
    tokenUrl: oauth.tokenUrl,
    pollMinutes: 1440,
  });
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  await expect(section.getByLabel('OAuth client secret')).toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  const consent = page.waitForEvent('popup');
  await section.getByRole('button', { name: 'Sign in with Google' }).click();
  const tab = await consent;
  await expect(tab.locator('body')).toContainText('Google is connected to Inflow. You can close this tab.');
  await tab.close();
  await expect(section.getByTestId('mailbox-sign-in')).toContainText(`Connected to ${dovecot.user}`);
  await expect(section.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await shoot(page, 'settings-inbox-google-connected');
  await section.getByRole('button', { name: 'Check mail now' }).click();
  await expect(section.locator('.saved')).toHaveText(/^Connected: \d+ new messages?$/);
});
