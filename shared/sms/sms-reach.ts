/**
 * Whether a text may go to a customer now, and to whom: the first contact with a mobile number that
 * has not opted out (and, where the settings ask, whose consent is on file), in the customer's time
 * zone. Read by electron/core/sms/sms-reach.ts; judged by the send guard like every other hold.
 */
export type SmsHold = 'no_mobile' | 'opted_out' | 'no_consent' | 'quiet_hours';

export interface SmsRecipient {
  contactId: number;
  name: string;
  /** E.164. */
  number: string;
}

export interface CustomerTimeZone {
  zone: string;
  /** Set on the customer, the only zone of its country, or the settings' (or this computer's) default. */
  source: 'customer' | 'country' | 'default';
}

export interface SmsReach {
  hold: SmsHold | null;
  recipient: SmsRecipient | null;
  timeZone: CustomerTimeZone;
  /** The customer's wall clock then, "14:05". */
  localTime: string;
  /** When its sending hours open next (ISO), while they are closed. */
  opensAt: string | null;
  /** Contacts passed over, each with why ("+44 20 … is a landline"), for the dry run. */
  skipped: { contactId: number; name: string; reason: string }[];
}
