import type { Page } from '@playwright/test';
import { addDays, localToday } from '../../shared/dates';
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

  await page.getByTestId('cash-forecast-chart').scrollIntoViewIfNeeded();
  await shoot(page, 'trends-risk-light');

  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await shoot(page, 'trends-risk-dark');
  await page.getByTestId('kpi-tiles').scrollIntoViewIfNeeded();
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

  await page
    .getByTestId('attribution-table')
    .getByRole('row', { name: /No touch/ })
    .dblclick();
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

test('the risk distribution and the cash forecast drill down to their invoices and export; an earlier run shows what came in', async ({ page, app }) => {
  await openTrends(page, app.url);
  const drill = page.getByTestId('drilldown');

  await page.getByTestId('risk-distribution-bars').locator('.recharts-bar-rectangle').first().click();
  await expect(drill).toContainText('likely late');
  await expect(drill.getByTestId('drilldown-table')).toContainText('INV-');
  const csv = page.waitForEvent('download');
  await drill.getByRole('button', { name: 'CSV' }).click();
  expect((await csv).suggestedFilename()).toMatch(/^invoices-risk-\d+-\d+pct\.csv$/);
  await page.keyboard.press('Escape');

  const forecast = page.getByTestId('cash-forecast-chart');
  const plot = forecast.getByTestId('cash-forecast-plot').locator('.recharts-surface');
  const box = (await plot.boundingBox())!;
  // Over the second week (of 13), where the overdue invoices' catch-up share lands: it always has invoices.
  await page.mouse.move(box.x + box.width * (1.5 / 13) + 30, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width * (1.5 / 13) + 30, box.y + box.height / 2);
  await expect(drill).toContainText('Expected');
  await expect(drill.getByRole('columnheader', { name: 'Expected' })).toBeVisible();
  await expect(drill.getByTestId('drilldown-table')).toContainText('INV-');
  await page.keyboard.press('Escape');

  const table = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Customers by risk of paying late' }).getByRole('button', { name: 'XLSX' }).click();
  expect((await table).suggestedFilename()).toBe('customers-by-risk.xlsx');
  const png = page.waitForEvent('download');
  await forecast.getByRole('button', { name: 'PNG' }).click();
  const saved = await png;
  expect(saved.suggestedFilename()).toMatch(/^cash-forecast-[A-Z]{3}-\d{4}-\d{2}-\d{2}\.png$/);
  expect(
    Buffer.concat(await (await saved.createReadStream()).toArray())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');

  // A run stored five weeks ago: picked, it is drawn against what came in for its ended weeks.
  const past = addDays(localToday(), -35);
  const run = (await app.core.dispatch('forecast.run', { asOf: past })) as { runId: number };
  await page.getByRole('tab', { name: 'Aging' }).click();
  await page.getByRole('tab', { name: 'Trends & KPIs' }).click();
  await forecast.getByTestId('forecast-run').selectOption(String(run.runId));
  await expect(forecast.getByRole('heading')).toHaveText(/^Forecast vs actual · [A-Z]{3}$/);
  await expect(forecast).toContainText(/: 4 of 13 weeks ended · expected .+, came in /);
  await expect(forecast.locator('.forecast-actual .recharts-bar-rectangle').first()).toBeVisible();
  await forecast.scrollIntoViewIfNeeded();
  await shoot(page, 'forecast-vs-actual');
});
