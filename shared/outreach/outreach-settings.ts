import { z } from 'zod';
import { EMAIL_ADDRESS, oneLineText } from '../text';
import { paymentLinkPatternProblem } from './payment-link-pattern';

/** No CR/LF (or other control characters) in anything that becomes a mail header. */
const headerText = oneLineText;
const address = headerText(254).regex(EMAIL_ADDRESS, 'not an email address');
const optionalAddress = z.union([z.literal(''), address]).default('');

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

export const smtpSettingsSchema = z.object({
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
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale like en-US').default('en-US'),
  /** e.g. https://pay.example.com/{invoiceNumber}?amount={balance}; used when the ERP gave no link. */
  paymentUrlPattern: oneLineText(500).default(''),
  /** Hosts a video-memo link may point to. */
  videoHosts: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a host name like loom.com')).max(50)
    .default(['loom.com', 'vidyard.com', 'youtube.com', 'youtu.be', 'vimeo.com']),
  /** A personal mailbox takes about 60 a minute before the provider objects; a company relay, far more. */
  messagesPerMinute: z.number().int().min(1).max(60_000).default(60),
  /** Sends are held when the last import from the ERP is older than this. */
  syncFreshnessDays: z.number().int().min(1).max(60).default(2),
});
export type OutreachSettings = z.output<typeof outreachSettingsSchema>;
export const DEFAULT_OUTREACH_SETTINGS: OutreachSettings = outreachSettingsSchema.parse({});

/**
 * What a save must pass: the stored schema, plus a payment-link pattern with only known tokens. The
 * stored schema stays lenient so a pattern saved before this check does not void the other settings
 * on read; such a pattern makes no links (see paymentLinkFiller) until it is corrected.
 */
export const outreachSettingsInputSchema = outreachSettingsSchema.extend({
  paymentUrlPattern: oneLineText(500).default('').superRefine((pattern, ctx) => {
    const problem = paymentLinkPatternProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
