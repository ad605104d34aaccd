import { expect, fixture, test } from './fixtures';

/**
 * The foundation's promise seen as a user sees it: import an ERP export through the Import screen,
 * then watch the aging chart and table change. Dates are pinned with the "As of" field.
 */
test('importing a QuickBooks export fills the aging chart and table', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await expect(page.getByRole('heading', { name: 'No receivables yet' })).toBeVisible();

  await page.getByRole('button', { name: /Reports/ }).click();
  await expect(page.getByText('Import your ERP’s open invoices to see aging')).toBeVisible();

  await page
    .getByRole('button', { name: /^Import/ })
    .first()
    .click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (await chooser).setFiles(fixture('erp/quickbooks-open-invoices.csv'));
  await expect(page.getByTestId('import-preset')).toHaveValue('quickbooks-aging');
  await expect(page.getByRole('region', { name: 'First rows of the file' })).toContainText('$1,108.20');

  await page.getByTestId('import-run').click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('3');

  await page.getByRole('button', { name: /Reports/ }).click();
  await page.getByLabel('As of').fill('2026-11-22');
  await expect(page.getByTestId('aging-total-USD')).toHaveText('$2,041.20');
  await expect(page.getByTestId('aging-chart')).toBeVisible();
  const table = page.getByTestId('aging-table');
  await expect(table).toContainText('Cool Cars');
  // Amounts as a sheet shows them, beside their currency column; the totals row per currency.
  await expect(table).toContainText('694.00');
  await expect(table.getByTestId('table-total')).toContainText('2,041.20');
  await expect(table).toContainText("Amy's Bird Sanctuary");

  // A second export with more invoices changes the same chart and table.
  await page
    .getByRole('button', { name: /^Import/ })
    .first()
    .click();
  const again = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').first().click();
  await (await again).setFiles(fixture('erp/quickbooks-aging-detail.csv'));
  await expect(page.getByTestId('import-preset')).toHaveValue('quickbooks-aging');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByRole('button', { name: /Reports/ }).click();
  await page.getByLabel('As of').fill('2026-11-22');
  await expect(page.getByTestId('aging-total-USD')).toHaveText('$2,936.24');
  await expect(page.getByTestId('aging-table')).toContainText('Geeta Kalapatapu');
});

test('a file with a bad row is refused whole, with the row, column and reason shown', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page
    .getByRole('button', { name: /^Import/ })
    .first()
    .click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (
    await chooser
  ).setFiles({
    name: 'open-items.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Invoice Number,Customer ID,Issue Date,Due Date,Amount\nA-1,C1,2026-10-01,2026-10-31,100.00\nA-2,C1,2026-10-02,2026-11-01,TBD\n'),
  });
  await expect(page.getByTestId('import-preset')).toHaveValue('generic-invoices');
  await page.getByTestId('import-run').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('Amount');
  await expect(errors).toContainText('TBD');
  await expect(errors).toContainText('not an amount');
  await page.getByRole('button', { name: /Reports/ }).click();
  await expect(page.getByText('Import your ERP’s open invoices to see aging')).toBeVisible();
});
