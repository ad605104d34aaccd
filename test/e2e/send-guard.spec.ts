import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { SendPlan } from '../../shared/outreach/guard';
import type { CustomerInvoice } from '../../shared/api';
import { startSmtpSink } from '../helpers/smtp-sink';
import { expect, test, openWithSample, useTestMailbox } from './fixtures';

/** The screen at 1280×800 in the light theme, then the dark one, for a look at the PNGs (SHOTS_DIR, else the test's output folder). */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR ?? testInfo.outputPath();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: join(dir, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: join(dir, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Seen: a bulk "First reminder" demanded payment of an invoice the customer disputes. Ticked in the
 * worklist, that customer's message now leaves the disputed invoice out, says so with the reason,
 * and the message that reaches the SMTP server does not name it.
 */
test('a disputed invoice of a customer ticked for a bulk send is dropped, with its reason shown', async ({ page, app }, testInfo) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port);
    // A customer near the top of the queue whose first reminder would list at least two invoices.
    const top = (await app.core.dispatch('worklist.list', { limit: 30 })) as { rows: { customerId: number }[] };
    const plan = (await app.core.dispatch('outreach.plan', {
      kind: 'template',
      templateId: 'first-reminder',
      customerIds: top.rows.map((r) => r.customerId),
    })) as SendPlan;
    const target = plan.messages.find((m) => m.draft !== null && m.verdict.held === null && m.draft.invoiceIds.length >= 2)!;
    const [disputedId, keptId] = target.draft!.invoiceIds;
    const invoices = (await app.core.dispatch('customer.invoices', { customerId: target.customerId, openOnly: true })) as CustomerInvoice[];
    const numberOf = (id: number | undefined) => invoices.find((i) => i.id === id)!.number;

    // Tick the customer in the worklist as a collector does: walk to it with j, x, then e. The
    // dispute comes after the tick (a dispute works the account, which then rests out of the queue).
    await page.reload();
    const queue = (await app.core.dispatch('worklist.list', { limit: 1000 })) as { rows: { customerId: number }[] };
    const index = queue.rows.findIndex((r) => r.customerId === target.customerId);
    await expect(page.getByTestId('worklist-list')).toBeVisible();
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    await expect(page.getByTestId('worklist-pane')).toContainText(target.customerName);
    await page.keyboard.press('x');
    await app.core.dispatch('activity.openDispute', { customerId: target.customerId, invoiceIds: [disputedId], reasonCode: 'pricing' });
    await page.keyboard.press('e');

    const bulk = page.getByTestId('bulk-send');
    // It opens on the first reminder's preview, the keyboard on the messages.
    await expect(page.getByTestId('bulk-list')).toBeFocused();
    await expect(page.getByTestId('bulk-dropped')).toContainText(`${numberOf(disputedId)} left out: Disputed`);
    const frame = page.frameLocator('[data-testid="message-frame"]').locator('body');
    await expect(frame).toContainText(numberOf(keptId));
    await expect(frame).not.toContainText(numberOf(disputedId));
    await shoot(page, testInfo, 'bulk-send-preview');

    await bulk.getByRole('button', { name: 'Send 1 message' }).click();
    await page.getByTestId('send-confirm').getByRole('button', { name: 'Yes, send 1 message' }).click();
    await expect(page.getByTestId('batch-progress-bar')).toContainText('Done', { timeout: 30_000 });
    await expect.poll(() => sink.received.length).toBe(1);
    expect(sink.received[0]!.mail.text).toContain(numberOf(keptId));
    expect(sink.received[0]!.mail.text).not.toContain(numberOf(disputedId));
  } finally {
    await sink.close();
  }
});

/** The ladder's "send" previews every message like a bulk send; a customer emailed by hand today gets nothing from it, and the preview says why. */
test('the ladder send preview shows what the guard held, and another message today', async ({ page, app }, testInfo) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port);
    const before = (await app.core.dispatch('outreach.plan', { kind: 'ladder' })) as SendPlan;
    const emailed = before.messages.find((m) => m.draft !== null && m.draft.templateId !== 'pre-due-nudge')!;
    await app.core.dispatch('outreach.queue', { messages: [{ customerId: emailed.customerId, templateId: 'first-reminder' }] });
    await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(1);

    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.getByRole('tab', { name: 'Ladder' }).click();
    await page.getByRole('button', { name: /^Preview and send the \d+ emails?$/ }).click();
    const list = page.getByTestId('bulk-list');
    await expect(list.locator('li').first()).toBeVisible();
    // A customer with an invoice left out of its message, as the first screen shows it.
    await list.locator('li', { hasText: 'left out' }).first().click();
    await expect(page.getByTestId('bulk-dropped')).toBeVisible();
    await shoot(page, testInfo, 'ladder-send-preview');
    // Sending asks first, with the number typed for a batch this big; cancelling sends nothing.
    const bulk = page.getByTestId('bulk-send');
    await bulk.getByRole('button', { name: /^Send \d+ messages$/ }).click();
    await expect(page.getByTestId('send-confirm').getByLabel(/^Type \d+ to confirm$/)).toBeFocused();
    await shoot(page, testInfo, 'ladder-send-confirm');
    await page.getByTestId('send-confirm').getByRole('button', { name: 'Cancel' }).click();
    await list.locator('li', { hasText: emailed.customerName }).click();
    await expect(page.getByTestId('bulk-held')).toContainText('Also emailed today by a manual send (First reminder): one message a day per customer.');
    await expect(list.locator('li', { hasText: emailed.customerName })).toHaveClass('skipped');
    await bulk.getByRole('button', { name: 'Close' }).click();
    expect(sink.received).toHaveLength(1);
  } finally {
    await sink.close();
  }
});
