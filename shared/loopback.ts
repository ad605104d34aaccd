/**
 * Addresses that never leave this machine. Only these may be spoken to without TLS (a local mail
 * relay, an ERP stand-in in tests) or stand in for Intuit's endpoints: a password or token sent to
 * them crosses no network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A URL that parses, has no user name or password in it, and uses https (or http to this machine only). */
export function isSecureOrLoopbackUrl(value: string): boolean {
  const url = parseUrl(value);
  if (!url || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export function isLoopbackUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && isLoopbackHost(url.hostname);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
