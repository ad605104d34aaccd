import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type MobileNumber = { number: string } | { problem: string };

/**
 * A contact's phone as a number a text can go to: parsed with the customer's country for numbers
 * written without +, valid for its country, and a mobile (or, as in North America, a number that
 * may be either). A landline or a malformed number is never texted, with why.
 */
export function mobileNumber(phone: string | null, country: string | null): MobileNumber {
  if (!phone?.trim()) return { problem: 'no phone number' };
  const parsed = parsePhoneNumberFromString(phone, (country ?? undefined) as CountryCode | undefined);
  if (!parsed?.isValid()) return { problem: `${phone} is not a valid number${parsed || !country ? '' : ` for ${country}`}` };
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { problem: `${phone} is ${type === 'FIXED_LINE' ? 'a landline' : 'not a mobile number'}` };
  return { number: parsed.number };
}

/** The same number in E.164, for matching a reply's sender to a contact; null when it does not parse. */
export function e164Of(phone: string, country: string | null): string | null {
  const parsed = parsePhoneNumberFromString(phone, (country ?? undefined) as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}
