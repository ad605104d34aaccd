import { expect, test } from './fixtures';

/** The Settings screen's shell sections, by keyboard: data folder, a backup taken, previewed and staged for restore; updates saved. */
test('settings: back up, preview with counts, stage a restore, export, and save backups kept; no update address to set', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Load the sample dataset' }).click();
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const data = page.getByTestId('data-setting');
  await expect(data).toContainText('Everything is kept encrypted on this computer');
  await expect(data).toContainText('No backups yet');
  await data.getByRole('button', { name: 'Back up now' }).click();
  await expect(data.getByRole('row')).toHaveCount(2);
  await data.getByRole('button', { name: 'Preview' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('backup-preview')).toContainText(/\d+ customers, [\d,]+ invoices \([\d,]+ open\)/);
  await expect(page.getByTestId('erp-setting')).toContainText('ERP connection');
  await expect(page.getByTestId('policies-setting')).toContainText('edited on the Outreach screen');

  for (const theme of ['Light', 'Dark'] as const) {
    await page.locator('label.segment', { hasText: new RegExp(`^${theme}$`) }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    for (const section of ['email-setting', 'data-setting', 'updates-setting']) {
      // Scroll the settings pane itself, as a user would (scrollIntoView would also shift the fixed shell).
      await page.locator('.settings').evaluate((pane: HTMLElement, id) => {
        const target = pane.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
        pane.scrollTop = target.offsetTop - pane.offsetTop - 8;
      }, section);
      await page.screenshot({ path: `/tmp/shots-shell/${section}-${theme.toLowerCase()}.png` });
    }
  }

  // The browser host has no key vault: both key changes are shown, disabled, with the reason.
  const key = page.getByTestId('database-key');
  await expect(key).toContainText('its database key comes from INFLOW_DB_KEY');
  await expect(key.getByRole('button', { name: 'Rotate database key' })).toBeDisabled();
  await expect(key.getByRole('button', { name: 'Change passphrase' })).toBeDisabled();
  await expect(key.getByLabel('New passphrase', { exact: true })).toHaveAttribute('placeholder', 'At least 10 characters');

  await data.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(data).toContainText('Restart Inflow to finish restoring');
  // Restart now reopens the database in the host (the staged backup takes its place) and reloads the page.
  await data.getByRole('button', { name: 'Restart now' }).click();
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(data.getByRole('row')).toHaveCount(2);
  await expect(data).not.toContainText('Restart Inflow to finish restoring');
  await data.getByLabel('Export everything, protected by a passphrase').fill('an export passphrase');
  await data.getByRole('button', { name: 'Export' }).click();
  await expect(data).toContainText(/Exported to .*inflow-export-/);

  const updates = page.getByTestId('updates-setting');
  await expect(updates).toContainText('Updates are checked by the desktop app.');
  await expect(updates).toContainText('only from its own signed release server');
  await expect(updates.getByLabel('Update address')).toHaveCount(0);
  await updates.getByLabel('Backups to keep').fill('0');
  await expect(updates).toContainText('Keep between 1 and 60 backups.');
  await updates.getByLabel('Backups to keep').fill('10');
  await updates.getByRole('button', { name: 'Save' }).click();
  await expect(updates.getByRole('status')).toHaveText('Saved');
  await page.reload();
  // The keys work once the app has loaded its data again.
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByTestId('updates-setting').getByLabel('Backups to keep')).toHaveValue('10');
});
