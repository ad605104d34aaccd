import { z } from 'zod';
import { MAILBOX_SIGN_IN } from './inbox';

/**
 * What signing in to the mailbox with OAuth leaves, with the server and login it was given for
 * (`for`): tokens are used only while the settings still name that same server, login, provider and
 * app, so a changed host never receives a token meant for Google's or Microsoft's.
 */
export const mailboxTokensSchema = z.object({
  for: z.object({
    host: z.string(),
    port: z.number(),
    security: z.string(),
    user: z.string(),
    signIn: z.enum(MAILBOX_SIGN_IN),
    clientId: z.string(),
    tenant: z.string(),
    authUrl: z.string(),
    tokenUrl: z.string(),
  }),
  accessToken: z.string().max(8192),
  /** Empty once the provider refused it (consent withdrawn, expired): only signing in again helps. */
  refreshToken: z.string().max(8192),
  /** When the access token stops working (both providers: about an hour after it was issued). */
  accessTokenExpiresAt: z.string(),
});
export type MailboxTokens = z.output<typeof mailboxTokensSchema>;
