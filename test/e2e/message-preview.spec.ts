import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CoreClient } from '../../electron/hosts/core-client';
import { expect, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

/** A customer whose name is markup, with an overdue invoice and a payment link pattern for the QR code. */
async function hostileCustomer(core: CoreClient): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-hostile-'));
  try {
    const name = `Evil ${HOSTILE} Ltd`;
    writeFileSync(join(dir, 'customers.csv'), `Customer ID,Name,Currency,Contact Name,Email\nC-666,"${name}",USD,Mal Ory,mal@evil.example\n`);
    writeFileSync(
      join(dir, 'invoices.csv'),
      `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Currency\nX-1,C-666,"${name}",2026-01-01,2026-02-01,500.00,500.00,USD\n`,
    );
    for (const [file, preset] of [
      ['customers.csv', 'generic-customers'],
      ['invoices.csv', 'generic-invoices'],
    ] as const) {
      const { fileId } = await core.stageFile(join(dir, file));
      await core.dispatch('import.run', { jobId: `job-${preset}`, fileId, preset });
    }
    await core.dispatch('settings.outreach.save', {
      senderName: 'Dana Reyes',
      companyName: 'Northwind',
      paymentUrlPattern: 'https://pay.northwind.example/{invoiceNumber}',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function previewFirstReminder(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByTestId('template-list').getByRole('button', { name: 'First reminder' }).click();
  await page.getByLabel('Preview for').selectOption({ label: `Evil ${HOSTILE} Ltd` });
}

/**
 * The HTML part is previewed in a frame sandboxed with no permissions: a customer name that is markup
 * shows as text, nothing in it runs, and the inline QR code and the email's own styles still apply.
 */
test('the HTML preview shows a hostile customer name as text and runs nothing', async ({ page, app }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await hostileCustomer(app.core);
  await previewFirstReminder(page, app.url);

  const preview = page.getByTestId('message-preview');
  await expect(preview.getByRole('tab', { name: 'HTML', selected: true })).toBeVisible();
  const frameElement = page.getByTestId('message-frame');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const frame = page.frameLocator('[data-testid="message-frame"]');
  await expect(frame.locator('body')).toContainText(`Hi Mal,`);
  await expect(frame.locator('body')).toContainText('Dana Reyes');
  await expect(frame.locator('img[src="x"], script')).toHaveCount(0);

  // The subject carries the name too; in the window it is text as well.
  await page.getByLabel('Subject').fill('About {{customer.name}}');
  await expect(preview.locator('.message-head')).toContainText(`About Evil ${HOSTILE} Ltd`);
  await page.getByLabel('Body').fill('Dear {{customer.name}},\n\n{{{invoiceTable}}}\n\n{{{paymentQr}}}\n');
  await expect(frame.locator('body')).toContainText(`Dear Evil ${HOSTILE} Ltd,`);
  await expect(frame.locator('img[src="x"], script')).toHaveCount(0);

  // The QR code arrives as a data: URL and is drawn; the table's inline styles pass the CSP by hash.
  const qr = frame.getByAltText('QR code for the payment link');
  await expect(qr).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
  expect(
    await frame
      .locator('td')
      .first()
      .evaluate((cell) => getComputedStyle(cell).paddingLeft),
  ).toBe('8px');

  // `t` switches to the plain-text part while the preview has focus, and back.
  await preview.focus();
  await page.keyboard.press('t');
  await expect(page.getByTestId('message-text')).toContainText(`Dear Evil ${HOSTILE} Ltd,`);
  await expect(frameElement).toBeHidden();
  await page.keyboard.press('t');
  await expect(frame.locator('body')).toContainText('Dear Evil');

  expect(dialogs).toEqual([]);
});
