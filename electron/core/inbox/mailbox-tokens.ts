import { z } from 'zod';
import { IMAP_SERVER_FIELDS, MAILBOX_SIGN_IN, type ImapSettings } from '../../../shared/inbox';
import { sameServer } from '../server-secret';

/**
 * What signing in to the mailbox with OAuth leaves, with the server and login it was given for
 * (`for`): tokens are used only while the settings still name that same server, login, provider and
 * app, so a changed host never receives a token meant for Google's or Microsoft's.
 */
export const mailboxTokensSchema = z.object({
  for: z.object({
    host: z.string(), port: z.number(), security: z.string(), user: z.string(), signIn: z.enum(MAILBOX_SIGN_IN),
    clientId: z.string(), tenant: z.string(), authUrl: z.string(), tokenUrl: z.string(),
  }),
  accessToken: z.string().max(8192),
  /** Empty once the provider refused it (consent withdrawn, expired): only signing in again helps. */
  refreshToken: z.string().max(8192),
  /** When the access token stops working (both providers: about an hour after it was issued). */
  accessTokenExpiresAt: z.string(),
});
export type MailboxTokens = z.output<typeof mailboxTokensSchema>;

export function serverOf(settings: ImapSettings): MailboxTokens['for'] {
  return Object.fromEntries(IMAP_SERVER_FIELDS.map((field) => [field, settings[field]])) as MailboxTokens['for'];
}

/** The stored tokens if they were given for this mailbox as it is set now, else null. */
export function tokensFor(settings: ImapSettings, tokens: MailboxTokens | null): MailboxTokens | null {
  return tokens && sameServer(tokens.for, settings, IMAP_SERVER_FIELDS) ? tokens : null;
}
