import { IMAP_SERVER_FIELDS, type ImapSettings } from '../../../shared/inbox';
import type { MailboxTokens } from '../../../shared/mailbox-tokens';
import { sameServer } from '../server-secret';

export function serverOf(settings: ImapSettings): MailboxTokens['for'] {
  return Object.fromEntries(IMAP_SERVER_FIELDS.map((field) => [field, settings[field]])) as MailboxTokens['for'];
}

/** The stored tokens if they were given for this mailbox as it is set now, else null. */
export function tokensFor(settings: ImapSettings, tokens: MailboxTokens | null): MailboxTokens | null {
  return tokens && sameServer(tokens.for, settings, IMAP_SERVER_FIELDS) ? tokens : null;
}
