import { startSmtpSink } from '../helpers/smtp-sink';
import { expect, test } from './fixtures';

/** The ladder's dry run on the sample data, then its email steps sent once: a second run has nothing left to send. */
test('the ladder dry run lists what it would send and why invoices are held; sending takes each step once', async ({ page, app }) => {
  const sink = await startSmtpSink();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Load the sample dataset' }).click();
    await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
    await app.core.dispatch('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
    await app.core.dispatch('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000 });
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.getByRole('tab', { name: 'Ladder' }).click();
    const messages = page.getByTestId('ladder-messages').locator('tbody tr');
    await expect(messages.first()).toBeVisible();
    await expect(page.getByTestId('ladder-excluded')).toContainText('Disputed');
    const send = page.getByRole('button', { name: /^Send the \d+ email steps? now$/ });
    const emails = Number(/(\d+)/.exec(await send.innerText())![1]);
    expect(emails).toBeGreaterThan(5);
    await send.click();
    await expect(page.getByTestId('ladder')).toContainText('queued; see the Outbox');
    await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(emails);
    await expect(page.getByRole('button', { name: /^Send the 0 email steps now$/ })).toBeDisabled();
  } finally {
    await sink.close();
  }
});
