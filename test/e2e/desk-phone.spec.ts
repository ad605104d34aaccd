import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { TimelineEntry } from '../../shared/activity';
import type { WorklistPage } from '../../shared/worklist';
import { expect, openWithSample, test, type TestApp } from './fixtures';
import { ACCOUNT_SID, AUTH_TOKEN, SENDER, startTwilioStandIn } from '../helpers/twilio-server';

/**
 * The phone at the desk (issue 25): Shift+C on the worklist dials the primary contact (on the web
 * host: the number to dial, with a copy button) and opens the call form with a running timer whose
 * length is saved with the call, corrected by hand; m writes a text from the worklist's pane with
 * the customer page's preview and guard; the ladder editor puts a text template on an sms step.
 */
const SHOTS = '/tmp/shots-desk-phone';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The queue's first customer, given a primary contact with a mobile number. */
async function firstWithPhone(app: TestApp): Promise<{ customerId: number; contactId: number }> {
  const page = (await app.core.dispatch('worklist.list', {})) as WorklistPage;
  const customerId = page.rows[0]!.customerId;
  const { contactId } = (await app.core.dispatch('contacts.save', {
    customerId,
    name: 'Jane Park',
    phone: '+1 415 555 2671',
    role: 'billing',
    isPrimary: true,
  })) as { contactId: number };
  return { customerId, contactId };
}

test('Shift+C dials the primary contact and the timed call is saved with its corrected length', async ({ page, app, context }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWithSample(page, app.url);
  const { customerId, contactId } = await firstWithPhone(app);
  await page.keyboard.press('Shift+C');
  const form = page.getByTestId('call-form');
  const dial = form.getByTestId('call-dial');
  await expect(dial).toContainText('Dial Jane Park on');
  await expect(dial.getByRole('link')).toHaveAttribute('href', 'tel:+14155552671');
  await expect(form.getByLabel('With')).toHaveValue(String(contactId));
  // The outcome keys work at once: focus is in the form, not stuck on the page.
  await expect(form.getByRole('radio', { name: /Reached/ })).toBeFocused();
  await expect(form.getByTestId('call-length')).not.toHaveValue('0:00');
  await shoot(page, 'worklist-dial');

  await dial.getByRole('button', { name: 'Copy number' }).focus();
  await page.keyboard.press('Enter');
  await expect(dial).toContainText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('+14155552671');
  await dial.getByRole('button', { name: 'End call' }).click();
  await expect(dial.getByRole('button', { name: 'Ended' })).toBeDisabled();
  await form.getByTestId('call-length').fill('3:07');
  await form.getByLabel('Notes').fill('Pays Friday');
  await form.getByLabel('Notes').press('Control+Enter');
  await expect(form).toBeHidden();

  const timeline = (await app.core.dispatch('customer.timeline', { customerId, limit: 50 })) as TimelineEntry[];
  expect(timeline.find((entry) => entry.kind === 'call')?.detail).toMatch(/^reached · 3 min 7 s · Pays Friday/);
  // The queue moved on and still takes its keys.
  await page.keyboard.press('c');
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
});

test('m texts the selected customer from the worklist pane, through the same preview and guard', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const api = await startTwilioStandIn();
  try {
    await app.core.dispatch('settings.sms.save', {
      provider: { baseUrl: api.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER },
      rules: { sendingHours: { start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7] } },
    });
    await openWithSample(page, app.url);
    const outreach = (await app.core.dispatch('settings.outreach.get', {})) as Record<string, unknown>;
    await app.core.dispatch('settings.outreach.save', { ...outreach, senderName: 'Dana Reyes', companyName: 'Northwind' });
    const { contactId } = await firstWithPhone(app);
    await page.keyboard.press('m');
    const panel = page.getByTestId('worklist-pane').getByRole('region', { name: 'Text message' });
    await expect(panel.getByLabel('Text template')).toBeFocused();
    await expect(panel).toContainText('No consent to texts');
    await expect(panel.getByRole('button', { name: 'Send text' })).toHaveAttribute('aria-disabled', 'true');
    await panel.getByRole('button', { name: 'Jane Park agreed to texts' }).click();
    await expect(panel).toContainText('To Jane Park +14155552671');
    await expect(panel.getByTestId('segments')).toContainText('part');
    await shoot(page, 'worklist-text');
    await panel.getByRole('button', { name: 'Send text' }).click();
    await expect(panel).toContainText('Queued');
    await expect.poll(() => api.messages.length).toBe(1);
    expect(api.messages[0]).toMatchObject({ to: '+14155552671' });
    // Esc from the panel's own field closes it; the queue's keys work again.
    await panel.getByLabel('Text template').focus();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await page.keyboard.press('j');
    await expect(page.getByTestId('worklist-pane')).toBeVisible();
    expect(contactId).toBeGreaterThan(0);
  } finally {
    await api.close();
  }
});

test('an sms step in the ladder editor offers the text templates and saves with one', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Ladder' }).click();
  await page.getByRole('button', { name: 'New policy' }).click();
  const editor = page.getByTestId('policy-editor');
  await editor.getByLabel('Policy name').fill('Texts first');
  await editor.getByRole('checkbox', { name: 'Enterprise' }).check();
  await editor.getByLabel('Step 2 channel').selectOption('sms');
  const template = editor.getByLabel('Step 2 template');
  await expect(template).toHaveValue('final-text');
  await expect(template.locator('option')).toHaveText(['Text: final notice', 'Text: payment link', 'Text: due soon']);
  await template.selectOption('payment-link');
  await expect(editor.getByTestId('step-issues')).toHaveCount(0);
  await shoot(page, 'ladder-sms-step');
  await editor.getByRole('button', { name: /^Save policy/ }).click();
  await expect(editor).toContainText('Saved.');
  const policies = (await app.core.dispatch('ladder.policies', {})) as { id: string; steps: { channel: string; templateId: string }[] }[];
  expect(policies.find((policy) => policy.id === 'texts-first')?.steps[1]).toMatchObject({ channel: 'sms', templateId: 'payment-link' });
});

test('a template asks for the statement to be attached, and keeps it once saved', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithSample(page, app.url);
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByTestId('template-list').getByRole('button', { name: 'First reminder' }).click();
  const form = page.getByTestId('template-form');
  const attach = form.getByRole('checkbox', { name: /Attach the statement of account/ });
  await expect(attach).not.toBeChecked();
  await attach.check();
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form).toContainText('Saved');
  await attach.scrollIntoViewIfNeeded();
  await shoot(page, 'template-attach-statement');
  const saved = (await app.core.dispatch('templates.list', { language: 'en' })) as { id: string; attachStatement: boolean }[];
  expect(saved.find((template) => template.id === 'first-reminder')?.attachStatement).toBe(true);
});
