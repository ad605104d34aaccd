import { contentSecurityPolicy } from '../../electron/core/security/csp';
import { expect, test } from './fixtures';

/** The built page, served as the app serves it: one CSP in the meta tag and the header, and no inline script runs. */
test('the page carries the CSP as meta tag and header, and refuses inline and injected script', async ({ app, browser }) => {
  // A fresh page: the refused script below logs a CSP error, which the fixture's page would count as a failure.
  const page = await browser.newPage();
  await app.signIn(page);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  const response = await page.goto(app.url);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy('header'));
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', contentSecurityPolicy('meta'));
  await expect(page.locator('#root')).not.toBeEmpty();
  expect(violations).toEqual([]);

  const inlineScripts = await page.locator('script:not([src])').count();
  expect(inlineScripts).toBe(0);
  const ran = await page.evaluate(async () => {
    const flag = window as unknown as { injectedRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true';
    document.body.append(script);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.injectedRan = true');
    document.body.append(button);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return flag.injectedRan === true;
  });
  // (eval cannot be probed from here: Playwright's own evaluate runs outside the page's CSP.)
  expect(ran).toBe(false);
  expect(violations.some((text) => text.includes('Content Security Policy'))).toBe(true);
  await page.close();
});

/** A second user or program on the machine, without the cookie the launch link gave the user's browser. */
test('the launch link signs one browser in, once; a browser without its cookie gets no page, no API and no events', async ({ app, browser }) => {
  const launch = app.launchUrl();
  const user = await browser.newContext();
  const page = await user.newPage();
  const opened = await page.goto(launch);
  // Redirected to the app, the code gone from the address bar; the session is a cookie the page cannot read.
  expect(opened?.url()).toBe(app.url);
  await expect(page.locator('#root')).not.toBeEmpty();
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await user.cookies();
  expect(cookie).toMatchObject({ domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict', expires: -1 });
  expect(cookie!.name).toBe(`inflow-session-${new URL(app.url).port}`);
  expect(await page.evaluate(async () => (await fetch('/api/rpc/app.status', { method: 'POST', body: '{}' })).status)).toBe(200);

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const reused = await other.goto(launch);
  expect(reused?.status()).toBe(403);
  const front = await other.goto(app.url);
  expect(front?.status()).toBe(401);
  const shown = await other.content();
  expect(shown).not.toContain('<script');
  expect(shown).not.toContain(cookie!.value);
  const script = (await page.locator('script[src]').first().getAttribute('src'))!;
  const everything: [string, string][] = [
    ['GET', script],
    ['GET', '/index.html'],
    ['GET', '/api/events'],
    ['POST', '/api/rpc/app.status'],
    ['POST', '/api/rpc/settings.smtp.get'],
    ['POST', '/api/shell/vault.status'],
    ['POST', '/api/files?name=a.csv'],
  ];
  for (const [method, path] of everything) {
    const answer = await other.evaluate(async ({ m, p }) => (await fetch(p, { method: m, ...(m === 'POST' ? { body: '{}' } : {}) })).status, {
      m: method,
      p: path,
    });
    expect(answer, `${method} ${path}`).toBe(401);
  }
  await user.close();
  await stranger.close();
});
