import { getCountry } from 'countries-and-timezones';
import type { CustomerTimeZone } from '../../../shared/sms/sms-reach';
import { isTimeZone } from '../../../shared/sms/sending-hours';

/**
 * The zone a customer's sending hours are read in: its own (set on its page), else its country's
 * when the country has only one (France, Germany …), else the default of Settings → SMS, else this
 * computer's. A country spanning several zones (US, Canada, Australia …) needs the customer's own.
 */
export function customerTimeZone(customer: { timeZone: string | null; country: string | null }, defaultZone: string): CustomerTimeZone {
  if (customer.timeZone && isTimeZone(customer.timeZone)) return { zone: customer.timeZone, source: 'customer' };
  const zones = customer.country ? (getCountry(customer.country.toUpperCase())?.timezones ?? []) : [];
  if (zones.length === 1 && isTimeZone(zones[0]!)) return { zone: zones[0]!, source: 'country' };
  return { zone: defaultZone || Intl.DateTimeFormat().resolvedOptions().timeZone, source: 'default' };
}
