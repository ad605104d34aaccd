import { contentSecurityPolicy } from '../../electron/core/security/csp';
import { expect, test } from './fixtures';

/** The built page, served as the app serves it: one CSP in the meta tag and the header, and no inline script runs. */
test('the page carries the CSP as meta tag and header, and refuses inline and injected script', async ({ appUrl, browser }) => {
  // A fresh page: the refused script below logs a CSP error, which the fixture's page would count as a failure.
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  const response = await page.goto(appUrl);
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
