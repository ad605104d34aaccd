import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { startHttpHost } from '../../electron/hosts/http';
import { restartableCore } from '../../electron/hosts/restartable-core';
import { webShellHandlers } from '../../electron/hosts/web-shell';

export interface TestApp {
  url: string;
  core: CoreClient;
  /** A fresh one-time launch link (each voids the previous unused one). */
  launchUrl(): string;
  /** Signs a page's browser context in, as opening the printed launch link does. */
  signIn(page: Page): Promise<void>;
}

/**
 * Each test gets its own web host: a fresh encrypted database, the core in a worker thread, and the
 * built renderer (out/renderer, from `electron-vite build`) served on 127.0.0.1. The fixture's page
 * is signed in; a page a test opens itself is not until it calls `app.signIn`.
 */
export const test = base.extend<{ app: TestApp; appUrl: string }>({
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'inflow-e2e-'));
    const key = randomBytes(32);
    const core = await restartableCore(() => startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), join(dir, 'inflow.db'), key));
    const host = await startHttpHost(core, join(import.meta.dirname, '..', '..', 'out', 'renderer'), { shell: webShellHandlers(core) });
    await use({ url: host.url, core, launchUrl: () => host.launchUrl(), signIn: (page) => signIn(page, host.launchUrl()) });
    await host.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  },
  /** The served app's address; `app.core` reaches the same core for setup a test does behind the window. */
  appUrl: async ({ app }, use) => use(app.url),
  page: async ({ page, app }, use) => {
    await app.signIn(page);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A 4xx answer is how the API reports a refused input; Chromium logs it, the app handles it.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
    });
    await use(page);
    // A CSP violation or an uncaught error anywhere in a test fails it.
    expect(problems).toEqual([]);
  },
});

export { expect };

/** Opens a one-time launch link as a browser does: its session cookie lands in the page's context. */
export async function signIn(page: Page, launchUrl: string): Promise<void> {
  const answer = await page.request.get(launchUrl, { maxRedirects: 0 });
  expect(answer.status()).toBe(303);
}
export const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', name);

/** Opens the app on a fresh database and loads the embedded sample, as a newcomer's first click does. */
export async function openWithSample(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Load the sample dataset' }).click();
  await expect(page.getByTestId('worklist-list')).toBeVisible({ timeout: 20_000 });
}

/** Sends through a test SMTP server on 127.0.0.1, signed by Dana Reyes of Northwind, without throttling. */
export async function useTestMailbox(core: CoreClient, port: number, fromName?: string): Promise<void> {
  await core.dispatch('settings.smtp.save', {
    host: '127.0.0.1',
    port,
    security: 'none',
    fromAddress: 'ar@northwind.example',
    ...(fromName ? { fromName } : {}),
  });
  await core.dispatch('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000 });
}
