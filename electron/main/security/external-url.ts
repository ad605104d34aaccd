import { paymentPortalOrigin } from '../../../shared/outreach/payment-link-pattern';

/**
 * Which links may leave the app for the user's browser. Hosts are compared after the WHATWG parser has
 * lowercased and punycoded them, never by substring: `https://pay.example.com@evil.com` is a URL for
 * evil.com, `https://pay.example.com.evil.com` is evil.com's subdomain.
 */
export interface HostRule {
  host: string;
  /** Video sites serve from www./m. subdomains; a payment portal is matched exactly. */
  subdomains: boolean;
}

export interface ExternalLinkSettings {
  /** e.g. https://pay.example.com/{invoiceNumber}; its host is the payment portal. */
  paymentUrlPattern: string;
  videoHosts: readonly string[];
}

export function externalHostRules(settings: ExternalLinkSettings): HostRule[] {
  const rules: HostRule[] = [];
  const portal = paymentPortalOrigin(settings.paymentUrlPattern);
  const payment = portal ? parseHttps(portal) : null;
  if (payment) rules.push({ host: payment.hostname, subdomains: false });
  for (const host of settings.videoHosts) {
    const normal = normalHost(host);
    if (normal) rules.push({ host: normal, subdomains: true });
  }
  return rules;
}

/**
 * The normalised URL to hand to `shell.openExternal`, or null to refuse. The normalised form (not the
 * caller's string) is what gets opened, so the OS cannot parse a different host than we checked.
 */
export function externalUrlToOpen(url: string, rules: readonly HostRule[]): string | null {
  // A phone number for the system's calling app or softphone (click to call): E.164 digits only, nothing else in it.
  if (/^tel:\+[1-9]\d{6,14}$/.test(url.trim())) return url.trim();
  const parsed = parseHttps(url);
  if (!parsed) return null;
  const host = parsed.hostname;
  const allowed = rules.some((rule) => host === rule.host || (rule.subdomains && host.endsWith(`.${rule.host}`)));
  return allowed ? parsed.href : null;
}

/**
 * A page the core asks to show: a sign-in page (QuickBooks', Google's or Microsoft's OAuth) or a
 * link the allow-list would open anyway. Nothing else, whatever address ended up in the ERP or
 * mailbox settings: the core's requests come from data (settings, an ERP's answers) that must not
 * steer the user's browser.
 */
export function corePageToOpen(url: string, linkRules: readonly HostRule[], signInHosts: readonly string[]): string | null {
  return externalUrlToOpen(url, [...linkRules, ...signInHosts.map((host) => ({ host, subdomains: false }))]);
}

/**
 * https only, on the default port, with no user name or password (they hide the real host from a
 * reader), and a host name that is not written with a trailing dot (an alias a rule would not name).
 */
function parseHttps(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
  if (!parsed.hostname || parsed.hostname.endsWith('.') || !parsed.hostname.includes('.')) return null;
  return parsed;
}

/** A bare host name from settings, parsed the same way as a URL's host so IDN and case compare equal. */
function normalHost(host: string): string | null {
  if (!/^[^/:@?#\s\\]+$/.test(host)) return null;
  return parseHttps(`https://${host}/`)?.hostname ?? null;
}
