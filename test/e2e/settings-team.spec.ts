import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { expect, openWithSample, test } from './fixtures';

/** Settings → Team (axe checks it on the settings screen: accessibility.spec.ts) by keyboard against a real PostgreSQL: the TLS rule said as the server is typed, join, status, leave. */
let server: PostgresServer;
test.beforeAll(async () => {
  server = await startPostgres();
});
test.afterAll(() => server.stop());

test('settings: join a team server, see how the exchange goes, and leave', async ({ page, appUrl }) => {
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
  await expect(team.getByTestId('team-status')).toContainText('In the team as Dana');
  await expect(team.getByTestId('team-status')).toContainText('Reachable');
  // The password is never shown back: the field is empty and says one is stored.
  await expect(team.getByLabel('Password (stored; type to replace)')).toHaveValue('');

  for (const theme of ['Light', 'Dark'] as const) {
    await page.locator('label.segment', { hasText: new RegExp(`^${theme}$`) }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await page.locator('.settings').evaluate((pane: HTMLElement) => {
      const target = pane.querySelector<HTMLElement>('[data-testid="team-setting"]')!;
      pane.scrollTop = target.offsetTop - pane.offsetTop - 8;
    });
    await page.screenshot({ path: `/tmp/shots-team-authority/settings-team-${theme.toLowerCase()}.png` });
  }

  await team.getByRole('button', { name: 'Leave the team' }).click();
  await expect(team.getByTestId('team-status')).toContainText('Solo');
});
