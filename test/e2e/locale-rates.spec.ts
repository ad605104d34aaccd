import type { Page } from '@playwright/test';
import type { CustomerSummary } from '../../shared/activity';
import type { WorklistPage } from '../../shared/worklist';
import { expect, openWithSample, test } from './fixtures';

const SHOTS = '/tmp/shots-merge-fields';

/** The theme as the Theme setting sets it (an attribute on the root), without leaving the screen. */
async function theme(page: Page, name: 'Light' | 'Dark'): Promise<void> {
  await page.locator('html').evaluate((html, value) => html.setAttribute('data-theme', value), name.toLowerCase());
}

/**
 * The sample book is in four currencies with no rates: the worklist says each is ranked on its own
 * and leads to Settings; a German customer's page says its emails are in German from its country,
 * and the template editor and preview show the German version with German dates.
 */
test('currencies without rates are named on the worklist; a German customer gets the German template', async ({ page, app }) => {
  await openWithSample(page, app.url);
  await app.core.dispatch('settings.outreach.save', { companyName: 'Northwind', senderName: 'Sam Carter', managerName: 'Jordan Lee' });
  const banner = page.getByTestId('fx-banner');
  await expect(banner).toContainText('No exchange rate for CAD, EUR and GBP.');

  const queue = (await app.core.dispatch('worklist.list', { currency: 'EUR', limit: 100 })) as WorklistPage;
  let german: CustomerSummary | undefined;
  for (const row of queue.rows) {
    const summary = (await app.core.dispatch('customer.summary', { customerId: row.customerId })) as CustomerSummary;
    if (summary.country === 'DE') {
      german = summary;
      break;
    }
  }
  expect(german).toBeDefined();

  for (const name of ['Light', 'Dark'] as const) {
    await theme(page, name);
    await expect(banner).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/worklist-banner-${name.toLowerCase()}.png` });
  }

  await banner.getByRole('button', { name: 'Set rates' }).click();
  const fx = page.getByTestId('fx-setting');
  await expect(fx.getByTestId('fx-missing-EUR')).toHaveText('no rate: ranked on its own');
  await fx.getByLabel('EUR rate').fill('1.08');
  await fx.getByRole('button', { name: 'Save rates' }).click();
  await expect(fx.getByRole('table', { name: 'Kept exchange rates' })).toContainText('EUR');
  await expect(fx.getByTestId('fx-missing-EUR')).toBeHidden();
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  await expect(banner).toContainText('No exchange rate for CAD and GBP.');

  // The customer page: emails in German, from its country.
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await page.getByLabel('Filter Customers').fill(german!.name);
  await page.getByTestId('customers-table').locator('tbody tr', { hasText: german!.name }).first().dblclick();
  const locale = page.getByTestId('message-locale');
  await expect(locale.getByRole('combobox')).toHaveValue('');
  await expect(locale.getByTestId('message-locale-hint')).toHaveText('From its country, DE · German templates, de-DE dates and amounts');
  for (const name of ['Light', 'Dark'] as const) {
    await theme(page, name);
    await page.screenshot({ path: `${SHOTS}/customer-locale-${name.toLowerCase()}.png` });
  }

  // The template editor's German version, previewed for that customer.
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByTestId('template-list').getByRole('button', { name: 'First reminder' }).click();
  await page.getByRole('tab', { name: 'Deutsch' }).click();
  const form = page.getByTestId('template-form');
  await expect(form.getByLabel('Subject')).toHaveValue('Zahlungserinnerung: Rechnung {{oldestInvoice.number}} ist überfällig');
  await form.getByLabel('Preview for').selectOption({ label: german!.name });
  const preview = page.getByTestId('message-preview');
  await expect(preview.getByTestId('preview-language')).toHaveText('Deutsch');
  await expect(preview.getByTestId('preview-from')).toContainText('Sam Carter');
  // The preview for the chosen customer waits behind the sample's risk training in the core on a busy machine.
  await expect(page.frameLocator('[data-testid="message-frame"]').locator('body')).toContainText(/\d{2}\.\d{2}\.\d{4}/, { timeout: 20_000 });
  for (const name of ['Light', 'Dark'] as const) {
    await theme(page, name);
    await page.screenshot({ path: `${SHOTS}/template-german-${name.toLowerCase()}.png` });
  }
});
