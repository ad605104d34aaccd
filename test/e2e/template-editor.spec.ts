import { expect, test, openWithSample } from './fixtures';

/** A template is edited with its problems shown as you type and refused until they are fixed; the preview follows. */
test('edit a template: a typo in a merge field is caught before saving, the preview shows the result', async ({ page, appUrl }) => {
  await openWithSample(page, appUrl);
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
  await expect(page.getByTestId('message-preview')).toContainText(/Subject\s*Overdue: .+ <b>/);
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form).toContainText('Saved');
  await form.getByRole('button', { name: 'Reset to shipped' }).click();
  await expect(form.getByLabel('Subject')).toHaveValue('Invoice {{oldestInvoice.number}} is now past due');
});
