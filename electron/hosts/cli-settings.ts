import { AppError } from '../../shared/errors';
import type { OutreachSettings } from '../../shared/outreach/outreach-settings';
import { fillPaymentLinkPattern } from '../../shared/outreach/payment-link-pattern';
import { senderPerson, type SenderPerson } from '../../shared/outreach/sender-person';
import type { Core } from '../core';

export interface SignerOptions {
  json: boolean;
  company?: string | undefined;
  'sender-name'?: string | undefined;
  'sender-title'?: string | undefined;
  'sender-phone'?: string | undefined;
  'manager-name'?: string | undefined;
  'manager-title'?: string | undefined;
  'manager-phone'?: string | undefined;
  'payment-link'?: string | undefined;
  locale?: string | undefined;
  customer?: string | undefined;
}

/** Each flag and the outreach setting it sets; a flag given as "" clears it. */
const FLAGS = {
  company: 'companyName',
  'sender-name': 'senderName',
  'sender-title': 'senderRole',
  'sender-phone': 'senderPhone',
  'manager-name': 'managerName',
  'manager-title': 'managerRole',
  'manager-phone': 'managerPhone',
  'payment-link': 'paymentUrlPattern',
  locale: 'locale',
} as const satisfies Record<string, keyof OutreachSettings>;

const person = (who: SenderPerson): string => [who.name || '(no name)', who.title, who.phone].filter(Boolean).join(', ');

/**
 * `settings email [--company X] [--sender-name X] …`: who signs the messages and the payment-link
 * pattern, checked as the app checks them (a refused pattern exits 1 with the reason); without flags
 * it only shows them, with the person each sender role resolves to.
 */
export async function settingsCommand(core: Core, action: string | undefined, options: SignerOptions): Promise<string> {
  if (action !== 'email')
    throw new AppError(
      'INVALID_INPUT',
      'Usage: settings email --db PATH [--company NAME] [--sender-name NAME] [--sender-title T] [--sender-phone P] [--manager-name NAME] [--manager-title T] [--manager-phone P] [--payment-link PATTERN] [--locale en-US] [--json]',
    );
  let settings = await core.call('settings.outreach.get', {});
  const changes = Object.fromEntries(
    Object.entries(FLAGS).flatMap(([flag, key]) => {
      const value = options[flag as keyof typeof FLAGS];
      return value === undefined ? [] : [[key, value]];
    }),
  );
  if (Object.keys(changes).length > 0) settings = await core.call('settings.outreach.save', { ...settings, ...changes });
  const collector = senderPerson(settings, 'collector');
  const manager = senderPerson(settings, 'manager');
  // The live example Settings shows beside the field: the link the pattern makes for a real open invoice.
  const sample = settings.paymentUrlPattern ? await core.call('settings.outreach.linkSample', {}) : null;
  const link = sample ? fillPaymentLinkPattern(settings.paymentUrlPattern, sample.values) : null;
  const example = sample && link ? { invoiceNumber: sample.values.invoiceNumber, customerName: sample.customerName, link } : null;
  if (options.json) return JSON.stringify({ ...settings, senders: { collector, manager }, paymentLinkExample: example });
  return [
    `Company: ${settings.companyName || '(not set: needed before the first send)'}`,
    `Collector steps from: ${person(collector)}`,
    `Manager steps from: ${manager.standIn ? `${person(collector)} (no manager named)` : person(manager)}`,
    `Payment link pattern: ${settings.paymentUrlPattern || '(none)'}`,
    ...(example ? [`Payment link for invoice ${example.invoiceNumber} of ${example.customerName}: ${example.link}`] : []),
    `Locale for customers without one: ${settings.locale}`,
  ].join('\n');
}

/** `locale --customer ID [--locale de-DE | --locale country]`: the language and formats of a customer's emails. */
export async function localeCommand(core: Core, options: SignerOptions): Promise<string> {
  if (!options.customer) throw new AppError('INVALID_INPUT', 'Usage: locale --db PATH --customer ID [--locale de-DE | --locale country] [--json]');
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const result =
    options.locale === undefined
      ? await core.call('customer.summary', { customerId }).then((summary) => ({ locale: summary.locale, messageLocale: summary.messageLocale }))
      : await core.call('customer.setLocale', { customerId, locale: options.locale === 'country' ? null : options.locale });
  if (options.json) return JSON.stringify(result);
  return `${options.customer}: emails in ${result.messageLocale}${result.locale ? '' : ' (from its country, or the default)'}`;
}
