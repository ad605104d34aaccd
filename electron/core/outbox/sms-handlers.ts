import { AppError } from '../../../shared/errors';
import { PURPOSE_RULES } from '../../../shared/outreach/guard';
import { describeHold } from '../../../shared/outreach/guard-words';
import { countSegments } from '../../../shared/sms/segments';
import type { SmsSettings, SmsSettingsView } from '../../../shared/sms/sms-settings';
import { SMS_SERVER_FIELDS } from '../../../shared/sms/sms-settings';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { guardDrafts } from '../ladder/guard-drafts';
import { guardDay } from '../ladder/guard-facts';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { customerTimeZone } from '../sms/customer-time-zone';
import { readSmsReach } from '../sms/sms-reach';
import { queueTexts } from './sms-queue';
import { renderSms, smsTemplates } from '../sms/sms-templates';
import { textValues } from '../sms/text-values';
import type { ColumnsRow } from '../../db/typed-row';

const view = (settings: SmsSettings | null): SmsSettingsView | null => {
  if (!settings) return null;
  const { authToken, ...rest } = settings;
  return { ...rest, hasToken: authToken !== '' };
};

function smsSettingsOf(ctx: CoreContext) {
  const { sqlite } = ctx.database;
  return { provider: view(getSetting(sqlite, 'sms')), rules: getSetting(sqlite, 'smsRules') };
}

export const smsHandlers: Handlers<
  'settings.sms.get' | 'settings.sms.save' | 'sms.templates' | 'sms.preview' | 'sms.queue' | 'sms.poll' | 'contacts.smsConsent' | 'customer.setTimeZone'
> = {
  'settings.sms.get': (_input, ctx) => smsSettingsOf(ctx),

  /** A token left out keeps the stored one only for the same provider, address and account (server-secret.ts). */
  'settings.sms.save': ({ provider, rules }, ctx) => {
    const { sqlite } = ctx.database;
    const now = nowOf(ctx);
    if (provider === null) setSetting(sqlite, 'sms', null, now);
    else if (provider) {
      const stored = getSetting(sqlite, 'sms');
      const authToken = provider.authToken || (sameServer(stored, provider, SMS_SERVER_FIELDS) ? stored.authToken : '');
      if (!authToken)
        throw new AppError('INVALID_INPUT', 'Enter the auth token: none is stored for this account.', {
          issues: [{ path: 'authToken', message: 'the auth token' }],
        });
      setSetting(sqlite, 'sms', { ...provider, authToken }, now);
    }
    if (rules) setSetting(sqlite, 'smsRules', rules, now);
    ctx.sms.wake();
    return smsSettingsOf(ctx);
  },

  'sms.templates': () => [...smsTemplates().values()].map(({ id, name, purpose, body }) => ({ id, name, purpose, body })),

  /** The text as it would go now, through the same guard as the send; the collector's edited words are counted as typed. */
  'sms.preview': ({ draft }, ctx) => {
    const { sqlite } = ctx.database;
    const today = todayOf(ctx);
    const rules = guardDay(sqlite, today);
    const [guarded] = guardDrafts(sqlite, [draft], rules, { at: ctx.clock() });
    const { verdict, template } = guarded!;
    const reach = readSmsReach(sqlite, ctx.clock(), [draft.customerId]).get(draft.customerId) ?? null;
    const recipient = reach?.recipient ?? null;
    // A text that asks for payment with no invoice left is never written, whatever else holds it: its merge values would
    // fall back to every past-due invoice, the disputed and promised ones included (as outreach.preview for emails).
    const renders = recipient !== null && !(PURPOSE_RULES[template.purpose].chases && verdict.invoices.length === 0);
    const words =
      draft.text ?? (renders ? renderSms(template, textValues(sqlite, guarded!.draft, recipient, today, getSetting(sqlite, 'outreach')).values) : '');
    return {
      templateId: template.id,
      to: recipient,
      text: words,
      segments: countSegments(words),
      guard: verdict,
      hold: verdict.held,
      reach,
      heldMessage: verdict.held ? describeHold(verdict.held, verdict, today, rules.rhythmDays) : null,
    };
  },

  'sms.queue': ({ messages }, ctx) => queueTexts(ctx, messages),

  'sms.poll': (_input, ctx) => ctx.sms.pollNow(),

  /** Consent given (with how) clears an earlier opt-out; consent withdrawn is an opt-out. Both are audited. */
  'contacts.smsConsent': ({ contactId, consent, note }, ctx) => {
    const { sqlite } = ctx.database;
    const now = nowOf(ctx);
    const row = sqlite.transaction(() => {
      const updated = (
        consent
          ? sqlite
              .prepare('UPDATE contacts SET sms_consent_at = ?, sms_consent_note = ?, sms_opted_out_at = NULL WHERE id = ? RETURNING customer_id AS customerId')
              .get(now, note, contactId)
          : sqlite
              .prepare(
                'UPDATE contacts SET sms_consent_at = NULL, sms_consent_note = NULL, sms_opted_out_at = ? WHERE id = ? RETURNING customer_id AS customerId',
              )
              .get(now, contactId)
      ) as ColumnsRow<'contacts', 'customer_id'> | undefined;
      if (!updated) throw new AppError('NOT_FOUND', `No contact with id ${contactId}.`);
      sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', ?, 'contact', ?, ?)")
        .run(now, consent ? 'sms.consent' : 'sms.opt_out', String(contactId), JSON.stringify({ note }));
      return updated;
    })();
    ctx.worklist.markStale(row.customerId);
    return { contactId, consentAt: consent ? now : null, optedOutAt: consent ? null : now };
  },

  'customer.setTimeZone': ({ customerId, timeZone }, ctx) => {
    const { sqlite } = ctx.database;
    const row = sqlite.prepare('UPDATE customers SET time_zone = ?, updated_at = ? WHERE id = ? RETURNING country').get(timeZone, nowOf(ctx), customerId) as
      { country: string | null } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
    return customerTimeZone({ timeZone, country: row.country }, getSetting(sqlite, 'smsRules').defaultTimeZone);
  },
};
