import { z } from 'zod';
import { isLoopbackHost, isLoopbackUrl } from './loopback';
import { oneLineText } from './text';

export const IMAP_SECURITY = ['tls', 'starttls', 'none'] as const;
/** How Inflow signs in to the mailbox: its password, or OAuth 2.0 (XOAUTH2) with Google or Microsoft 365, which refuse passwords over IMAP. */
export const MAILBOX_SIGN_IN = ['password', 'google', 'microsoft'] as const;
export type MailboxSignIn = (typeof MAILBOX_SIGN_IN)[number];
/** Blank: the provider's own endpoint; otherwise only a stand-in on this machine (tests), so tokens never go anywhere else. */
const providerEndpoint = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => value === '' || isLoopbackUrl(value), "leave it blank for the provider's own address");
export const INBOX_KINDS = ['bounce', 'auto_reply', 'reply', 'other'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
/** What the Inbox lists: a kind, or the messages no customer was found for. */
export const INBOX_FILTERS = [...INBOX_KINDS, 'unmatched'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

const imapFields = z.object({
  host: oneLineText(253).min(1, 'the mail server name'),
  /** 993 for TLS from the start, 143 for STARTTLS. */
  port: z.number().int().min(1).max(65_535),
  security: z.enum(IMAP_SECURITY),
  user: oneLineText(254).min(1, 'the mailbox login'),
  password: z.string().max(1024).default(''),
  signIn: z.enum(MAILBOX_SIGN_IN).default('password'),
  /** OAuth: the client id of the app registered for Inflow (Google Cloud: a Desktop app; Microsoft Entra: Mobile and desktop). */
  clientId: oneLineText(200).default(''),
  /** Google's installed-app client secret (its token endpoint asks for it; Microsoft's public clients have none). Kept like the password. */
  clientSecret: z.string().max(500).default(''),
  /** Microsoft: the directory (tenant) id or domain; "organizations" takes any work or school account. */
  tenant: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,100}$/, 'a directory id or domain')
    .default('organizations'),
  authUrl: providerEndpoint.default(''),
  tokenUrl: providerEndpoint.default(''),
  /** The folder replies arrive in. */
  folder: oneLineText(200).min(1).default('INBOX'),
  /** Where copies of sent messages go; empty: the folder the server marks as Sent. */
  sentFolder: oneLineText(200).default(''),
  /** Append every message Inflow sends to the Sent folder, so replies thread under it in any mail program. */
  appendSent: z.boolean().default(true),
  /** How long the ladder waits after an out-of-office answer that names no return date. */
  outOfOfficeDays: z.number().int().min(1).max(60).default(7),
  /** How often the mailbox is read when the server cannot push (IDLE), in minutes. */
  pollMinutes: z.number().int().min(1).max(1440).default(5),
});

function plainOnlyToThisMachine(imap: { host: string; security: string }, ctx: z.RefinementCtx): void {
  if (imap.security === 'none' && !isLoopbackHost(imap.host)) {
    ctx.addIssue({ code: 'custom', path: ['security'], message: 'a server on another machine needs TLS or STARTTLS; "none" is for a server on this machine' });
  }
}

export const imapSettingsSchema = imapFields.superRefine(plainOnlyToThisMachine);
export type ImapSettings = z.output<typeof imapSettingsSchema>;
/** A save: without a password the stored one is kept, if it was for this same server and login. */
export const imapSaveSchema = imapFields
  .extend({ password: z.string().max(1024).optional(), clientSecret: z.string().max(500).optional() })
  .superRefine(plainOnlyToThisMachine);
/** Where the password, client secret and OAuth tokens go and as whom: changing any of them forgets them. */
export const IMAP_SERVER_FIELDS = ['host', 'port', 'security', 'user', 'signIn', 'clientId', 'tenant', 'authUrl', 'tokenUrl'] as const;
/** OAuth sign-in as the window sees it: whom Inflow is signed in as, or that the provider stopped accepting it. */
export interface MailboxOAuthStatus {
  signedInAs: string | null;
  /** The provider refused the stored grant (consent withdrawn, expired): only signing in again helps. */
  reconnect: boolean;
}
export type ImapSettingsView = Omit<ImapSettings, 'password' | 'clientSecret'> & { hasPassword: boolean; hasClientSecret: boolean; oauth: MailboxOAuthStatus };

/** What one read of the mailbox brought in (`inbox fetch --json`). */
export interface InboxFetchResult {
  fetched: number;
  matched: number;
  unmatched: number;
  bounces: number;
  autoReplies: number;
  replies: number;
}

export const INBOX_MATCHES = ['thread', 'address', 'domain', 'invoice', 'assigned'] as const;
export const INBOX_STATES = ['open', 'done'] as const;

/** One message as the Inbox lists it. */
export interface InboxItem {
  id: number;
  kind: InboxKind;
  receivedAt: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  customerId: number | null;
  customerName: string | null;
  matchedBy: (typeof INBOX_MATCHES)[number] | null;
  state: (typeof INBOX_STATES)[number];
  /** One line: "says paid yesterday, remittance attached", "bounced: 5.1.1 for ann@acme.example". */
  summary: string;
  /** The reading with its evidence (kind-specific facts, the lines they rest on). */
  reading: InboxReading;
  refused: string | null;
}

export interface InboxReading {
  evidence: string[];
  bounce: { recipient: string | null; status: string | null; permanent: boolean; delayed: boolean; diagnostic: string | null } | null;
  autoReply: {
    absence: boolean;
    returnDate: string | null;
    returnEvidence: string | null;
    alternative: { name: string | null; email: string | null } | null;
  } | null;
  reply: {
    intent: 'paid' | 'promise' | 'dispute' | 'copy' | 'stop' | null;
    evidence: string | null;
    promiseDate: string | null;
    amount: { minor: number; currency: string } | null;
  } | null;
  originalMessageId: string | null;
  /** What Inflow did on reading it: "paused the ladder", "marked ann@acme.example bounced", "sent again once" … */
  actions: string[];
}

/** The message opened for reading: sanitised HTML in a page of its own, the text, the attachments. */
export interface InboxMessageView {
  item: InboxItem;
  to: string;
  /** A whole page for a sandboxed frame: scripts, handlers and remote content removed, its own CSP. */
  previewHtml: string | null;
  text: string;
  attachments: { path: string; filename: string; type: string; size: number }[];
}

/** How the collector dealt with a message (the Inbox's one-key actions). */
export const INBOX_ACTIONS = ['in_transit', 'promise', 'dispute', 'new_contact', 'done'] as const;
export type InboxAction = (typeof INBOX_ACTIONS)[number];
