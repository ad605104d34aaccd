import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A stored password or key stays with its server: Settings says so when a new address made the core forget it. */
mkdirSync('/tmp/shots-trust-core', { recursive: true });

async function shootBothThemes(page: Page, section: Locator, name: string): Promise<void> {
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-trust-core/${name}-light.png` });
  await page.getByText('Dark', { exact: true }).click();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-trust-core/${name}-dark.png` });
  await page.getByText('Light', { exact: true }).click();
}

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
}

test('email: a new mail server forgets the stored password, and the screen says so', async ({ page, app }) => {
  await app.core.dispatch('settings.smtp.save', {
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    user: 'ar',
    password: 'mailbox-secret',
    fromAddress: 'ar@northwind.example',
  });
  await openSettings(page, app.url);
  const section = page.getByTestId('email-setting');
  await expect(section.getByLabel('Password')).toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  await section.getByLabel('Mail server').fill('localhost');
  await section.getByRole('button', { name: 'Save email settings' }).click();
  await expect(section.locator('.saved')).toHaveText('Saved. The stored password was for the previous server or user: enter the password for this one.');
  await expect(section.getByLabel('Password')).not.toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  expect(await app.core.dispatch('settings.smtp.get', {})).toMatchObject({ host: 'localhost', hasPassword: false });
  await shootBothThemes(page, section, 'email-password-forgotten');
});

test('ERP: a new server address forgets the stored key, and the screen says so', async ({ page, app }) => {
  await app.core.dispatch('sync.connection.save', {
    connector: 'odoo',
    baseUrl: 'https://acme.odoo.example',
    database: 'acme',
    login: 'ar-bot',
    apiKey: 'odoo-secret',
    intervalMinutes: 0,
  });
  await openSettings(page, app.url);
  const section = page.getByTestId('erp-setting');
  await section.getByLabel('Server address').fill('https://acme-staging.odoo.example');
  await section.getByRole('button', { name: 'Save connection' }).click();
  await expect(section.getByTestId('erp-message')).toHaveText('Saved. The stored key was for the previous server or login: enter it again.');
  await expect(section.getByLabel('API key or password')).not.toHaveAttribute('placeholder', 'Stored — leave blank to keep');
  await shootBothThemes(page, section, 'erp-key-forgotten');
});
