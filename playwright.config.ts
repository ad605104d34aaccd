import { defineConfig } from '@playwright/test';

// Debian's Chromium only: this project never downloads a browser.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  // A web-first assertion waits only as long as it must; a shared 2-core CI box can take more than
  // the default 5 s to export an encrypted copy or draw a chart, and that is not a failure.
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
