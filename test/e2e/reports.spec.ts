import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Reports → Trends & KPIs on the sample data: every chart renders, a bar and a tile drill down to
 * the invoices behind them, and tables and charts export. SHOTS_DIR, when set, keeps screenshots of
 * both themes for review.
 */
async function openTrends(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Load the sample dataset' }).click();
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /Reports/ }).click();
  await page.getByRole('tab', { name: 'Trends & KPIs' }).click();
  await expect(page.getByTestId('kpi-tiles')).toBeVisible({ timeout: 20_000 });
}

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

test('the trends tab renders the KPI tiles, both aging trend charts and the attribution table', async ({ page, appUrl }) => {
  await openTrends(page, appUrl);
  for (const kpi of ['dsoCountback', 'dsoSimple', 'bestPossibleDso', 'add', 'cei', 'pastDuePct']) {
    const tile = page.getByTestId(`kpi-${kpi}`);
    await expect(tile.locator('.tile-value')).toHaveText(/^\d[\d,.]*(\s?d|%)$/);
    await expect(tile.locator('.sparkline .recharts-line-curve')).toBeVisible();
  }
  await expect(page.getByTestId('aging-trend-bars').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('aging-trend-lines').locator('.recharts-line-curve')).toHaveCount(6);
  await expect(page.getByTestId('attribution-table')).toContainText('No touch');
  await shoot(page, 'trends-light');

  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await shoot(page, 'trends-dark');
});

test('a bar and a tile drill down to their invoices, which export to CSV and XLSX; a chart exports to PNG', async ({ page, appUrl }) => {
  await openTrends(page, appUrl);
  await page.getByTestId('aging-trend-bars').locator('.trend-bar.bucket-0 .recharts-bar-rectangle').last().click();
  const drill = page.getByTestId('drilldown');
  await expect(drill).toContainText('Current ·');
  await expect(drill.getByTestId('drilldown-table').locator('tbody tr:not(.spacer)').first()).toBeVisible();
  await shoot(page, 'drilldown-light');

  const csv = page.waitForEvent('download');
  await drill.getByRole('button', { name: 'CSV' }).click();
  expect((await csv).suggestedFilename()).toMatch(/^invoices-current-\d{4}-\d{2}-\d{2}\.csv$/);
  const xlsx = page.waitForEvent('download');
  await drill.getByRole('button', { name: 'XLSX' }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();
  await page.getByTestId('kpi-pastDuePct').click();
  await expect(drill).toContainText('% past due ·');
  await expect(drill.getByTestId('drilldown-table')).toContainText('INV-');

  await page.getByTestId('attribution-table').getByRole('row', { name: /No touch/ }).dblclick();
  await expect(drill).toContainText('No touch · last touch');
  await expect(drill.getByTestId('drilldown-table').locator('tbody tr:not(.spacer)').first()).toBeVisible();
  await shoot(page, 'drilldown-payments');

  const png = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Aging by month' }).getByRole('button', { name: 'PNG' }).click();
  const saved = await png;
  if (process.env.SHOTS_DIR) await saved.saveAs(`${process.env.SHOTS_DIR}/exported-chart.png`);
  expect(saved.suggestedFilename()).toMatch(/^aging-by-month-[A-Z]{3}\.png$/);
  const bytes = await (await saved.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(1, 4).toString()).toBe('PNG');
});
