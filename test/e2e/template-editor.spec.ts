import { expect, test, openWithSample } from './fixtures';

/** A template is edited with its problems shown as you type and refused until they are fixed; the preview follows. */
test('edit a template: a typo in a merge field is caught before saving, the preview shows the result', async ({ page, app }) => {
  await openWithSample(page, app.url);
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByTestId('template-list').getByRole('button', { name: 'First reminder' }).click();
  const form = page.getByTestId('template-form');
  await form.getByLabel('Subject').fill('Overdue: {{customer.nmae}}');
  await expect(page.getByTestId('template-problems')).toContainText('"customer.nmae" is not a merge field');
  await expect(form.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await form.getByLabel('Subject').fill('Overdue: {{customer.name}} <b>');
  await expect(page.getByTestId('template-problems')).toBeHidden();
  // Nobody signs yet: the preview is refused, naming what is missing, rather than shown with gaps.
  await expect(form.getByRole('alert')).toContainText('{{sender.name}}, {{company.name}} are empty');
  await app.core.dispatch('settings.outreach.save', { companyName: 'Northwind', senderName: 'Dana Reyes' });
  await form.getByLabel('Subject').fill('Overdue: {{customer.name}} <b> ');
  await expect(page.getByTestId('message-preview')).toContainText(/Subject\s*Overdue: .+ <b>/);
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form).toContainText('Saved');
  await form.getByRole('button', { name: 'Reset to shipped' }).click();
  await expect(form.getByLabel('Subject')).toHaveValue('Invoice {{oldestInvoice.number}} is now past due');
});
