import AxeBuilder from '@axe-core/playwright';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { openDesk } from '../helpers/team-desk';
import { expect, openWithSample, test } from './fixtures';

/** Settings → Team (axe checks it on the settings screen: accessibility.spec.ts) by keyboard against a real PostgreSQL: the TLS rule said as the server is typed, join, status, leave. */
let server: PostgresServer;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
test.beforeAll(async () => {
  server = await startPostgres();
});
test.afterAll(() => server.stop());

test('settings: join a team server, see how the exchange goes, and leave', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  const database = await server.createDatabase('e2e_team');
  await openWithSample(page, appUrl);
  await page.locator('body').press('g');
  await page.locator('body').press('s');
  const team = page.getByTestId('team-setting');
  await expect(team.getByTestId('team-status')).toContainText('Solo');
  await team.getByLabel('Server').fill('db.example.com');
  await expect(team.getByTestId('team-tls')).toContainText('A server without TLS is refused');
  await team.getByLabel('Server').fill(server.host);
  await expect(team.getByTestId('team-tls')).toContainText('This machine: the connection stays local');
  await team.getByLabel('Port').fill(String(server.port));
  await team.getByLabel('Database', { exact: true }).fill(database);
  await team.getByLabel('Database user').fill(server.user);
  await team.getByLabel('Password').fill(server.password);
  await team.getByLabel('Collector at this desk').fill('Dana');
  await team.getByRole('button', { name: 'Join the team' }).focus();
  await page.keyboard.press('Enter');
  await expect(team.getByRole('status').first()).toContainText('Joined as Dana');
  // The join's progress bar (the snapshot's steps on a new desk) is gone once it has joined.
  await expect(team.getByTestId('team-join-progress')).toHaveCount(0);
  await expect(team.getByTestId('team-status')).toContainText('In the team as Dana');
  await expect(team.getByTestId('team-status')).toContainText('Reachable');
  // The password is never shown back: the field is empty and says one is stored.
  await expect(team.getByLabel('Password (stored; type to replace)')).toHaveValue('');

  // Dana set the server up, so she manages: members and limits are hers to edit, by keyboard.
  const members = page.getByTestId('team-members');
  await members.getByLabel('Collector', { exact: true }).fill('Sam Ortiz');
  await members.getByLabel('Database user').fill('sam_ui');
  await members.getByLabel('Password for a new login').fill('sam-ui-secret-123');
  await page.keyboard.press('Enter');
  await expect(members.getByRole('status')).toContainText('Sam Ortiz can sign in as sam_ui.');
  await expect(members.getByLabel('Password for a new login')).toHaveValue('');
  await expect(members.getByRole('row', { name: /Sam Ortiz sam_ui/ })).toBeVisible();
  await members.getByLabel('Role of Sam Ortiz').selectOption('senior');
  await expect(members.getByRole('status')).toContainText('Sam Ortiz is a senior now.');
  const limits = page.getByTestId('team-limits');
  await limits.getByLabel('Write-off, collector').fill('1500.00');
  await limits.getByLabel('Early-payment discount, collector').fill('2.5');
  await limits.getByLabel('Plan installments, senior').fill('6.5');
  await limits.getByLabel('Plan installments, senior').press('Enter');
  await expect(limits.getByText('a whole number')).toBeVisible();
  await expect(limits.getByLabel('Plan installments, senior')).toHaveAttribute('aria-invalid', 'true');
  await limits.getByLabel('Plan installments, senior').fill('6');
  await limits.getByLabel('Plan installments, senior').press('Enter');
  await expect(limits.getByRole('status')).toContainText('Limits saved');
  await expect(limits.getByText('a whole number')).toHaveCount(0);

  for (const theme of ['Light', 'Dark'] as const) {
    await page.locator('label.segment', { hasText: new RegExp(`^${theme}$`) }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await page.locator('.settings').evaluate((pane: HTMLElement) => {
      const target = pane.querySelector<HTMLElement>('[data-testid="team-authority"]')!;
      pane.scrollTop = target.offsetTop - pane.offsetTop - 8;
    });
    await page.screenshot({ path: `/tmp/shots-team-settings-ui/team-members-limits-${theme.toLowerCase()}.png` });
    const axe = await new AxeBuilder({ page }).include('[data-testid="team-authority"]').withTags(WCAG).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }

  for (const theme of ['Light', 'Dark'] as const) {
    await page.locator('label.segment', { hasText: new RegExp(`^${theme}$`) }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await page.locator('.settings').evaluate((pane: HTMLElement) => {
      const target = pane.querySelector<HTMLElement>('[data-testid="team-setting"]')!;
      pane.scrollTop = target.offsetTop - pane.offsetTop - 8;
    });
    await page.screenshot({ path: `/tmp/shots-team-authority/settings-team-${theme.toLowerCase()}.png` });
  }

  // Sam, a collector at another desk with his own database role, asks for a plan beyond his limit:
  // it waits on the worklist of this desk, whose member set the server up (a manager).
  const sam = await openDesk(server, database, { collector: 'Sam' });
  try {
    await sam.core.call('team.join', {});
    await sam.core.call('team.members.add', { dbUser: 'sam_e2e', collector: 'Sam', role: 'collector', password: 'sam-e2e-secret' });
    await sam.core.call('team.limits.save', { currency: 'USD', collector: { planInstallments: 3 }, senior: {} });
    await sam.core.call('settings.team.save', {
      host: server.host,
      port: server.port,
      database,
      user: 'sam_e2e',
      password: 'sam-e2e-secret',
      collector: 'Sam',
    });
    await sam.core.call('team.sync', {});
    const { customerId } = await sam.core.call('customer.lookup', { externalId: 'C-001' });
    const installments = Array.from({ length: 6 }, (_, i) => ({ dueDate: `2027-0${i + 1}-15`, amountMinor: 400_000 }));
    await expect(sam.core.call('activity.createPlan', { customerId, currency: 'USD', installments })).rejects.toMatchObject({ code: 'NEEDS_APPROVAL' });
  } finally {
    await sam.dispose();
  }
  // Out of the theme switch, whose radio keeps letters to itself, then g w to the worklist.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  const approvals = page.getByTestId('approvals');
  await expect(approvals).toContainText('Approve plan: 6 × $4,000.00 for Acme Tools Ltd, asked by Sam');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.screenshot({ path: `/tmp/shots-team-authority/worklist-approvals-${theme}.png` });
  }
  await approvals.getByRole('button', { name: 'Approve' }).click();
  await expect(approvals).toHaveCount(0);
  // "Mine" (Dana) has no customers assigned yet: the empty queue says so and offers the whole book.
  const none = page.getByTestId('worklist-no-matches');
  await expect(none).toContainText('Nothing to chase among your customers (Dana)');
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.screenshot({ path: `/tmp/shots-team-settings-ui/worklist-mine-empty-${theme}.png` });
  }
  await none.getByRole('button', { name: 'Show all collectors' }).focus();
  await page.keyboard.press('Enter');
  await expect(none).toBeHidden();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  // Signed in as Sam's own login, this desk is a senior's: members and limits read-only, saying why.
  await team.getByLabel('Database user').fill('sam_ui');
  await team.getByLabel('Password').fill('sam-ui-secret-123');
  await team.getByRole('button', { name: 'Save' }).click();
  await expect(team.getByRole('status').first()).toContainText('Saved');
  await team.getByRole('button', { name: 'Exchange now' }).click();
  await expect(team.getByRole('status').first()).toContainText('Sent');
  await page.reload();
  await page.locator('body').press('g');
  await page.locator('body').press('s');
  await expect(page.getByTestId('team-read-only')).toContainText('Only a manager changes members and limits; this desk works as a senior.');
  // The limits Sam's desk set for the approvals above, shown as read-only values.
  await expect(page.getByTestId('team-limits').getByRole('row', { name: /Plan installments/ })).toHaveText(/Plan installments\s*3\s*No limit/);
  await expect(page.getByTestId('team-limits').getByRole('textbox')).toHaveCount(0);
  await expect(page.getByTestId('team-members').getByRole('combobox')).toHaveCount(0);
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.locator('.settings').evaluate((pane: HTMLElement) => {
      const target = pane.querySelector<HTMLElement>('[data-testid="team-authority"]')!;
      pane.scrollTop = target.offsetTop - pane.offsetTop - 8;
    });
    await page.screenshot({ path: `/tmp/shots-team-settings-ui/team-read-only-${theme}.png` });
  }
  await team.getByRole('button', { name: 'Leave the team' }).click();
  await expect(team.getByTestId('team-status')).toContainText('Solo');
});
