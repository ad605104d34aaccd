import { z } from 'zod';
import { isSecureOrLoopbackUrl } from '../loopback';
import { sendingHoursSchema, timeZoneSchema } from './sending-hours';

/**
 * The text-message provider (Twilio's REST API, or any service that speaks it: SignalWire and
 * others offer the same Messages resource) and the rules every text follows. The auth token is a
 * secret: stored encrypted, never shown back, and forgotten when the account or address changes.
 */
export const SMS_PROVIDERS = ['twilio'] as const;

/** A number in E.164 form (+ then up to 15 digits), as the provider takes and gives them. */
export const E164 = /^\+[1-9]\d{6,14}$/;
const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;

const smsFields = z.object({
  provider: z.enum(SMS_PROVIDERS).default('twilio'),
  /** The API's address: Twilio's own, or a compatible provider's (https; http only to this machine). */
  baseUrl: z.string().trim().max(500).refine(isSecureOrLoopbackUrl, 'an https address (plain http only to this machine)').default('https://api.twilio.com'),
  accountSid: z
    .string()
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID: AC followed by 32 hexadecimal digits'),
  authToken: z.string().min(1, 'the auth token').max(256),
  /** Texts go from this number, or through this Messaging Service (it picks the number). */
  sender: z
    .string()
    .trim()
    .refine((value) => E164.test(value) || MESSAGING_SERVICE.test(value), 'a number like +14155550100 or a Messaging Service SID (MG…)'),
  /**
   * Short payment links: the provider replaces each link in a text with a short one on the
   * Messaging Service's own domain (Twilio's Link Shortening, `ShortenUrls`), so a long pay URL costs
   * no extra segment. Only through a Messaging Service with a shortening domain set up.
   */
  shortenLinks: z.boolean().default(false),
});

const shortenNeedsService = (settings: { sender: string; shortenLinks: boolean }): boolean => !settings.shortenLinks || MESSAGING_SERVICE.test(settings.sender);
const SHORTEN_NEEDS_SERVICE = { message: 'short links need texts to go through a Messaging Service (MG…) with link shortening set up', path: ['shortenLinks'] };

export const smsSettingsSchema = smsFields.refine(shortenNeedsService, SHORTEN_NEEDS_SERVICE);
/** A save: without a token the stored one is kept, if it was for the same provider, address and account. */
export const smsSaveSchema = smsFields.extend({ authToken: z.string().max(256).optional() }).refine(shortenNeedsService, SHORTEN_NEEDS_SERVICE);
/** Where the token goes and for whom: changing any of them forgets it. */
export const SMS_SERVER_FIELDS = ['provider', 'baseUrl', 'accountSid'] as const;
export type SmsSettings = z.output<typeof smsSettingsSchema>;
export type SmsSettingsView = Omit<SmsSettings, 'authToken'> & { hasToken: boolean };

/** The rules, which hold (and a dry run shows) whether or not a provider is set up. */
export const smsRulesSchema = z.object({
  sendingHours: sendingHoursSchema.default({ start: '09:00', end: '19:00', days: [1, 2, 3, 4, 5] }),
  /** For customers with neither a zone of their own nor a country with just one; empty: this computer's. */
  defaultTimeZone: z.union([z.literal(''), timeZoneSchema]).default(''),
  /** Text only contacts whose consent is on file. */
  requireConsent: z.boolean().default(true),
  messagesPerMinute: z.number().int().min(1).max(6000).default(60),
  /** How often delivery statuses and replies are fetched (a desktop app has no public address for webhooks). */
  pollSeconds: z.number().int().min(10).max(3600).default(60),
});
export type SmsRules = z.output<typeof smsRulesSchema>;
export const DEFAULT_SMS_RULES: SmsRules = smsRulesSchema.parse({});
