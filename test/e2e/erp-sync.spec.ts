import { mkdirSync } from 'node:fs';
import { seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer } from '../helpers/qbo-server';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

let server: OdooServer;
test.beforeEach(async () => {
  server = await startOdooServer();
  seedOdoo(server);
});
test.afterEach(async () => server.close());

/** The section at 1280×800 in the light theme, then the dark one, for a look at the PNGs. */
async function shootBothThemes(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync('/tmp/shots-sync', { recursive: true });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-sync/${name}-light.png` });
  await page.getByText('Dark', { exact: true }).click();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-sync/${name}-dark.png` });
}

test('connects to an Odoo server from Settings, tests it, syncs with progress and shows the log', async ({ page, app }) => {
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  const section = page.getByTestId('erp-setting');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('erp-last-sync')).toContainText('Not connected');
  await section.getByLabel('Server address').fill(server.url);
  await section.getByLabel('Database').fill(server.db);
  await section.getByLabel('Login').fill(server.login);
  await section.getByLabel('API key or password').fill(server.password);
  await section.getByRole('combobox', { name: /^Schedule/ }).selectOption('0');
  await section.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(section.getByTestId('erp-message')).toHaveText('Saved');
  // The key went to the core and does not come back: the field is empty with a placeholder.
  await expect(section.getByLabel('API key or password')).toHaveValue('');
  await expect(section.getByLabel('API key or password')).toHaveAttribute('placeholder', 'Stored — leave blank to keep');

  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByTestId('erp-message')).toContainText('Connected to Odoo at 127.0.0.1');
  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect(section.getByTestId('erp-message')).toHaveText(/^Synced: \d+ created, 0 updated/);
  await expect(section.getByTestId('sync-log')).toContainText('Synced');
  await expect(section.getByTestId('erp-last-sync')).toContainText('Last sync');
  await expect(section).toContainText('Pushes notes, calls, promises and disputes');
  expect(await app.core.dispatch('app.status', {})).toMatchObject({ invoices: 5, customers: 2 });

  await shootBothThemes(page, section, 'erp-settings');
});

test('a refused login is shown in words, and Disconnect forgets the connection', async ({ page, app }) => {
  await app.core.dispatch('sync.connection.save', {
    connector: 'odoo',
    baseUrl: server.url,
    database: server.db,
    login: server.login,
    apiKey: 'wrong',
    intervalMinutes: 0,
  });
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  const section = page.getByTestId('erp-setting');
  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect(section.getByRole('alert')).toContainText('Odoo refused the login "ar-bot"');
  await expect(section.getByTestId('sync-log')).toContainText('Failed');
  await section.getByRole('button', { name: 'Disconnect' }).click();
  await expect(section.getByTestId('erp-message')).toContainText('Disconnected');
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeDisabled();
});

test('connects to QuickBooks: the sign-in opens in a browser tab, then the company syncs', async ({ page, app }) => {
  const qbo = await startQboServer();
  try {
    seedQbo(qbo);
    await page.goto(app.url);
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /Settings/ })
      .click();
    const section = page.getByTestId('erp-setting');
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('combobox', { name: /^Connect to/ }).selectOption('qbo');
    await section.getByLabel('Client id (Intuit app)').fill(qbo.clientId);
    await section.getByLabel('Client secret').fill(qbo.clientSecret);
    await section.getByLabel('API address').fill(qbo.url);
    await section.getByLabel('Sign-in address').fill(qbo.authorizeUrl);
    await section.getByLabel('Token address').fill(qbo.tokenUrl);
    await section.getByRole('combobox', { name: /^Schedule/ }).selectOption('0');
    await expect(section.getByTestId('qbo-push-note')).toHaveText('QuickBooks does not receive notes unless you turn this on.');
    const signIn = section.getByTestId('qbo-sign-in');
    await expect(signIn).toContainText('Not connected yet');

    const popup = page.waitForEvent('popup');
    await signIn.getByRole('button', { name: 'Connect' }).click();
    // The tab went to Intuit's (here: the local server's) sign-in, which sent it back to Inflow's loopback port.
    const tab = await popup;
    await expect(tab.locator('body')).toContainText('QuickBooks is connected to Inflow');
    await tab.close();
    await expect(section.getByTestId('erp-message')).toHaveText('Connected to Sandbox Company_US_1');
    await expect(signIn).toContainText('Connected to Sandbox Company_US_1');
    await expect(section.getByLabel('Client secret')).toHaveValue('');

    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect(section.getByTestId('erp-message')).toHaveText(/^Synced: \d+ created, 0 updated/);
    await expect(section).toContainText('Pushes nothing back to the ERP.');
    expect(await app.core.dispatch('app.status', {})).toMatchObject({ invoices: 6, customers: 4 });

    await shootBothThemes(page, section, 'qbo-settings');
  } finally {
    await qbo.close();
  }
});
