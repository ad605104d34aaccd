import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/security/csp';
import { isTrustedSender } from '../../electron/hosts/trusted-sender';
import { APP_PAGE_URL, appUrlMatcher, rendererEntry } from '../../electron/main/security/app-url';
import { GOOGLE_AUTHORIZE_URL, INTUIT_AUTHORIZE_URL, MICROSOFT_LOGIN_ORIGIN } from '../../electron/core';
import { corePageToOpen, externalHostRules, externalUrlToOpen } from '../../electron/main/security/external-url';

/** The shell's pure security decisions, in plain Node: which links leave, which pages are ours, which senders are heard. */
const rules = externalHostRules({
  paymentUrlPattern: 'https://pay.example.com/{invoiceNumber}?amount={balance}',
  videoHosts: ['loom.com', 'YouTube.com', 'bücher.example', 'not a host'],
});

describe('external link allow-list', () => {
  it('builds host rules from the payment URL pattern and the video hosts, parsed and normalised', () => {
    expect(rules).toEqual([
      { host: 'pay.example.com', subdomains: false },
      { host: 'loom.com', subdomains: true },
      { host: 'youtube.com', subdomains: true },
      { host: 'xn--bcher-kva.example', subdomains: true },
    ]);
    expect(externalHostRules({ paymentUrlPattern: 'http://pay.example.com/{n}', videoHosts: [] })).toEqual([]);
    expect(externalHostRules({ paymentUrlPattern: '', videoHosts: ['evil.com/path', 'a@b.com', 'x.com:8443'] })).toEqual([]);
  });

  it.each([
    ['https://pay.example.com/INV-1?amount=10', 'https://pay.example.com/INV-1?amount=10'],
    ['HTTPS://PAY.Example.COM/INV-1', 'https://pay.example.com/INV-1'],
    ['https://pay.example.com:443/x', 'https://pay.example.com/x'],
    ['https://www.loom.com/share/abc', 'https://www.loom.com/share/abc'],
    ['https://loom.com/share/abc', 'https://loom.com/share/abc'],
    ['https://m.youtube.com/watch?v=1', 'https://m.youtube.com/watch?v=1'],
    ['https://bücher.example/v', 'https://xn--bcher-kva.example/v'],
    ['  https://loom.com/x  ', 'https://loom.com/x'],
  ])('opens %s as %s', (url, opened) => {
    expect(externalUrlToOpen(url, rules)).toBe(opened);
  });

  it.each([
    ['userinfo hiding the real host', 'https://pay.example.com@evil.com/'],
    ['a user name on the allowed host', 'https://user@pay.example.com/'],
    ['a password on the allowed host', 'https://u:p@pay.example.com/'],
    ['plain http', 'http://pay.example.com/INV-1'],
    ['a non-default port', 'https://pay.example.com:8443/'],
    ['a look-alike suffix', 'https://pay.example.com.evil.com/'],
    ['a look-alike prefix', 'https://evilpay.example.com/'],
    ['a subdomain of the payment portal (matched exactly)', 'https://x.pay.example.com/'],
    ['a host ending in the video host without a dot', 'https://evilloom.com/'],
    ['a trailing dot', 'https://pay.example.com./'],
    ['a trailing dot on a video host', 'https://loom.com./x'],
    ['a Cyrillic homograph of loom.com', 'https://lооm.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a relative URL', '/pay'],
    ['garbage', 'not a url'],
    ['an unlisted https host', 'https://evil.example/'],
    ['an IP address', 'https://127.0.0.1/'],
  ])('refuses %s', (_why, url) => {
    expect(externalUrlToOpen(url, rules)).toBeNull();
  });

  it('opens the normalised URL, so the OS parses the host we checked (backslash reads as a path)', () => {
    expect(externalUrlToOpen('https://pay.example.com\\@evil.com/', rules)).toBe('https://pay.example.com/@evil.com/');
  });

  it('hands a bare E.164 tel: link to the calling app, and nothing else on tel:', () => {
    expect(externalUrlToOpen('tel:+14155552671', rules)).toBe('tel:+14155552671');
    for (const url of ['tel:+1 415 555 2671', 'tel:+14155552671;ext=2', 'tel:+14155552671?x=https://evil.com', 'tel:14155552671', 'sms:+14155552671']) {
      expect(externalUrlToOpen(url, rules), url).toBeNull();
    }
  });

  it('opens a page the core asks for only on a sign-in host (Intuit, Google, Microsoft) or an allow-listed link host, over https', () => {
    const signInHosts = [INTUIT_AUTHORIZE_URL, GOOGLE_AUTHORIZE_URL, MICROSOFT_LOGIN_ORIGIN].map((url) => new URL(url).hostname);
    expect(signInHosts).toEqual(['appcenter.intuit.com', 'accounts.google.com', 'login.microsoftonline.com']);
    const open = (url: string) => corePageToOpen(url, rules, signInHosts);
    expect(open('https://accounts.google.com/o/oauth2/v2/auth?client_id=a')).toBe('https://accounts.google.com/o/oauth2/v2/auth?client_id=a');
    expect(open('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1')).toBe(
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1',
    );
    expect(open('https://appcenter.intuit.com/connect/oauth2?client_id=a&state=b')).toBe('https://appcenter.intuit.com/connect/oauth2?client_id=a&state=b');
    expect(open('https://pay.example.com/INV-1')).toBe('https://pay.example.com/INV-1');
    expect(open('https://www.loom.com/share/x')).toBe('https://www.loom.com/share/x');
    for (const url of [
      'http://appcenter.intuit.com/connect/oauth2',
      'javascript:alert(1)',
      'https://user:pw@appcenter.intuit.com/',
      'https://evil.example/connect/oauth2',
      'https://appcenter.intuit.com.evil.example/',
      'https://x.appcenter.intuit.com/',
      'https://intuit.com/',
      'https://google.com/',
      'https://accounts.google.com.evil.example/',
      'http://127.0.0.1:5555/authorize',
      'file:///etc/passwd',
    ])
      expect(open(url), url).toBeNull();
  });

  it('refuses everything when nothing is configured', () => {
    expect(externalUrlToOpen('https://loom.com/', externalHostRules({ paymentUrlPattern: '', videoHosts: [] }))).toBeNull();
  });
});

describe('app page guard', () => {
  const packaged = appUrlMatcher(APP_PAGE_URL);
  const dev = appUrlMatcher('http://localhost:5173/');

  it('accepts only the packaged page itself on app://inflow, with any hash or query; never a file: page', () => {
    expect(APP_PAGE_URL).toBe('app://inflow/index.html');
    expect(packaged('app://inflow/index.html')).toBe(true);
    expect(packaged('app://inflow/index.html#/customers')).toBe(true);
    expect(packaged('app://inflow/index.html?x=1')).toBe(true);
    expect(packaged('app://inflow/passphrase.html')).toBe(false);
    expect(packaged('app://inflow.evil/index.html')).toBe(false);
    expect(packaged('app://evil/index.html')).toBe(false);
    expect(packaged('file:///opt/Inflow/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(packaged('file:///etc/passwd')).toBe(false);
    expect(packaged('https://inflow/index.html')).toBe(false);
  });

  it('loads the app:// page when packaged, whatever ELECTRON_RENDERER_URL says; in development only a local dev server', () => {
    expect(rendererEntry(true, 'http://localhost:5173/')).toBe(APP_PAGE_URL);
    expect(rendererEntry(true, 'https://evil.example/')).toBe(APP_PAGE_URL);
    expect(rendererEntry(false, undefined)).toBe(APP_PAGE_URL);
    expect(rendererEntry(false, 'http://localhost:5173')).toBe('http://localhost:5173/');
    expect(rendererEntry(false, 'http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    for (const url of ['https://evil.example/', 'http://localhost.evil.com:5173/', 'file:///tmp/x.html', 'not a url', 'http://10.0.0.2:5173/']) {
      expect(rendererEntry(false, url), url).toBe(APP_PAGE_URL);
    }
  });

  it('matches the dev server by parsed origin', () => {
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://LOCALHOST:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://localhost:5173@evil.com/')).toBe(false);
    expect(dev('http://localhost.evil.com:5173/')).toBe(false);
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'about:blank', 'about:srcdoc', '', 'nonsense'])('refuses %j', (url) => {
    expect(packaged(url)).toBe(false);
    expect(dev(url)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const isApp = appUrlMatcher(APP_PAGE_URL);

  it('hears only the app page in a top-level frame', () => {
    expect(isTrustedSender({ url: 'app://inflow/index.html', parent: null }, isApp)).toBe(true);
    expect(isTrustedSender({ url: 'app://inflow/index.html#/x', parent: null }, isApp)).toBe(true);
  });

  it.each([
    ['a subframe showing the app page', { url: 'app://inflow/index.html', parent: {} }],
    ['a file: page, even one inside the app', { url: 'file:///opt/Inflow/resources/app.asar/out/renderer/index.html', parent: null }],
    ['the preview iframe', { url: 'about:srcdoc', parent: {} }],
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a frame whose parent is unknown', { url: 'app://inflow/index.html', parent: undefined }],
    ['a destroyed frame', null],
    ['no frame', undefined],
  ])('refuses %s', (_why, frame) => {
    expect(isTrustedSender(frame as never, isApp)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows own scripts only, nothing inline, eval or remote; the header adds frame-ancestors', () => {
    const meta = contentSecurityPolicy('meta');
    const header = contentSecurityPolicy('header');
    for (const csp of [meta, header]) {
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    }
    expect(meta).not.toContain('frame-ancestors');
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
  });
});
