import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startCoreWorker } from '../../electron/hosts/core-client';
import { startHttpHost } from '../../electron/hosts/http';

/**
 * The web host started on a damaged database, as serve-web does it: instead of a blank window the
 * page says what is wrong, shows the newest whole backup (date and counts) and restores it.
 */
const test = base.extend<{ brokenApp: { url: string; launchUrl: string; dbPath: string } }>({
  brokenApp: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'inflow-e2e-recovery-'));
    const dbPath = join(dir, 'inflow.db');
    const key = randomBytes(32);
    const workerUrl = new URL('../../electron/hosts/core-worker.ts', import.meta.url);
    const healthy = await startCoreWorker(workerUrl, dbPath, key);
    await healthy.dispatch('sample.load', {});
    await healthy.dispatch('backups.create', {});
    await healthy.close();
    truncateSync(dbPath, Math.floor(statSync(dbPath).size / 2));
    // As serve-web and the desktop app start it.
    const client = await startCoreWorker(workerUrl, dbPath, key, { recover: true });
    expect(client.problem).toMatchObject({ code: 'DB_CORRUPT' });
    const host = await startHttpHost(client, join(import.meta.dirname, '..', '..', 'out', 'renderer'));
    await use({ url: host.url, launchUrl: host.launchUrl(), dbPath });
    await host.close();
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a damaged database shows the recovery screen and restores the latest backup (${colorScheme})`, async ({ brokenApp, page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(brokenApp.launchUrl);
    const screen = page.getByTestId('recovery-screen');
    await expect(screen.getByRole('heading', { name: 'The database file is damaged' })).toBeVisible();
    await expect(screen).toContainText('is damaged: the file is damaged or cut short');
    await expect(screen).toContainText(/Backup of .+: \d+ customers, [\d,]+ invoices/);
    await page.screenshot({ path: join(process.env.SHOTS_DIR ?? testInfo.outputPath(), `recovery-${colorScheme}.png`) });
    await screen.getByRole('button', { name: 'Restore from the latest backup' }).click();
    await expect(screen.getByRole('status')).toContainText('The damaged file is kept at');
    await expect(screen.getByRole('status')).toContainText('inflow.db.corrupt-');
    await page.screenshot({ path: join(process.env.SHOTS_DIR ?? testInfo.outputPath(), `recovery-restored-${colorScheme}.png`) });
    await screen.getByRole('button', { name: 'Open Inflow' }).click();
    await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
  });
}
