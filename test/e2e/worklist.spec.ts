import type { Page } from '@playwright/test';
import { localToday } from '../../shared/dates';
import { expect, test, openWithSample } from './fixtures';

/**
 * A collector's morning, keyboard only, on the sample data: ten accounts — calls, a promise, a
 * note, a snooze, a dispute — then a reload shows the same queue and timeline.
 */
const selectedName = (page: Page) => page.locator('[data-testid="worklist-row"][aria-selected="true"] .queue-name').innerText();

/**
 * Moves the selection with k (to the top) and then j, as a collector would, until the customer is
 * selected: the queue renders only the rows in view, so reading it whole is not how it is used.
 */
async function selectByKeyboard(page: Page, name: string): Promise<void> {
  for (const key of ['k', 'j']) {
    let current = await selectedName(page);
    for (let step = 0; step < 500 && current !== name; step++) {
      await page.keyboard.press(key);
      const next = await selectedName(page);
      if (next === current) break;
      current = next;
    }
    if (current === name) return;
  }
  throw new Error(`${name} is not in the queue`);
}

test('a collector processes accounts with the keyboard only, and a reload agrees', async ({ page, app }) => {
  await openWithSample(page, app.url);
  const done = page.getByTestId('worklist-done');
  await expect(done).toContainText('0 done today');
  const toContact = async () => Number(/(\d+) customers to contact/.exec(await done.innerText())?.[1]);
  const before = await toContact();

  const worked: string[] = [];
  for (let account = 0; account < 6; account++) {
    const name = await selectedName(page);
    worked.push(name);
    await page.keyboard.press('c');
    await expect(page.getByTestId('call-form')).toBeVisible();
    await page.keyboard.press(account % 2 === 0 ? '1' : '3');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('call-form')).toBeHidden();
    await expect.poll(() => selectedName(page)).not.toBe(name);
  }
  await expect(done).toContainText('6 done today');

  // Promise on the next account, then a note on the one after.
  const promised = await selectedName(page);
  await page.keyboard.press('p');
  await page.keyboard.type('1250.00');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => selectedName(page)).not.toBe(promised);
  const noted = await selectedName(page);
  await page.keyboard.press('n');
  await page.keyboard.type('Asked for a copy of <INV-42> & a statement');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => selectedName(page)).not.toBe(noted);

  // Snooze the next one: it leaves the queue.
  const snoozed = await selectedName(page);
  await page.keyboard.press('s');
  await page.keyboard.type('AP on holiday');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => selectedName(page)).not.toBe(snoozed);
  await expect(done).toContainText('9 done today');

  // A dispute on the first open invoice of the tenth account not already disputed (focus skips those).
  const disputed = await selectedName(page);
  await page.keyboard.press('d');
  await expect(page.getByTestId('dispute-form').getByRole('checkbox', { disabled: false }).first()).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => selectedName(page)).not.toBe(disputed);
  await expect(done).toContainText('10 done today');

  await page.reload();
  await expect(done).toContainText('10 done today');
  // The snoozed customer left the queue, and so did the promised one (no invoice ticked: the promise
  // covers the whole account until its day); the others were worked, not cleared.
  expect(await toContact()).toBe(before - 2);
  const names = await page.locator('[data-testid="worklist-row"] .queue-name').allInnerTexts();
  expect(names).not.toContain(snoozed);
  expect(names).not.toContain(promised);

  // The promised customer's timeline shows the promise first; the note is text, not markup.
  const listed = (await app.core.dispatch('customers.list', { asOf: localToday() })) as { id: number; name: string }[];
  const customerId = listed.find((c) => c.name === promised)!.id;
  expect(((await app.core.dispatch('customer.timeline', { customerId })) as { kind: string }[])[0]).toMatchObject({ kind: 'promise' });
  await selectByKeyboard(page, disputed);
  await expect(page.getByTestId('timeline').locator('li').first()).toContainText('Dispute opened');
  await selectByKeyboard(page, noted);
  await expect(page.getByTestId('timeline').locator('li').first()).toContainText('Asked for a copy of <INV-42> & a statement');
});

test('w shows the score breakdown and Esc closes a form without saving', async ({ page, appUrl }) => {
  await openWithSample(page, appUrl);
  await page.keyboard.press('w');
  await expect(page.getByRole('table', { name: 'Score breakdown' })).toContainText('Overdue amount');
  const name = await selectedName(page);
  await page.keyboard.press('c');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('call-form')).toBeHidden();
  expect(await selectedName(page)).toBe(name);
  await expect(page.getByTestId('worklist-done')).toContainText('0 done today');

  // x ticks customers for bulk work; Esc (with no form open) clears the ticks.
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByTestId('worklist-ticked')).toContainText('2 ticked');
  await expect(page.locator('[data-testid="worklist-row"].ticked')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('worklist-ticked')).toBeHidden();
  await page.keyboard.press('k');

  await page.keyboard.press('/');
  await expect(page.getByLabel('Filter by collector')).toBeFocused();
  await page.getByLabel('Filter by currency').selectOption('EUR');
  const onlyEuros = async () => {
    const money = await page.locator('[data-testid="worklist-row"] .queue-money').allInnerTexts();
    return money.length > 0 && money.every((text) => text.includes('€'));
  };
  await expect.poll(onlyEuros).toBe(true);
});

test('a click on a row, or on any text in it, selects that customer and shows it in the pane', async ({ page, appUrl }) => {
  await openWithSample(page, appUrl);
  const rows = page.getByTestId('worklist-row');
  const third = await rows.nth(2).locator('.queue-name').innerText();
  await rows.nth(2).locator('.queue-money').click();
  await expect.poll(() => selectedName(page)).toBe(third);
  await expect(page.getByTestId('worklist-pane').getByRole('heading')).toContainText(third);
  const first = await rows.nth(0).locator('.queue-name').innerText();
  await rows.nth(0).click();
  await expect.poll(() => selectedName(page)).toBe(first);
  await expect(page.getByTestId('worklist-pane').getByRole('heading')).toContainText(first);
});

// In the desktop app actions travel over IPC to the local database, so they never need the network;
// this browser host talks HTTP on loopback, which Chromium's offline switch also cuts, so only the
// indicator is checked here.
test('the status pill says when the machine goes offline and comes back', async ({ page, appUrl, context }) => {
  await page.goto(appUrl);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
});

test('Enter opens the customer page: balances, open invoices, contacts and a filterable timeline', async ({ page, appUrl }) => {
  await openWithSample(page, appUrl);
  const name = await selectedName(page);
  await page.keyboard.press('Enter');
  const customer = page.getByTestId('customer-page');
  await expect(customer.getByRole('heading', { name })).toBeVisible();
  await expect(customer).toContainText('Pays on average');
  await expect(page.getByTestId('customer-aging')).toBeVisible();
  await expect(page.getByTestId('customer-invoices')).toContainText('INV-');
  await expect(page.getByTestId('contacts').locator('li').first()).toContainText('@');
  await page.getByLabel('Timeline shows').selectOption('payment');
  const titles = await page.getByTestId('timeline').locator('.timeline-title').allInnerTexts();
  expect(titles.length).toBeGreaterThan(0);
  expect(new Set(titles)).toEqual(new Set(['Payment received']));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('worklist-list')).toBeVisible();
});
