import { dialableNumber } from './phone-number';

/**
 * A phone number as a `tel:` link (E.164) that the system's calling app or softphone opens, written
 * as people in the user's country write it. A number that does not parse stays plain text.
 */
export function PhoneLink({ phone, country, label }: { phone: string; country?: string | null; label?: string }) {
  const number = dialableNumber(phone, country);
  if (!number) return <span className="muted">{phone}</span>;
  return (
    <a className="phone-link" href={`tel:${number.e164}`} target="_blank" rel="noreferrer" aria-label={label ?? `Call ${number.shown}`}>
      {number.shown}
    </a>
  );
}
