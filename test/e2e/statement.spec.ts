import { mkdirSync } from 'node:fs';
import { expect, test, openWithSample } from './fixtures';

/** Shift+S on a customer page: the statement's figures in the side pane and its PDF to save; light and dark at 1280×800. */
test('Shift+S shows the statement beside the customer and saves its PDF', async ({ page, appUrl }) => {
  mkdirSync('/tmp/shots-documents', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, appUrl);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-page')).toBeVisible();
  await page.keyboard.press('Shift+S');
  const panel = page.getByTestId('statement-panel');
  await expect(panel).toContainText('Total due');
  await page.screenshot({ path: '/tmp/shots-documents/customer-statement-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/shots-documents/customer-statement-dark.png' });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: /Save PDF/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^statement-.+\.pdf$/);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});
