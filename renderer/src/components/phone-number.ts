import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** A number ready to dial and to show. */
export interface DialableNumber {
  /** E.164, the form a `tel:` link carries. */
  e164: string;
  /** As people in the user's country write it: national form for their own country's numbers, international otherwise. */
  shown: string;
}

const userCountry = (): string | undefined => (typeof navigator === 'undefined' ? undefined : navigator.language.split('-')[1]?.toUpperCase());

/**
 * A stored phone number read with the customer's country for numbers written without a country code
 * (the user's country when the customer has none); null when it does not parse: dialling a guess is worse.
 */
export function dialableNumber(phone: string, country?: string | null, viewer: string | undefined = userCountry()): DialableNumber | null {
  const parsed = parsePhoneNumberFromString(phone, (country ?? viewer) as CountryCode | undefined);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, shown: parsed.country === viewer ? parsed.formatNational() : parsed.formatInternational() };
}
