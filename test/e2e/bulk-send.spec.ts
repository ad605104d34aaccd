import { startSmtpSink } from '../helpers/smtp-sink';
import { expect, test, openWithSample, useTestMailbox } from './fixtures';

/**
 * Bulk send from the worklist, keyboard first: tick 50 customers, choose a template, preview every
 * message (those the send guard holds already crossed out) and skip one, confirm by typing the
 * number, and watch the progress reach the end; the SMTP server on 127.0.0.1 gets exactly the
 * messages the summary says were sent.
 */
test('bulk send 50 reminders from the worklist with preview and progress', async ({ page, app }) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port, 'Northwind AR');

    for (let i = 0; i < 50; i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('j');
    }
    await expect(page.getByTestId('worklist-ticked')).toContainText('50 ticked');
    await page.keyboard.press('e');

    const bulk = page.getByTestId('bulk-send');
    await expect(bulk).toContainText('Send to 50 customers');
    // It opens on the preview of the first reminder, the keyboard on the messages; Back changes the template.
    await expect(page.getByTestId('bulk-list')).toBeFocused();
    await bulk.getByRole('button', { name: 'Back' }).click();
    await bulk.getByLabel('Template').selectOption('second-reminder');
    await bulk.getByRole('button', { name: 'Preview 50 messages' }).click();
    await expect(page.getByTestId('bulk-list').locator('li')).toHaveCount(50);
    await expect(page.getByTestId('message-preview').first()).toContainText('Subject');
    // The HTML part, shown first, is a sandboxed frame of its own.
    await expect(page.frameLocator('[data-testid="message-frame"]').locator('body')).toContainText('Dana Reyes');
    // The send guard may hold some customers (nothing past due left to remind about); x skips one more.
    const going = async () => Number(/^Send (\d+) messages?$/.exec(await bulk.getByRole('button', { name: /^Send \d+ messages?$/ }).innerText())![1]);
    const before = await going();
    await expect(page.getByTestId('bulk-list').locator('li.skipped')).toHaveCount(50 - before);
    await page.getByTestId('bulk-list').locator('li:not(.skipped)').first().click();
    await page.locator('body').press('x');
    await expect(page.getByTestId('bulk-list').locator('li.skipped')).toHaveCount(51 - before);
    const count = await going();
    expect(count).toBe(before - 1);
    await bulk.getByRole('button', { name: `Send ${count} messages` }).click();
    // Over 25 messages: the number is typed before anything goes.
    const confirm = page.getByTestId('send-confirm');
    await expect(confirm.getByRole('button', { name: `Yes, send ${count} messages` })).toBeDisabled();
    await confirm.getByLabel(`Type ${count} to confirm`).fill(String(count));
    await confirm.getByRole('button', { name: `Yes, send ${count} messages` }).click();

    await expect(page.getByTestId('batch-progress-bar')).toContainText('Done', { timeout: 30_000 });
    const summary = await page.getByTestId('batch-summary').innerText();
    const sent = Number(/(\d+) sent/.exec(summary)?.[1]);
    expect(sent).toBeGreaterThan(40);
    expect(summary).toContain('0 failed');
    await expect.poll(() => sink.received.length).toBe(sent);
    expect(new Set(sink.received.map((r) => r.mail.messageId)).size).toBe(sent);
    await expect(page.getByTestId('outbox-table')).toContainText('Sent');
  } finally {
    await sink.close();
  }
});

/** Shift+X ticks the whole filtered queue; "the ladder's next step" previews each customer's due step, lists who is held and why, and sends each step once. */
test("bulk send of the ladder's next step to every customer the filters match", async ({ page, app }) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port);
    const { total } = (await app.core.dispatch('worklist.list', {})) as { total: number };
    const due = (await app.core.dispatch('ladder.run', { dryRun: true })) as { messages: { customerId: number; step: { channel: string } }[] };
    const queued = (await app.core.dispatch('worklist.list', { limit: 1000 })) as { rows: { customerId: number }[] };
    // The whole queue in one page, so the counts below are complete.
    expect(queued.rows).toHaveLength(total);
    const inQueue = new Set(queued.rows.map((r) => r.customerId));
    const emails = due.messages.filter((m) => m.step.channel === 'email' && inQueue.has(m.customerId)).length;

    await page.keyboard.press('Shift+X');
    await expect(page.getByTestId('worklist-ticked')).toContainText(`${inQueue.size} ticked`);
    await page.keyboard.press('e');
    const bulk = page.getByTestId('bulk-send');
    await bulk.getByRole('button', { name: 'Back' }).click();
    await bulk.getByLabel('Template').selectOption({ label: 'The ladder’s next step for each customer' });
    await bulk.getByRole('button', { name: /^Preview/ }).click();
    await expect(page.getByTestId('bulk-list').locator('li')).toHaveCount(inQueue.size);
    await expect(page.getByTestId('bulk-list').locator('li.skipped')).toHaveCount(inQueue.size - emails);
    // Walk to a held customer: the preview says why nothing goes.
    for (let i = 0; i < inQueue.size && !(await page.getByTestId('bulk-held').isVisible()); i++) await page.locator('body').press('j');
    await expect(page.getByTestId('bulk-held')).toContainText(/Nothing goes to this customer: /);
    await bulk.getByRole('button', { name: `Send ${emails} messages` }).click();
    const confirm = page.getByTestId('send-confirm');
    if (emails > 25) await confirm.getByLabel(`Type ${emails} to confirm`).fill(String(emails));
    await confirm.getByRole('button', { name: `Yes, send ${emails} messages` }).click();
    await expect(page.getByTestId('batch-progress-bar')).toContainText('Done', { timeout: 60_000 });
    await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(emails);
    const after = (await app.core.dispatch('ladder.run', { dryRun: true })) as { messages: { customerId: number; step: { channel: string } }[] };
    expect(after.messages.filter((m) => m.step.channel === 'email' && inQueue.has(m.customerId))).toEqual([]);
  } finally {
    await sink.close();
  }
});

/**
 * Issue 19, a day of use: Esc leaves the bulk send as Close does (from the confirmation it goes back
 * to the preview first; seen: Esc did nothing there), and the message a sent row opens is shown whole
 * at 1280×800 (seen: the invoice table's last column was cut off by a narrow panel).
 */
test('Esc leaves the bulk send; the sent message a row opens fits its panel', async ({ page, app }) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port);
    await page.keyboard.press('x');
    await page.keyboard.press('e');
    const bulk = page.getByTestId('bulk-send');
    await expect(page.getByTestId('bulk-list')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(bulk).toBeHidden();

    await page.locator('body').press('g');
    await page.locator('body').press('w');
    await page.keyboard.press('x');
    await page.keyboard.press('e');
    await bulk.getByRole('button', { name: /^Send 1 message/ }).click();
    const confirm = page.getByTestId('send-confirm');
    await expect(confirm).toBeVisible();
    await page.locator('body').press('Escape');
    await expect(confirm).toBeHidden();
    await expect(bulk).toBeVisible();
    await bulk.getByRole('button', { name: /^Send 1 message/ }).click();
    await confirm.getByRole('button', { name: 'Yes, send 1 message' }).click();
    await expect(page.getByTestId('batch-progress-bar')).toContainText('Done', { timeout: 30_000 });
    await bulk.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('outbox-table').locator('tbody tr:not(.spacer)').first().dblclick();
    const body = page.frameLocator('[data-testid="sent-message-frame"]').locator('body');
    await expect(body).toContainText('Dana Reyes');
    const width = await body.evaluate((element) => ({
      content: element.ownerDocument.documentElement.scrollWidth,
      frame: element.ownerDocument.documentElement.clientWidth,
    }));
    expect(width.content).toBeLessThanOrEqual(width.frame);
  } finally {
    await sink.close();
  }
});
