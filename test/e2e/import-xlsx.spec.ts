import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { compoundFile } from '../faults/corpus/containers';
import { expect, fixture, test } from './fixtures';

/**
 * Excel workbooks on the Import screen: dropped on the screen or picked, previewed with their sheet,
 * imported; a refused workbook names its sheet and row, and a file that is no workbook says why.
 * Screenshots in both themes go to SHOTS_DIR (or the test's output folder) for a person to look at.
 */

/** Drops a file on the import screen as the browser does: dragover, then drop, with the file in a DataTransfer. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
      return transfer;
    },
    { name, base64: bytes.toString('base64') },
  );
  const zone = page.getByTestId('import-drop');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('a workbook dropped on the Import screen previews with its sheet and imports', async ({ page, appUrl }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: join(process.env.SHOTS_DIR ?? testInfo.outputPath(), `import-xlsx-${name}.png`) });
  await page.goto(appUrl);
  await page
    .getByRole('button', { name: /^Import/ })
    .first()
    .click();
  await expect(page.getByTestId('import-pick')).toHaveText(/Choose a CSV or Excel file/);
  await dropFile(page, 'open-items.xlsx', readFileSync(fixture('erp/generic-invoices.xlsx')));
  await expect(page.getByTestId('import-preset')).toHaveValue('generic-invoices');
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('sheet generic-invoices');
  await expect(page.getByRole('region', { name: 'First rows of the file' })).toContainText('Acme Tools Ltd');
  await shot('preview-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('preview-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('6');
});

test('a refused workbook lists sheet and row; a password-protected one says so; a PDF is not taken', async ({ page, appUrl }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: join(process.env.SHOTS_DIR ?? testInfo.outputPath(), `import-xlsx-${name}.png`) });
  await page.goto(appUrl);
  await page
    .getByRole('button', { name: /^Import/ })
    .first()
    .click();

  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Open items');
  sheet.addRow(['Invoice Number', 'Customer ID', 'Issue Date', 'Due Date', 'Amount']);
  sheet.addRow(['A-1', 'C-1', new Date('2026-10-01T00:00:00Z'), new Date('2026-10-31T00:00:00Z'), 12.345]);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (
    await chooser
  ).setFiles({
    name: 'open.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByTestId('import-run').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('heading')).toHaveText('Nothing was imported: 1 problem in sheet “Open items”');
  await expect(errors.getByRole('row').nth(1)).toContainText('2');
  await expect(errors).toContainText('12.345');
  await expect(errors).toContainText('more than 2 decimal places');
  await shot('refused-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('refused-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dropFile(page, 'locked.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));
  await expect(page.getByRole('alert')).toContainText('the workbook is password-protected (encrypted)');
  await dropFile(page, 'invoice.pdf', Buffer.from('%PDF-1.7'));
  await expect(page.getByRole('alert')).toContainText('“invoice.pdf” is not a CSV or Excel (.xlsx) export.');
});
