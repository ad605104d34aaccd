import { z } from 'zod';
import { isLoopbackHost } from '../loopback';
import { emailAddressSchema, oneLineText } from '../text';
import { paymentLinkPatternProblem } from './payment-link-pattern';

/** No CR/LF (or other control characters) in anything that becomes a mail header. */
const headerText = oneLineText;
const address = emailAddressSchema;
const optionalAddress = z.union([z.literal(''), address]).default('');

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

const smtpFields = z.object({
  host: headerText(253).min(1, 'the mail server name'),
  port: z.number().int().min(1).max(65_535),
  /** STARTTLS (587), TLS from the start (465), or none (a relay on this machine only). */
  security: z.enum(SMTP_SECURITY),
  user: headerText(254).default(''),
  password: z.string().max(1024).default(''),
  fromName: headerText(120).default(''),
  fromAddress: address,
  replyTo: optionalAddress,
  /** A copy of every message to the ERP's inbox, if it files emails. */
  bcc: optionalAddress,
  /**
   * Connections the outbox sends on at once: two keep the server busy while Inflow records the last
   * message; mailbox providers allow a few (Microsoft 365 three, Gmail more).
   */
  connections: z.number().int().min(1).max(4).default(2),
});

/** Without TLS the password and every message cross the network in clear: only a relay on this machine may go without. */
function plainOnlyToThisMachine(smtp: { host: string; security: string }, ctx: z.RefinementCtx): void {
  if (smtp.security === 'none' && !isLoopbackHost(smtp.host)) {
    ctx.addIssue({
      code: 'custom',
      path: ['security'],
      message: 'a server on another machine needs STARTTLS or TLS; "none" is for a relay on this machine (localhost, 127.0.0.1)',
    });
  }
}

export const smtpSettingsSchema = smtpFields.superRefine(plainOnlyToThisMachine);
/** A save: without a password the stored one is kept, if it was for this same server and user. */
export const smtpSaveSchema = smtpFields.extend({ password: z.string().max(1024).optional() }).superRefine(plainOnlyToThisMachine);
/** Where the password goes and as whom: changing any of them forgets the stored password. */
export const SMTP_SERVER_FIELDS = ['host', 'port', 'security', 'user'] as const;
export type SmtpSettings = z.output<typeof smtpSettingsSchema>;
/** What the window sees: never the password, only whether one is stored. */
export type SmtpSettingsView = Omit<SmtpSettings, 'password'> & { hasPassword: boolean };

/**
 * Who signs: the collector (sender…) and the manager escalation steps go out from (manager…). Each is
 * one person, used whole for a message (see senderPerson): name, title and phone never mix.
 */
export const outreachSettingsSchema = z.object({
  senderName: headerText(120).default(''),
  senderRole: headerText(120).default('Accounts Receivable'),
  senderPhone: headerText(60).default(''),
  managerName: headerText(120).default(''),
  managerRole: headerText(120).default('Finance Manager'),
  managerPhone: headerText(60).default(''),
  companyName: headerText(120).default(''),
  /** How amounts and dates are written to customers with no locale or known country of their own. */
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale like en-US')
    .default('en-US'),
  /** e.g. https://pay.example.com/{invoiceNumber}?amount={balance}; used when the ERP gave no link. */
  paymentUrlPattern: oneLineText(500).default(''),
  /** Hosts a video-memo link may point to. */
  videoHosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a host name like loom.com'),
    )
    .max(50)
    .default(['loom.com', 'vidyard.com', 'youtube.com', 'youtu.be', 'vimeo.com']),
  /** A personal mailbox takes about 60 a minute before the provider objects; a company relay, far more. */
  messagesPerMinute: z.number().int().min(1).max(60_000).default(60),
  /** Sends are held when the last import from the ERP is older than this. */
  syncFreshnessDays: z.number().int().min(1).max(60).default(2),
  /** At most one message per customer in this many days, whatever sends it (ladder, bulk, single); 0: no limit. */
  contactRhythmDays: z.number().int().min(0).max(30).default(1),
  /** A send of more messages than this asks for their number to be typed before anything goes. */
  typedConfirmAbove: z.number().int().min(1).max(100_000).default(25),
});
export type OutreachSettings = z.output<typeof outreachSettingsSchema>;
export const DEFAULT_OUTREACH_SETTINGS: OutreachSettings = outreachSettingsSchema.parse({});

/**
 * What a save must pass: the stored schema, plus a payment-link pattern with only known tokens. The
 * stored schema stays lenient so a pattern saved before this check does not void the other settings
 * on read; such a pattern makes no links (see paymentLinkFiller) until it is corrected.
 */
export const outreachSettingsInputSchema = outreachSettingsSchema.extend({
  paymentUrlPattern: oneLineText(500)
    .default('')
    .superRefine((pattern, ctx) => {
      const problem = paymentLinkPatternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
