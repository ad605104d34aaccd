import { z } from 'zod';
import { imapSaveSchema, INBOX_ACTIONS, INBOX_FILTERS, type ImapSettingsView, type InboxFetchResult, type InboxItem, type InboxMessageView } from './inbox';
import { returns } from './procedure';

/** The Inbox's procedures, part of the contract in api.ts. */
export const inboxApi = {
  // Inbox (issue 22): replies, bounces and out-of-office answers read back from the collector's mailbox.
  'inbox.settings.get': returns<ImapSettingsView | null>()(z.object({})),
  /** Without a password the stored one is kept, unless the server or login changed. */
  'inbox.settings.save': returns<ImapSettingsView>()(imapSaveSchema),
  /**
   * Signs in to the saved mailbox with Google or Microsoft 365: the consent page opens in the browser
   * (a `browser.open` event), the loopback redirect brings the code, the tokens stay in the core, and
   * one IMAP login (XOAUTH2) proves they work.
   */
  'inbox.oauth.signIn': returns<{ signedInAs: string }>()(z.object({})),
  /** Reads what is new in the mailbox now; counts what came in. */
  'inbox.fetch': returns<InboxFetchResult>()(z.object({})),
  'inbox.list': returns<InboxItem[]>()(
    z.object({
      filter: z.enum(INBOX_FILTERS).optional(),
      /** Handled messages too (default: only those still open). */
      all: z.boolean().default(false),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
  ),
  /** One message to read: sanitised HTML for the sandboxed frame, the text, the attachments. */
  'inbox.message': returns<InboxMessageView>()(z.object({ id: z.number().int().positive() })),
  /** An attachment's bytes (base64), saved by the window on demand. */
  'inbox.attachment': returns<{ filename: string; type: string; base64: string }>()(
    z.object({ id: z.number().int().positive(), path: z.string().regex(/^\d+(?:\.\d+){0,20}$/, 'a MIME part path like 2.1') }),
  ),
  /** The Unmatched list's one key: this message is about this customer. */
  'inbox.assign': returns<InboxItem>()(z.object({ id: z.number().int().positive(), customerId: z.number().int().positive() })),
  /** Marks a message handled (a reply stops pausing the ladder), saying how. */
  'inbox.handle': returns<InboxItem>()(z.object({ id: z.number().int().positive(), action: z.enum(INBOX_ACTIONS) })),
} as const;
