import type { IsoDate } from '../../../shared/dates';
import type { OutreachSettings } from '../../../shared/outreach/outreach-settings';
import type { TextDraft } from '../../../shared/sms/sms-api';
import type { SmsRecipient } from '../../../shared/sms/sms-reach';
import type { SqliteDb } from '../../db/sqlite';
import { getSetting } from '../settings';
import { mergeValues } from '../mail/merge-values';
import type { MergeValues } from '../mail/template-render';

/**
 * A text's merge values: an email's (mail/merge-values.ts), addressed to the contact being texted
 * rather than the one an email would go to, with the mailbox's address as `sender.email`.
 */
export function textValues(
  sqlite: SqliteDb,
  draft: TextDraft,
  recipient: SmsRecipient,
  today: IsoDate,
  settings: OutreachSettings,
): { values: MergeValues; invoiceIds: number[] } {
  const fromAddress = getSetting(sqlite, 'smtp')?.fromAddress ?? '';
  const { values, invoiceIds } = mergeValues(sqlite, draft, today, settings, fromAddress);
  values.fields['contact.name'] = recipient.name;
  values.fields['contact.firstName'] = recipient.name.split(/\s+/)[0] ?? '';
  return { values, invoiceIds };
}
