import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the web host. Any local program, and any other OS user, can reach 127.0.0.1 and read
 * whatever the host serves, so nothing it serves carries a credential. Instead the terminal that
 * started it prints a one-time launch code; the browser that opens it trades the code for an
 * HttpOnly, SameSite=Strict session cookie, which page scripts cannot read and other sites' requests
 * do not carry. Cookies ignore the port, so the port is in the cookie's name: two hosts on
 * 127.0.0.1 never overwrite or accept each other's sessions.
 */
export interface WebSessions {
  /** A new one-time code; issuing one voids the previous one if it is still unused. */
  issueLaunchCode(): string;
  /** Trades the code for a new session (its Set-Cookie header), or null when it is wrong or was used. */
  redeem(code: string): string | null;
  /** Whether the request carries one of this run's sessions, or the in-process callers' token header. */
  admits(req: IncomingMessage): boolean;
  /** Accepted only in the X-Inflow-Token header: for tests in this process, never sent over HTTP. */
  readonly token: string;
}

export const LAUNCH_PATH = '/launch';
const TOKEN_HEADER = 'x-inflow-token';

const secret = (): string => randomBytes(32).toString('base64url');

export function webSessions(port: number): WebSessions {
  const cookieName = `inflow-session-${port}`;
  const token = secret();
  const sessions = new Set<string>();
  let launchCode: string | null = null;

  return {
    token,
    issueLaunchCode() {
      launchCode = secret();
      return launchCode;
    },
    redeem(code) {
      if (launchCode === null || !sameSecret(code, launchCode)) return null;
      launchCode = null;
      const session = secret();
      sessions.add(session);
      // No Domain: the cookie stays with the exact host it was set for. No Max-Age: it ends with the browser.
      return `${cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`;
    },
    admits(req) {
      const header = req.headers[TOKEN_HEADER];
      if (typeof header === 'string') return sameSecret(header, token);
      const presented = cookieValue(req.headers.cookie, cookieName);
      return presented !== null && [...sessions].some((session) => sameSecret(presented, session));
    },
  };
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
