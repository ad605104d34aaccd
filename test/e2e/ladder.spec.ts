import { startSmtpSink } from '../helpers/smtp-sink';
import { expect, test, openWithSample, useTestMailbox } from './fixtures';

/** The ladder's dry run on the sample data, then its email steps sent once, after the preview and a typed confirmation: a second run has nothing left to send. */
test('the ladder dry run lists what it would send and why invoices are held; sending previews, confirms and takes each step once', async ({ page, app }) => {
  const sink = await startSmtpSink();
  try {
    await openWithSample(page, app.url);
    await useTestMailbox(app.core, sink.port);
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.getByRole('tab', { name: 'Ladder' }).click();
    const messages = page.getByTestId('ladder-messages').locator('tbody tr');
    await expect(messages.first()).toBeVisible();
    await expect(page.getByTestId('ladder-excluded')).toContainText('Disputed');
    // "Send" opens the same preview as a bulk send: every message, skips, and a typed confirmation.
    const send = page.getByRole('button', { name: /^Preview and send the \d+ emails?$/ });
    const emails = Number(/(\d+)/.exec(await send.innerText())![1]);
    expect(emails).toBeGreaterThan(25);
    await send.click();
    const bulk = page.getByTestId('bulk-send');
    await expect(bulk.getByRole('button', { name: `Send ${emails} messages` })).toBeVisible();
    expect(sink.received).toHaveLength(0);
    await bulk.getByRole('button', { name: `Send ${emails} messages` }).click();
    await page.getByTestId('send-confirm').getByLabel(`Type ${emails} to confirm`).fill(String(emails));
    await page
      .getByTestId('send-confirm')
      .getByRole('button', { name: `Yes, send ${emails} messages` })
      .click();
    await expect(page.getByTestId('batch-progress-bar')).toContainText('Done', { timeout: 60_000 });
    await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(emails);
    await bulk.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: /^Preview and send the 0 emails$/ })).toBeDisabled();
  } finally {
    await sink.close();
  }
});

/** A ladder letter step reaches the worklist as a reason; t records it posted and the queue stops asking. */
test('a due ladder letter shows in the worklist and is marked posted with t', async ({ page, app }) => {
  await openWithSample(page, app.url);
  const [standard] = (await app.core.dispatch('ladder.policies', {})) as { steps: { id: string; channel: string; label: string }[] }[];
  await app.core.dispatch('ladder.savePolicy', {
    ...standard,
    steps: standard!.steps.map((step) => (step.id === 'manager' ? { ...step, id: 'letter', label: 'Letter', channel: 'letter' } : step)),
  });
  await page.reload();
  const pane = page.getByTestId('worklist-pane');
  await expect(page.getByTestId('worklist-list')).toBeVisible();
  // Walk the queue with j until a customer with the letter due is selected, as a collector would.
  for (let i = 0; i < 60 && !(await pane.getByText('Letter due').isVisible()); i++) await page.keyboard.press('j');
  await expect(pane.getByText('Letter due')).toBeVisible();
  const externalId = await pane.locator('h2 .muted').innerText();
  await page.keyboard.press('t');
  await page.getByTestId('ladder-task-form').getByRole('textbox').fill('Posted first class, ref 4411');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('ladder-task-form')).toBeHidden();
  const { customerId } = (await app.core.dispatch('customer.lookup', { externalId })) as { customerId: number };
  const timeline = (await app.core.dispatch('customer.timeline', { customerId })) as { title: string; detail: string }[];
  expect(timeline[0]).toMatchObject({ title: 'Ladder step done', detail: expect.stringContaining('Posted first class, ref 4411') });
  // Other invoices of the customer may be at another step; none is at the letter any more.
  const { rows } = (await app.core.dispatch('worklist.list', { limit: 1000 })) as {
    rows: { externalId: string; reasons: { code: string; channel?: string }[] }[];
  };
  const reasons = rows.filter((row) => row.externalId === externalId).flatMap((row) => row.reasons);
  expect(reasons.filter((r) => r.channel === 'letter')).toEqual([]);
});
