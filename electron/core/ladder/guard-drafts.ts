import { addDays, type IsoDate } from '../../../shared/dates';
import { PURPOSE_RULES, type GuardVerdict, type PurposeRule } from '../../../shared/outreach/guard';
import type { LadderInvoice } from '../../../shared/outreach/ladder';
import type { MessageDraft } from '../../../shared/outreach/outbox';
import type { EmailTemplate } from '../../../shared/outreach/template-fields';
import type { SqliteDb } from '../../db/sqlite';
import { readCommitments } from '../activity/commitments';
import { liveBook } from '../ledger/book';
import { readDraftFacts, type DraftFacts } from './guard-facts';
import { byDueThenNumber } from './ladder-evaluation';
import { guardMessage, type GuardDay } from './send-guard';
import { getTemplate } from '../mail/template-store';
import { getSmsTemplate } from '../sms/sms-templates';

/** How far ahead a pre-due message looks when no invoice is named: "falls due in the next few days". */
export const SOON_DAYS = 7;

/** A message a collector (or the ladder) asked for, after the guard: the invoices it may list, or why it may not go. */
export interface GuardedDraft<D extends MessageDraft = MessageDraft> {
  /** The draft naming exactly the invoices kept, ready to render and queue. */
  draft: D;
  customerName: string;
  template: EmailTemplate;
  verdict: GuardVerdict;
}

/**
 * The invoices a message would list: those it names, or by its words every open invoice past due,
 * every one falling due in the next few days, or those of the open discount offer. A confirmation
 * of a promise, dispute or plan chases nothing and lists nothing unless told.
 */
function candidates(sqlite: SqliteDb, facts: DraftFacts, draft: MessageDraft, template: EmailTemplate, rule: PurposeRule, day: IsoDate): LadderInvoice[] {
  if (draft.invoiceIds.length > 0) return [...new Set(draft.invoiceIds)].map((id) => facts.invoices.get(id)!).sort(byDueThenNumber);
  if (!rule.chases) return [];
  const open = [...facts.invoices.values()].filter((invoice) => invoice.status === 'open' && invoice.openMinor > 0).sort(byDueThenNumber);
  if (rule.wording === 'past_due') return open.filter((invoice) => invoice.dueDate < day);
  if (rule.wording === 'before_due') return open.filter((invoice) => invoice.dueDate >= day && invoice.dueDate <= addDays(day, SOON_DAYS));
  const offer =
    template.purpose === 'discount' ? readCommitments(sqlite, draft.customerId, liveBook(day)).discounts.find((d) => d.state === 'open') : undefined;
  return offer ? open.filter((invoice) => offer.invoiceIds.includes(invoice.invoiceId)) : [];
}

/** A batch of texts: judged at this moment (the customers' sending hours), with the text templates. */
export interface TextBatch {
  at: Date;
}

/**
 * Every draft through the send guard, in order. Within the batch the contact rhythm counts the
 * messages before it: a second message to one customer is held like one sent earlier today.
 * Emails by default; texts (`sms`) also need a mobile number, consent and the customer's daytime.
 */
export function guardDrafts<D extends MessageDraft>(sqlite: SqliteDb, drafts: readonly D[], rules: GuardDay, texts?: TextBatch): GuardedDraft<D>[] {
  const facts = readDraftFacts(sqlite, rules.day, rules.rhythmDays, drafts, {}, texts?.at);
  const templates = new Map<string, EmailTemplate>();
  return drafts.map((draft): GuardedDraft<D> => {
    const template = templates.get(draft.templateId) ?? (texts ? getSmsTemplate(draft.templateId) : getTemplate(sqlite, draft.templateId));
    templates.set(template.id, template);
    const rule = PURPOSE_RULES[template.purpose];
    const known = facts.get(draft.customerId)!;
    const verdict = guardMessage(
      {
        customer: known.customer,
        invoices: candidates(sqlite, known, draft, template, rule, rules.day),
        rule,
        channel: texts ? 'sms' : 'email',
        ...(draft.override ? { override: { invoiceIds: new Set(draft.override.invoiceIds), rhythm: draft.override.rhythm } } : {}),
      },
      rules,
    );
    if (verdict.held === null)
      known.customer.recent = [
        ...(known.customer.recent ?? []),
        { on: rules.day, by: 'ladder' in draft ? 'ladder' : 'manual', label: template.name, ...(texts ? { channel: 'sms' as const } : {}) },
      ];
    return { draft: { ...draft, invoiceIds: verdict.invoices.map((invoice) => invoice.invoiceId) }, customerName: known.customer.name, template, verdict };
  });
}
