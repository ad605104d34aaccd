import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openWithSample, test } from './fixtures';
import { ACCOUNT_SID, AUTH_TOKEN, SENDER, startTwilioStandIn, type TwilioStandIn } from '../helpers/twilio-server';

/**
 * Settings → SMS against the Twilio stand-in, then a text from the customer page: the phone is a
 * tel: link, the preview says consent is missing and records it in one click, the parts counter
 * follows the words, and the text reaches the provider once and shows on the timeline.
 */
let api: TwilioStandIn;
test.beforeEach(async () => {
  api = await startTwilioStandIn();
});
test.afterEach(async () => api.close());

async function shootBothThemes(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync('/tmp/shots-sms', { recursive: true });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-sms/${name}-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots-sms/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('set up texts in Settings, then text a customer from its page with a preview', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  const outreach = (await app.core.dispatch('settings.outreach.get', {})) as Record<string, unknown>;
  await app.core.dispatch('settings.outreach.save', { ...outreach, senderName: 'Dana Reyes', companyName: 'Northwind' });
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /Settings/ })
    .click();
  const sms = page.getByRole('form', { name: 'SMS' });
  await sms.getByLabel('Account SID').fill(ACCOUNT_SID);
  await sms.getByLabel('Auth token').fill(AUTH_TOKEN);
  await sms.getByLabel('Send from').fill(SENDER);
  await sms.getByLabel('API address').fill(api.url);
  // Whenever this test runs, it is the customer's daytime.
  await sms.getByLabel('Sending hours from').fill('00:00');
  await sms.getByLabel('until').fill('23:59');
  for (const day of ['Sat', 'Sun']) await sms.getByRole('group', { name: 'Sending days' }).getByLabel(day).check();
  await sms.getByRole('button', { name: 'Save SMS settings' }).click();
  await expect(sms).toContainText('Saved');
  await expect(sms.getByLabel('Auth token (stored; type to replace)')).toHaveValue('');
  await shootBothThemes(page, sms, 'settings-sms');

  await page.goto(app.url);
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-page')).toBeVisible();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contact = page.getByTestId('contact-form');
  await contact.getByLabel('Name').fill('Jane Park');
  await contact.getByLabel('Phone').fill('+1 415 555 2671');
  await contact.getByLabel('Role').selectOption('billing');
  await contact.getByLabel('Name').press('Control+Enter');
  await expect(page.getByRole('link', { name: 'Call Jane Park' })).toHaveAttribute('href', 'tel:+14155552671');

  const panel = page.getByRole('region', { name: 'Text message' });
  await expect(panel).toContainText('No consent to texts');
  await panel.getByRole('button', { name: 'Jane Park agreed to texts' }).click();
  await expect(panel).toContainText('To Jane Park +14155552671');
  await expect(panel.getByTestId('segments')).toContainText('GSM-7');
  await shootBothThemes(page, panel, 'customer-text');
  await panel.getByRole('textbox', { name: 'Text' }).fill('Hi Jane, it’s Dana: your invoices are past due.');
  await expect(panel.getByTestId('segments')).toContainText('UCS-2');
  await panel.getByRole('button', { name: 'Send text' }).click();
  await expect(panel).toContainText('Queued');
  await expect.poll(() => api.messages.length).toBe(1);
  expect(api.messages[0]).toMatchObject({ to: '+14155552671', body: 'Hi Jane, it’s Dana: your invoices are past due.' });
  await page.reload();
  await expect(page.getByTestId('timeline')).toContainText('to +14155552671');
});
