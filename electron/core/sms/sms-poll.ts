import { addDays, type IsoDate } from '../../../shared/dates';
import { optKeyword } from '../../../shared/sms/opt-out-words';
import type { SmsPollResult } from '../../../shared/sms/sms-api';
import { log } from '../../log/log';
import { recordActivity } from '../activity/record-activity';
import { nowOf, type CoreContext } from '../context';
import { getSetting, setSetting } from '../settings';
import { e164Of } from './mobile-number';
import { FINAL_DELIVERY, type ProviderMessage, type SmsProvider } from './sms-provider';
import type { ColumnsRow } from '../../db/typed-row';

/** A text's status is followed for this long after it went; providers settle within hours. */
const FOLLOW_DAYS = 3;
/** Statuses fetched per poll at most: a big send is followed over a few polls. */
const STATUS_BATCH = 200;
/** Twilio's opt-out errors, on a message the carrier or provider stopped after it was accepted. */
const OPT_OUT_ERRORS = new Set(['21610', '30004']);

/**
 * One look at the provider (a desktop app has no public address for webhooks, so it asks): the
 * delivery status of texts sent in the last days, written to the outbox row and the timeline; and
 * replies received since the last look, each kept once by the provider's id, put on the timeline of
 * the customer whose contact has that number. A reply that is an opt-out word (STOP, ARRET, ALTO …)
 * marks the contact not textable; an opt-in word (START …) textable again.
 */
export async function pollProvider(ctx: CoreContext, provider: SmsProvider): Promise<SmsPollResult> {
  const result: SmsPollResult = { statuses: 0, replies: 0, unmatched: 0, optOuts: 0 };
  await followDeliveries(ctx, provider, result);
  await readReplies(ctx, provider, result);
  if (result.statuses + result.replies > 0) ctx.emit({ type: 'outbox.changed', batchId: null });
  return result;
}

async function followDeliveries(ctx: CoreContext, provider: SmsProvider, result: SmsPollResult): Promise<void> {
  const { sqlite } = ctx.database;
  const since = new Date(ctx.clock().getTime() - FOLLOW_DAYS * 86_400_000).toISOString();
  const rows = sqlite
    .prepare(
      `SELECT id, customer_id AS customerId, contact_id AS contactId, provider_id AS providerId, delivery FROM outbox_messages
    WHERE channel = 'sms' AND status = 'sent' AND provider_id IS NOT NULL AND sent_at >= ? AND (delivery IS NULL OR delivery NOT IN (${FINAL_DELIVERY.map(() => '?').join(', ')}))
    ORDER BY sent_at LIMIT ${STATUS_BATCH}`,
    )
    .all(since, ...FINAL_DELIVERY) as (ColumnsRow<'outbox_messages', 'id' | 'customer_id' | 'contact_id' | 'delivery'> & { providerId: string })[]; // not null: the WHERE
  for (const row of rows) {
    const message = await provider.fetch(row.providerId);
    if (message.status === row.delivery) continue;
    const now = nowOf(ctx);
    sqlite.transaction(() => {
      sqlite
        .prepare('UPDATE outbox_messages SET delivery = ?, updated_at = ?, last_error = ? WHERE id = ?')
        .run(message.status, now, message.errorCode ? `The provider reports ${message.status} (error ${message.errorCode}).` : null, row.id);
      sqlite
        .prepare("UPDATE activities SET body = json_set(body, '$.delivery', ?) WHERE customer_id = ? AND kind = 'sms' AND json_extract(body, '$.outboxId') = ?")
        .run(message.status, row.customerId, row.id);
      if (message.errorCode && OPT_OUT_ERRORS.has(message.errorCode) && row.contactId !== null) {
        sqlite.prepare('UPDATE contacts SET sms_opted_out_at = coalesce(sms_opted_out_at, ?) WHERE id = ?').run(now, row.contactId);
        result.optOuts += 1;
      }
    })();
    result.statuses += 1;
  }
}

interface NumberedContact {
  contactId: number;
  customerId: number;
  phone: string;
  country: string | null;
}

async function readReplies(ctx: CoreContext, provider: SmsProvider, result: SmsPollResult): Promise<void> {
  const { sqlite } = ctx.database;
  // The list filters by whole UTC days: from the day of the newest reply read (again), and never more than a week back at first.
  const since: IsoDate = getSetting(sqlite, 'smsInboundSince') ?? addDays(ctx.clock().toISOString().slice(0, 10), -7);
  // Oldest first; the list is newest first, so replies of the same second keep their order reversed first.
  const received = (await provider.received(since)).reverse().sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
  const known = sqlite.prepare('SELECT 1 FROM sms_inbound WHERE provider_id = ?');
  const fresh = received.filter((message) => !known.get(message.providerId));
  if (fresh.length > 0) {
    const byNumber = contactsByNumber(
      sqlite
        .prepare(
          `SELECT k.id AS contactId, k.customer_id AS customerId, k.phone, c.country FROM contacts k JOIN customers c ON c.id = k.customer_id
      WHERE k.phone IS NOT NULL AND k.phone != ''`,
        )
        .all() as NumberedContact[],
    );
    for (const message of fresh) keepReply(ctx, message, byNumber.get(message.from) ?? null, result);
  }
  const newest = received.at(-1)?.sentAt?.slice(0, 10);
  if (newest && newest !== getSetting(sqlite, 'smsInboundSince')) setSetting(sqlite, 'smsInboundSince', newest, nowOf(ctx));
}

/** Each contact by its number in E.164; a number two customers share goes to the first contact saved. */
function contactsByNumber(contacts: NumberedContact[]): Map<string, NumberedContact> {
  const map = new Map<string, NumberedContact>();
  for (const contact of contacts) {
    const number = e164Of(contact.phone, contact.country);
    if (number && !map.has(number)) map.set(number, contact);
  }
  return map;
}

function keepReply(ctx: CoreContext, message: ProviderMessage, contact: NumberedContact | null, result: SmsPollResult): void {
  const { sqlite } = ctx.database;
  const now = nowOf(ctx);
  const keyword = optKeyword(message.body);
  sqlite.transaction(() => {
    sqlite
      .prepare(`INSERT INTO sms_inbound (provider_id, from_number, to_number, body, received_at, customer_id, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(message.providerId, message.from, message.to, message.body, message.sentAt ?? now, contact?.customerId ?? null, contact?.contactId ?? null);
    if (!contact) return;
    recordActivity(ctx, {
      customerId: contact.customerId,
      kind: 'sms',
      deferRescore: true,
      body: {
        direction: 'inbound',
        from: message.from,
        text: message.body,
        providerId: message.providerId,
        contactId: contact.contactId,
        ...(keyword ? { keyword } : {}),
      },
    });
    if (keyword === 'opt_out') sqlite.prepare('UPDATE contacts SET sms_opted_out_at = coalesce(sms_opted_out_at, ?) WHERE id = ?').run(now, contact.contactId);
    if (keyword === 'opt_in') sqlite.prepare('UPDATE contacts SET sms_opted_out_at = NULL WHERE id = ?').run(contact.contactId);
  })();
  if (!contact) result.unmatched += 1;
  else result.replies += 1;
  if (keyword === 'opt_out') result.optOuts += 1;
  log.info('sms.reply', { matched: contact !== null, keyword });
}
