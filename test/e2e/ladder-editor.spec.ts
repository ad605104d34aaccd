import { join } from 'node:path';
import type { LadderPolicy } from '../../shared/outreach/ladder';
import { expect, test, openWithSample } from './fixtures';

/**
 * Editing the ladder in the window: a policy for one segment, refused while two steps share a day,
 * saved once fixed, then deleted; the dry run follows each change. What the core still refuses is
 * shown at the field too. Screenshots of the editor in both
 * themes go to SHOTS_DIR (or the test's output folder) for a person to look at.
 */
test('a policy for a segment is created, checked, saved and deleted in the Ladder tab; the dry run follows', async ({ page, app }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: join(process.env.SHOTS_DIR ?? testInfo.outputPath(), `ladder-editor-${name}.png`) });
  await openWithSample(page, app.url);
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.getByRole('tab', { name: 'Ladder' }).click();
  const messages = page.getByTestId('ladder-messages');
  await expect(messages.locator('tbody tr').first()).toBeVisible();
  await expect(messages).toContainText('Friendly nudge');
  await expect(messages).not.toContainText('Courtesy note');

  await page.getByRole('button', { name: 'New policy' }).click();
  const editor = page.getByTestId('policy-editor');
  await editor.getByLabel('Policy name').fill('Strategic');
  await editor.getByRole('checkbox', { name: 'Enterprise' }).check();
  await editor.getByLabel('Step 1 label').fill('Courtesy note');
  await editor.getByLabel('Step 2 day').fill('-3');
  await editor.getByLabel('Step 2 day').press('Control+Enter');
  const issues = editor.getByTestId('step-issues');
  await expect(issues).toHaveCount(1);
  await expect(issues).toHaveText('Day: same day as step 1 ("Courtesy note"); two steps cannot fall on one day');
  await expect(editor.getByLabel('Step 2 day')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toContainText('1 problem to fix before saving');
  await shot('problem-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('problem-dark');

  // Fixed as the collector types; saving shows the new policy and reruns the dry run with it.
  await editor.getByLabel('Step 2 day').fill('5');
  await expect(issues).toHaveCount(0);
  await editor.getByRole('button', { name: /^Save policy/ }).click();
  await expect(editor).toContainText('Saved. The dry run below uses it now.');
  await expect(page.getByRole('navigation', { name: 'Policies' })).toContainText('Strategic');
  await expect(messages).toContainText('Courtesy note');
  await shot('saved-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await shot('saved-light');

  await editor.getByRole('button', { name: 'Delete policy' }).click();
  await expect(editor).toContainText('Delete “Strategic”? Its customers move to “Standard”.');
  await editor.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(editor).toContainText('Deleted “Strategic”.');
  await expect(page.getByRole('navigation', { name: 'Policies' })).not.toContainText('Strategic');
  await expect(messages).not.toContainText('Courtesy note');
  expect(((await app.core.dispatch('ladder.policies', {})) as LadderPolicy[]).map((policy) => policy.name)).toEqual(['Standard']);

  // Someone else takes SMB while the window's list is stale: the core refuses, and says so at the field.
  const standard = ((await app.core.dispatch('ladder.policies', {})) as LadderPolicy[])[0]!;
  await app.core.dispatch('ladder.savePolicy', { ...standard, id: 'rival', name: 'Rival', segments: ['SMB'] });
  await page.getByRole('button', { name: 'New policy' }).click();
  await editor.getByRole('checkbox', { name: 'SMB' }).check();
  await editor.getByRole('button', { name: /^Save policy/ }).click();
  await expect(editor.getByRole('alert')).toContainText('The policy was not saved.');
  await expect(editor.locator('#policy-segments-issues')).toHaveText('"SMB" is already on the "Rival" policy');
  await expect(editor.getByRole('checkbox', { name: 'SMB' }).locator('..')).toContainText('on Rival');
  await shot('refused-light');
});
