import { z } from 'zod';

/**
 * How a customer reads: the locale its emails write dates and amounts in, and the language its
 * templates are chosen in. A collector may set the locale on the customer page; otherwise it follows
 * the customer's country (from the ERP or an import), and without one the messaging default of
 * Settings → Email.
 */

/** A BCP 47 tag such as en-GB or de-CH, as Intl understands it. */
export const localeSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale like en-GB or de-DE')
  .refine((tag) => Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0, 'a locale this computer can format dates in');

/** ISO 3166 alpha-2, upper case. */
export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a two-letter country code like GB');

/** The languages Inflow ships templates in; any other customer language gets English ones. */
export const TEMPLATE_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<TemplateLanguage, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' };

/**
 * The usual business locale of a country. Where a country has several languages the larger one is
 * taken (Belgium Dutch, Switzerland German, Canada English); the customer page overrides it.
 */
const COUNTRY_LOCALES: Record<string, string> = {
  US: 'en-US',
  GB: 'en-GB',
  IE: 'en-IE',
  CA: 'en-CA',
  AU: 'en-AU',
  NZ: 'en-NZ',
  ZA: 'en-ZA',
  IN: 'en-IN',
  SG: 'en-SG',
  HK: 'en-HK',
  DE: 'de-DE',
  AT: 'de-AT',
  CH: 'de-CH',
  LI: 'de-LI',
  FR: 'fr-FR',
  LU: 'fr-LU',
  MC: 'fr-MC',
  ES: 'es-ES',
  MX: 'es-MX',
  AR: 'es-AR',
  CO: 'es-CO',
  CL: 'es-CL',
  PE: 'es-PE',
  UY: 'es-UY',
  BE: 'nl-BE',
  NL: 'nl-NL',
  IT: 'it-IT',
  PT: 'pt-PT',
  BR: 'pt-BR',
  SE: 'sv-SE',
  DK: 'da-DK',
  NO: 'nb-NO',
  FI: 'fi-FI',
  PL: 'pl-PL',
  CZ: 'cs-CZ',
  SK: 'sk-SK',
  HU: 'hu-HU',
  RO: 'ro-RO',
  GR: 'el-GR',
  TR: 'tr-TR',
  JP: 'ja-JP',
  CN: 'zh-CN',
  KR: 'ko-KR',
};

/** The locales offered on the customer page: every country's usual one, plus a few other common ones. */
export const OFFERED_LOCALES: readonly string[] = [
  ...new Set([...Object.values(COUNTRY_LOCALES), 'fr-BE', 'fr-CH', 'fr-CA', 'de-BE', 'it-CH', 'en-BE', 'en-NL', 'en-DE']),
].sort();

export function countryLocale(country: string | null): string | null {
  return country ? (COUNTRY_LOCALES[country.toUpperCase()] ?? null) : null;
}

/** The locale a customer's messages are written in: its own, else its country's, else the default. */
export function customerLocale(customer: { locale: string | null; country: string | null }, fallback: string): string {
  return customer.locale ?? countryLocale(customer.country) ?? fallback;
}

/** The template language for a locale: its language when Inflow ships templates in it, else English. */
export function templateLanguage(locale: string): TemplateLanguage {
  const language = locale.split('-')[0]!.toLowerCase();
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language) ? (language as TemplateLanguage) : 'en';
}
