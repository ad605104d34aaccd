/**
 * Links that go to customers (Pay links, QR codes) are decided on the parsed URL, never on text: an
 * ERP path of `@evil.test/pay` glued after `https://erp.example.com` is a link to evil.test.
 */

/** This machine: local test servers speak plain http here, and nowhere else may. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** https (http only on this machine), with no user name or password, which hide the real host from a reader. */
function customerFacing(url: URL): boolean {
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  return secure && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * The normalised link when it may go to a customer: customer-facing and on one of the allowed
 * origins (the ERP's own, the payment portal's); null otherwise.
 */
export function allowedCustomerLink(text: string, allowedOrigins: readonly (string | null)[]): string | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  return customerFacing(url) && allowedOrigins.includes(url.origin) ? url.href : null;
}

/**
 * A link the ERP gives as a path (Odoo's access_url), resolved against the ERP's address as a URL
 * resolves it, with its access token as a query parameter; null when the result leaves the allowed
 * origins (the ERP's, or the payment portal's) or is not customer-facing.
 */
export function erpLink(path: string, erpBaseUrl: string, query: Record<string, string>, portalOrigin: string | null): string | null {
  if (!URL.canParse(erpBaseUrl) || !URL.canParse(path, erpBaseUrl)) return null;
  const base = new URL(erpBaseUrl);
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return allowedCustomerLink(url.href, [base.origin, portalOrigin]);
}
