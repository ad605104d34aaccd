import { PURPOSE_RULES, type GuardVerdict, type HoldReason, type MessageHold } from '../../../shared/outreach/guard';
import { describeHold, HOLD_LABELS } from '../../../shared/outreach/guard-words';
import type { TemplatePurpose } from '../../../shared/outreach/template-fields';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { nowOf, todayOf, type CoreContext } from '../context';
import { guardDay, readDraftFacts } from './guard-facts';
import { guardMessage } from './send-guard';
import { smsTemplates } from '../sms/sms-templates';

export interface QueuedHold {
  reason: HoldReason | MessageHold;
  /** What the outbox shows, in words. */
  message: string;
  /** A text outside the customer's sending hours: when they open (it waits, rather than being cancelled). */
  opensAt?: string | null;
}

/**
 * The guard once more for a message already queued (or failed, and about to go again): the same
 * invoices, words and customer, judged on the day it would go. Any invoice now held holds the whole
 * message, since it was written to ask for that invoice; holds the collector lifted when queueing
 * stay lifted. Only messages that went count towards the contact rhythm: another one still waiting
 * may yet be held itself.
 */
export function recheckQueued(sqlite: SqliteDb, messageId: number, today: IsoDate, now: Date = new Date()): QueuedHold | null {
  const message = prepareCached(
    sqlite,
    `SELECT m.customer_id AS customerId, m.channel, m.template_id AS templateId, t.purpose FROM outbox_messages m
    LEFT JOIN email_templates t ON t.id = m.template_id AND t.language = 'en' WHERE m.id = ?`,
  ).get(messageId) as { customerId: number; channel: 'email' | 'sms'; templateId: string; purpose: TemplatePurpose | null } | undefined;
  if (!message) return null;
  const texting = message.channel === 'sms';
  if (texting) message.purpose = smsTemplates().get(message.templateId)?.purpose ?? null;
  const invoiceIds = (
    prepareCached(sqlite, 'SELECT invoice_id AS id FROM outbox_message_invoices WHERE message_id = ?').all(messageId) as RenamedRow<
      'outbox_message_invoices',
      { id: 'invoice_id' }
    >[]
  ).map((row) => row.id);
  const lifted = prepareCached(sqlite, 'SELECT invoice_id AS invoiceId FROM outbox_guard_overrides WHERE message_id = ?').all(messageId) as RenamedRow<
    'outbox_guard_overrides',
    { invoiceId: 'invoice_id' }
  >[];
  const rules = guardDay(sqlite, today);
  const facts = readDraftFacts(
    sqlite,
    today,
    rules.rhythmDays,
    [{ customerId: message.customerId, invoiceIds }],
    { sentOnly: true, exceptMessageId: messageId },
    texting ? now : undefined,
  ).get(message.customerId)!;
  // A template deleted since it was queued: still a message that asks for payment.
  const rule = message.purpose ? PURPOSE_RULES[message.purpose] : { wording: 'any' as const, chases: true, exempt: null };
  const verdict = guardMessage(
    {
      customer: facts.customer,
      invoices: invoiceIds.map((id) => facts.invoices.get(id)!),
      rule,
      channel: message.channel,
      override: {
        invoiceIds: new Set(lifted.flatMap((row) => (row.invoiceId === null ? [] : [row.invoiceId]))),
        rhythm: lifted.some((row) => row.invoiceId === null),
      },
    },
    rules,
  );
  return heldOf(verdict, today, rules.rhythmDays, facts.customer.sms?.opensAt ?? null);
}

function heldOf(verdict: GuardVerdict, today: IsoDate, rhythmDays: number, opensAt: string | null): QueuedHold | null {
  if (verdict.held === 'quiet_hours') return { reason: verdict.held, message: describeHold(verdict.held, verdict, today, rhythmDays), opensAt };
  if (verdict.held && verdict.held !== 'nothing_left') return { reason: verdict.held, message: describeHold(verdict.held, verdict, today, rhythmDays) };
  const [first] = verdict.dropped;
  if (!first) return null;
  return { reason: first.reason, message: verdict.dropped.map((d) => `${d.number}: ${HOLD_LABELS[d.reason].toLowerCase()}`).join(', ') };
}

/**
 * Called by the outbox sender just before a message goes. A held message is cancelled with why
 * (shown in the outbox), its ladder steps are given back so the ladder takes them again once the
 * hold ends, and its key is freed so the same reminder can be queued again then. A text that has
 * reached the customer's evening waits for the morning instead. True when held.
 */
export function holdAtSend(ctx: CoreContext, messageId: number): boolean {
  const { sqlite } = ctx.database;
  const hold = recheckQueued(sqlite, messageId, todayOf(ctx), ctx.clock());
  if (!hold) return false;
  const now = nowOf(ctx);
  if (hold.reason === 'quiet_hours' && hold.opensAt) {
    prepareCached(sqlite, "UPDATE outbox_messages SET next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'queued'").run(
      hold.opensAt,
      `Waits for the customer's sending hours (${hold.opensAt}).`,
      now,
      messageId,
    );
    return true;
  }
  const customerId = sqlite.transaction(() => {
    const row = prepareCached(
      sqlite,
      `UPDATE outbox_messages SET status = 'cancelled', last_error = ?, updated_at = ?,
        idempotency_key = idempotency_key || '|held:' || id WHERE id = ? AND status = 'queued' RETURNING customer_id AS customerId`,
    ).get(`Held when it was due to go: ${hold.message}`, now, messageId) as ColumnsRow<'outbox_messages', 'customer_id'> | undefined;
    if (!row) return null;
    prepareCached(sqlite, 'DELETE FROM ladder_invoice_steps WHERE message_id = ?').run(messageId);
    prepareCached(sqlite, "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'system', 'outbox.held', ?, ?, ?)").run(
      now,
      channelOf(sqlite, messageId),
      String(messageId),
      JSON.stringify({ hold: hold.reason, message: hold.message }),
    );
    return row.customerId;
  })();
  if (customerId !== null) ctx.worklist.markStale(customerId);
  return true;
}

function channelOf(sqlite: SqliteDb, messageId: number): string {
  return (
    (prepareCached(sqlite, 'SELECT channel FROM outbox_messages WHERE id = ?').get(messageId) as ColumnsRow<'outbox_messages', 'channel'> | undefined)
      ?.channel ?? 'email'
  );
}
