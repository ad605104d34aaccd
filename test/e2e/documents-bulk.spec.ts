import { mkdirSync } from 'node:fs';
import { expect, test, openWithSample } from './fixtures';

const SHOTS = '/tmp/shots-documents';

/** Shift+S on the worklist with customers ticked: their statements as one PDF, with a progress bar. */
test("the ticked customers' statements are made as one PDF with progress", async ({ page, appUrl }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, appUrl);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('x');
    await page.keyboard.press('j');
  }
  await expect(page.getByTestId('worklist-ticked')).toContainText('3 ticked');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Shift+S');
  await expect(page.getByTestId('bulk-statements')).toBeVisible();
  expect((await download).suggestedFilename()).toMatch(/^statements-.+\.pdf$/);
  await expect(page.getByTestId('bulk-statements')).toContainText('3 statements saved');
  await page.screenshot({ path: `${SHOTS}/worklist-bulk-statements-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/worklist-bulk-statements-dark.png` });
});

/** Outreach → Letters: today's paper steps as the send guard leaves them, printed as one PDF, then marked posted. */
test("today's letters are listed with what the guard held, printed and marked posted", async ({ page, app }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  // A ladder whose first step is a letter: every overdue customer the guard lets through gets one today.
  await app.core.dispatch('ladder.savePolicy', {
    id: 'standard',
    name: 'Paper first',
    segments: [],
    steps: [{ id: 'letter', label: 'Reminder letter', offsetDays: 1, channel: 'letter', templateId: 'first-reminder', senderRole: 'collector', tone: 'firm' }],
  });
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Letters' }).click();
  const tab = page.getByTestId('letters-tab');
  await expect(tab.getByTestId('letters-due')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/outreach-letters-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/outreach-letters-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  const rows = await tab.getByTestId('letters-due').locator('tbody tr').count();
  const download = page.waitForEvent('download');
  await tab.getByRole('button', { name: "Print today's letters" }).click();
  expect((await download).suggestedFilename()).toMatch(/^letters-.+\.pdf$/);
  await tab.getByRole('button', { name: /^Mark \d+ letters? posted$/ }).click();
  await expect(tab.getByTestId('letters-result')).toContainText(`${rows} ${rows === 1 ? 'letter' : 'letters'} marked posted`);
  await expect(tab.getByTestId('letters-due')).toBeHidden();
});

/** Settings: the letterhead, charge policies per segment and the reference rates, saved through the same calls the core checks. */
test('the letterhead, a charge policy and a reference rate are kept from Settings', async ({ page, app }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const letterhead = page.getByTestId('letterhead-setting');
  await letterhead.getByLabel('Address (one line each, up to 6)').fill('12 Harbour Street\nDublin D02 X285\nIreland');
  await letterhead.getByLabel('Tax ID').fill('IE9876543W');
  await letterhead.getByRole('button', { name: 'Save letterhead' }).click();
  await expect(letterhead).toContainText('Saved');
  expect(await app.core.dispatch('documents.company', {})).toMatchObject({
    addressLines: ['12 Harbour Street', 'Dublin D02 X285', 'Ireland'],
    taxId: 'IE9876543W',
  });

  const charges = page.getByTestId('charges-setting');
  await charges.getByRole('button', { name: 'Add a policy' }).click();
  await charges.getByLabel('Policy name').fill('EU statutory');
  await charges.getByRole('button', { name: 'Save charge policies' }).click();
  await expect(charges).toContainText('Saved');
  expect(await app.core.dispatch('charges.policies', {})).toMatchObject([{ name: 'EU statutory', kind: 'eu_directive', segments: [] }]);

  const rates = page.getByTestId('reference-rates-setting');
  await rates.getByLabel('Effective from').fill('2026-12-01');
  await rates.getByLabel('Rate in percent').fill('2,05');
  await rates.getByRole('button', { name: 'Add rate' }).click();
  await expect(rates.getByRole('table', { name: 'Your reference rates' })).toContainText('2.05');

  await letterhead.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-letterhead-light.png` });
  await charges.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-charges-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/settings-charges-dark.png` });
  await letterhead.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-letterhead-dark.png` });
});
