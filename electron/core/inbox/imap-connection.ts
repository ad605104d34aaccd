import { ImapFlow } from 'imapflow';
import { AppError } from '../../../shared/errors';
import type { ImapSettings } from '../../../shared/inbox';

/** Error codes of a connection that never got as far as the server: the network, not the mailbox. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'NoConnection',
  'ETIMEOUT',
]);

/**
 * A connected IMAP client for the mailbox: TLS from the start, STARTTLS required (never silently
 * skipped), or plain to this machine only (the settings schema refuses it elsewhere). Signs in with
 * the password, or with an OAuth access token (XOAUTH2) for Gmail and Microsoft 365.
 */
export async function openImap(settings: ImapSettings, accessToken?: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // imapflow's types omit it: true makes STARTTLS required, false never attempts it.
    ...({ doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined } as object),
    auth: accessToken ? { user: settings.user, accessToken } : { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    clientInfo: { name: 'Inflow' },
  });
  // A dropped connection is reported by the command that was waiting on it; unhandled, it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw mailboxError(error, accessToken !== undefined);
  }
  return client;
}

/**
 * An IMAP failure in words: unreachable (OFFLINE, retried later) or refused (MAILBOX_FAILED, the
 * server's words). A refused login says so in `details.loginRefused`, so an OAuth sign-in can renew
 * its token and try once more.
 */
export function mailboxError(error: unknown, withToken = false): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; message?: string; authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string };
  if (e.code && UNREACHABLE.has(e.code))
    return new AppError('OFFLINE', `The mailbox server could not be reached (${e.code}). Inflow tries again when the network is back.`);
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new AppError(
      'MAILBOX_FAILED',
      `The mailbox refused the login${e.responseText ? ` (${e.responseText.slice(0, 200)})` : ''}. ${
        withToken ? 'Check that the login is the address you signed in with (Settings → Inbox).' : 'Check the login and password (Settings → Inbox).'
      }`,
      { loginRefused: true },
    );
  }
  return new AppError('MAILBOX_FAILED', `The mailbox server answered: ${(e.responseText ?? e.message ?? String(error)).slice(0, 300)}`);
}
