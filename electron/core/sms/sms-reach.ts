import { nextOpening, wallClock, withinSendingHours } from '../../../shared/sms/sending-hours';
import type { SmsHold, SmsReach, SmsRecipient } from '../../../shared/sms/sms-reach';
import type { SqliteDb } from '../../db/sqlite';
import type { Nullable, RenamedRow } from '../../db/typed-row';
import { getSetting } from '../settings';
import { customerTimeZone } from './customer-time-zone';
import { mobileNumber } from './mobile-number';

/** A customer with each of its contacts who has a phone, or once with nulls (the LEFT JOIN) when none has. */
type ContactRow = RenamedRow<'customers', { customerId: 'id'; country: 'country'; timeZone: 'time_zone' }> &
  Nullable<
    RenamedRow<'contacts', { contactId: 'id'; name: 'name'; phone: 'phone'; status: 'status'; consentAt: 'sms_consent_at'; optedOutAt: 'sms_opted_out_at' }>
  >;

/** Below this many customers, reading them by id beats reading the whole book. */
const PER_CUSTOMER_READS = 200;

/**
 * Whom a text to each customer would go to at `at`, and why none may go (see shared/sms/sms-reach.ts).
 * Contacts are tried primary first, then billing, AP, anyone; a contact who left, a landline, an
 * opt-out and (when Settings → SMS asks for it) a contact without consent are passed over, with why.
 */
export function readSmsReach(sqlite: SqliteDb, at: Date, customerIds?: readonly number[]): Map<number, SmsReach> {
  const rules = getSetting(sqlite, 'smsRules');
  const few = customerIds && customerIds.length <= PER_CUSTOMER_READS ? [...new Set(customerIds)] : null;
  const rows = sqlite
    .prepare(
      `SELECT c.id AS customerId, k.id AS contactId, k.name, k.phone, k.status, k.sms_consent_at AS consentAt,
      k.sms_opted_out_at AS optedOutAt, c.country, c.time_zone AS timeZone
    FROM customers c LEFT JOIN contacts k ON k.customer_id = c.id AND k.phone IS NOT NULL AND k.phone != ''
    ${few ? `WHERE c.id IN (${few.map(() => '?').join(', ')})` : ''}
    ORDER BY c.id, k.is_primary DESC, CASE k.role WHEN 'billing' THEN 0 WHEN 'ap' THEN 1 WHEN 'primary' THEN 2 ELSE 3 END, k.id`,
    )
    .all(...(few ?? [])) as ContactRow[];
  const wanted = customerIds && !few ? new Set(customerIds) : null;
  const byCustomer = new Map<number, ContactRow[]>();
  for (const row of rows) {
    if (wanted && !wanted.has(row.customerId)) continue;
    byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), row]);
  }
  const reach = new Map<number, SmsReach>();
  for (const [customerId, contacts] of byCustomer) {
    const timeZone = customerTimeZone(contacts[0]!, rules.defaultTimeZone);
    const skipped: SmsReach['skipped'] = [];
    let recipient: SmsRecipient | null = null;
    let sawMobile = false;
    let sawWilling = false;
    for (const contact of contacts) {
      if (contact.contactId === null) continue;
      const skip = (reason: string): void => void skipped.push({ contactId: contact.contactId!, name: contact.name ?? '', reason });
      if (contact.status === 'left') {
        skip('has left the customer');
        continue;
      }
      const mobile = mobileNumber(contact.phone, contact.country);
      if ('problem' in mobile) {
        skip(mobile.problem);
        continue;
      }
      sawMobile = true;
      if (contact.optedOutAt) {
        skip(`opted out of texts on ${contact.optedOutAt.slice(0, 10)}`);
        continue;
      }
      sawWilling = true;
      if (rules.requireConsent && !contact.consentAt) {
        skip('no consent to texts on file');
        continue;
      }
      recipient ??= { contactId: contact.contactId, name: contact.name ?? '', number: mobile.number };
    }
    const open = withinSendingHours(at, timeZone.zone, rules.sendingHours);
    const hold: SmsHold | null = !recipient ? (!sawMobile ? 'no_mobile' : !sawWilling ? 'opted_out' : 'no_consent') : open ? null : 'quiet_hours';
    const opensAt = open ? null : (nextOpening(at, timeZone.zone, rules.sendingHours)?.toISOString() ?? null);
    reach.set(customerId, { hold, recipient, timeZone, localTime: wallClock(at, timeZone.zone).time, opensAt, skipped });
  }
  return reach;
}
