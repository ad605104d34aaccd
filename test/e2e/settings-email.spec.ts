import type { Page } from '@playwright/test';
import { expect, openWithSample, test } from './fixtures';

const SHOTS = '/tmp/shots-merge-fields';

/** Scrolls the settings pane itself to a section, as a user would (scrollIntoView would also shift the fixed shell). */
async function scrollTo(page: Page, testId: string): Promise<void> {
  await page.locator('.settings').evaluate((pane: HTMLElement, id) => {
    const target = pane.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    pane.scrollTop = target.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - 8;
  }, testId);
}

/**
 * Settings → Email: the payment-link pattern lists its tokens, shows the link it makes for a real
 * invoice as it is typed, and a pattern with an unknown or double-brace token is refused with its
 * reason, in the field and by the save; the signers' section asks for the names a send needs and
 * shows the person each sender role resolves to.
 */
test('payment-link pattern: tokens listed, live example from a real invoice, bad tokens refused at save', async ({ page, app }) => {
  await openWithSample(page, app.url);
  const sample = (await app.core.dispatch('settings.outreach.linkSample', {})) as { values: { invoiceNumber: string; balance: string }; customerName: string };
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const email = page.getByTestId('email-setting');
  await expect(email.getByTestId('signer-missing')).toContainText('Before the first send, add your company and your name');

  const field = email.getByTestId('payment-link-field');
  const pattern = field.getByRole('textbox');
  for (const token of ['{invoiceNumber}', '{balance}', '{currency}', '{customerId}']) await expect(field).toContainText(token);

  await pattern.fill('https://pay.northwind.example/{{invoice}}');
  await expect(field.getByTestId('payment-link-problem')).toHaveText(/^\{\{invoice\}\} has double braces; tokens take single braces/);
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(field.getByTestId('payment-link-example')).toBeHidden();

  // The save is refused by the core too, naming the token, and nothing of the pattern is stored.
  await email.getByLabel('Mail server').fill('127.0.0.1');
  await email.getByRole('textbox', { name: 'Port', exact: true }).fill('2525');
  await email.getByRole('combobox', { name: 'Security' }).selectOption('none');
  await email.getByLabel('From address').fill('ar@northwind.example');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(email.getByRole('alert').filter({ hasText: 'Payment URL pattern' })).toContainText('{{invoice}} has double braces');

  await pattern.fill('https://pay.northwind.example/');
  await field.getByRole('button', { name: '{invoiceNumber}' }).click();
  await pattern.press('End');
  await pattern.pressSequentially('?amount=');
  await field.getByRole('button', { name: '{balance}' }).click();
  await expect(pattern).toHaveValue('https://pay.northwind.example/{invoiceNumber}?amount={balance}');
  await expect(field.getByTestId('payment-link-problem')).toBeHidden();
  const link = `https://pay.northwind.example/${encodeURIComponent(sample.values.invoiceNumber)}?amount=${sample.values.balance}`;
  await expect(field.getByTestId('payment-link-example')).toContainText(`For ${sample.values.invoiceNumber} (${sample.customerName}`);
  await expect(field.getByTestId('payment-link-example').locator('code')).toHaveText(link);

  // Who signs: each role's person, whole.
  await email.getByLabel(/^Company/).fill('Northwind');
  await email.getByLabel(/^Your name/).fill('Sam Carter');
  await email.getByLabel('Your phone').fill('+1 555 0101');
  const people = email.getByTestId('signer-people');
  await expect(people).toContainText('No manager named: you send them, as Sam Carter · Accounts Receivable · +1 555 0101');
  await email.getByLabel(/^Manager \(escalation steps\)/).fill('Jordan Lee');
  await email.getByLabel('Manager phone').fill('+1 555 0199');
  await expect(people).toContainText('Manager steps');
  await expect(people).toContainText('Jordan Lee · Finance Manager · +1 555 0199');
  await expect(email.getByTestId('signer-missing')).toBeHidden();
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(email.getByText('Saved', { exact: true })).toBeVisible();
  expect(await app.core.dispatch('settings.outreach.get', {})).toMatchObject({
    paymentUrlPattern: 'https://pay.northwind.example/{invoiceNumber}?amount={balance}',
    companyName: 'Northwind',
    managerName: 'Jordan Lee',
    managerPhone: '+1 555 0199',
  });

  for (const theme of ['Light', 'Dark'] as const) {
    await page.locator('label.segment', { hasText: new RegExp(`^${theme}$`) }).click();
    await scrollTo(page, 'signer-fields');
    await page.screenshot({ path: `${SHOTS}/settings-email-${theme.toLowerCase()}.png` });
    await scrollTo(page, 'fx-setting');
    await page.screenshot({ path: `${SHOTS}/settings-currencies-${theme.toLowerCase()}.png` });
  }
});
