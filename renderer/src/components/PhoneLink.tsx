import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const userCountry = (): string | undefined => (typeof navigator === 'undefined' ? undefined : navigator.language.split('-')[1]?.toUpperCase());

/**
 * A phone number as a `tel:` link (E.164) that the system's calling app or softphone opens, written
 * as people in the user's country write it: national form for a number of their own country,
 * international otherwise. A number that does not parse stays plain text: dialling a guess is worse.
 */
export function PhoneLink({ phone, country, label }: { phone: string; country?: string | null; label?: string }) {
  const parsed = parsePhoneNumberFromString(phone, (country ?? userCountry()) as CountryCode | undefined);
  if (!parsed?.isValid()) return <span className="muted">{phone}</span>;
  const shown = parsed.country === userCountry() ? parsed.formatNational() : parsed.formatInternational();
  return (
    <a className="phone-link" href={`tel:${parsed.number}`} target="_blank" rel="noreferrer" aria-label={label ?? `Call ${shown}`}>
      {shown}
    </a>
  );
}
