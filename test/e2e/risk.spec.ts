import { expect, test } from './fixtures';

/** The learned risk where collectors see it (the worklist pane, the customer header) and the two report charts. */
test('risk shows in the pane and the customer header with its reasons; reports draw the risk distribution and the cash forecast', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Load the sample dataset' }).click();
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });

  const paneRisk = page.getByTestId('worklist-pane').getByTestId('customer-risk');
  await expect(paneRisk).toContainText('% likely late');
  await expect(paneRisk.getByRole('list', { name: 'Why' }).locator('li')).toHaveCount(3);

  await page.keyboard.press('Enter');
  const headerRisk = page.getByTestId('customer-page').getByTestId('customer-risk');
  await expect(headerRisk).toContainText('% likely late');
  await expect(headerRisk.getByRole('list', { name: 'Why' }).locator('li')).toHaveCount(3);

  await page.getByRole('button', { name: /Reports/ }).click();
  await page.getByRole('tab', { name: 'Trends & KPIs' }).click();
  const distribution = page.getByTestId('risk-distribution-chart');
  await expect(distribution).toContainText('Habitually late');
  await expect(distribution.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const forecast = page.getByTestId('cash-forecast-chart');
  await expect(forecast).toContainText('expected after 13 weeks');
  await expect(forecast.locator('.forecast-line path, path.forecast-line').first()).toBeVisible();
});
