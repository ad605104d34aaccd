import { ACTIVITY_KINDS, type ActivityKind, type TimelineEntry } from '../../../shared/activity';
import type { Commitments } from '../../../shared/commitments';
import { addDays } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { log } from '../../log/log';
import { bookParams, type Book } from '../ledger/book';
import { readActivityBody, type ActivityBody } from './activity-body';

type ActivityRow = RenamedRow<'activities', { id: 'id'; at: 'occurred_at'; kind: 'kind'; body: 'body'; editedAt: 'edited_at' }>;
type InvoiceRow = RenamedRow<'invoices', { at: 'issue_date'; number: 'number'; due: 'due_date'; amountMinor: 'amount_minor'; currency: 'currency' }>;
/** applied: the invoice numbers the payment was applied to, a group_concat (null when none). */
type PaymentRow = RenamedRow<'payments', { at: 'received_date'; amountMinor: 'amount_minor'; currency: 'currency'; method: 'method' }> & {
  applied: string | null;
};

const KNOWN_KINDS: ReadonlySet<string> = new Set(ACTIVITY_KINDS);

/**
 * A kind this version knows. A teammate's newer desk may record kinds this one has never heard of:
 * such an entry is left out of the timeline (and logged) rather than failing the customer's page.
 */
function knownKind(row: ActivityRow): row is ActivityRow & { kind: ActivityKind } {
  if (KNOWN_KINDS.has(row.kind)) return true;
  log.warn('activity.kind.unknown', { activityId: row.id, kind: row.kind });
  return false;
}

const TITLES: Record<string, string> = {
  call: 'Call',
  note: 'Note',
  promise: 'Promise to pay',
  dispute_opened: 'Dispute opened',
  dispute_resolved: 'Dispute resolved',
  snooze: 'Snoozed',
  plan_created: 'Payment plan',
  assignment: 'Assigned',
  contact_saved: 'Contact saved',
  promise_cancelled: 'Promise cancelled',
  plan_cancelled: 'Plan cancelled',
  email: 'Email sent',
  discount_offered: 'Discount offered',
  payment_in_transit: 'Payment on its way',
  ladder_task: 'Ladder step done',
  sms: 'Text',
  email_received: 'Email received',
  write_off: 'Written off',
};

/** "3 min 7 s" for a timed or typed call length; nothing when none was given. */
function callLength(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const minutes = Math.floor(seconds / 60);
  return [minutes > 0 ? `${minutes} min` : '', seconds % 60 > 0 || minutes === 0 ? `${seconds % 60} s` : ''].filter(Boolean).join(' ');
}

/** Detail line of a collector's entry, from its stored body. */
function detailOf({ kind, body }: ActivityBody): string {
  const line = (...parts: (string | null | undefined | false)[]): string => parts.filter(Boolean).join(' · ');
  switch (kind) {
    case 'call':
      return line(
        (body.outcome ?? '').replaceAll('_', ' '),
        callLength(body.durationSeconds),
        body.notes,
        body.ladderStep && `ladder: ${body.ladderStep} done`,
      );
    case 'note':
      return body.text ?? '';
    case 'promise':
      return line(`by ${body.promisedDate}`, body.note);
    case 'dispute_opened':
      return line((body.reasonCode ?? '').replaceAll('_', ' '), body.note);
    case 'dispute_resolved':
      return body.resolutionNote ?? '';
    case 'promise_cancelled':
    case 'plan_cancelled':
      return body.reason ?? '';
    case 'assignment':
      return line(`${body.from ?? 'nobody'} → ${body.to ?? 'nobody'}`, body.note);
    case 'discount_offered':
      return line(`${(body.percentBp / 100).toString()} % if paid by ${body.payBy}`, body.note);
    case 'payment_in_transit':
      return body.note ?? '';
    case 'ladder_task':
      return line(body.label, body.invoiceNumbers?.join(', '), body.note);
    case 'email':
      return [body.subject ?? '', `to ${body.to ?? ''}`].join(' · ');
    case 'sms':
      // A text's words are the message itself; its delivery status is filled in as the provider reports it.
      return line(body.direction === 'inbound' ? `reply from ${body.from ?? ''}` : `to ${body.to ?? ''}`, body.delivery, `“${body.text ?? ''}”`);
    case 'email_received':
      return line(body.summary, body.subject, `from ${body.from ?? ''}`);
    case 'contact_saved':
      return body.after?.name ?? '';
    case 'plan_created':
      return line(body.label, `${body.installments?.length ?? 0} installments`, body.note);
    case 'snooze':
      return line(`until ${body.untilDate}`, body.reason);
    case 'write_off':
      return line(body.number && `invoice ${body.number}`, body.reason);
  }
}

/**
 * Everything about a customer up to the end of the book's day in one stream, newest first: invoices
 * issued, payments received, every action logged (withdrawn ones left out; the audit log keeps
 * them), and what payments made of the promises and plans (`commitments`, read from the same book).
 */
export function customerTimeline(sqlite: SqliteDb, customerId: number, limit: number, book: Book, commitments: Commitments): TimelineEntry[] {
  if (!sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  // The live tables hold nothing dated after today worth hiding; a past book drops what came after its day.
  const params = { ...bookParams(book), past: book.past ? 1 : 0 };
  const activities = (
    sqlite
      .prepare(
        `SELECT id, occurred_at AS at, kind, body, edited_at AS editedAt FROM ${book.activities} a
    WHERE customer_id = ? AND deleted_at IS NULL ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      )
      .all(params, customerId, limit) as ActivityRow[]
  )
    .filter(knownKind)
    .map((row): TimelineEntry => {
      const parsed = readActivityBody(row.id, row.kind, row.body);
      const body: Record<string, unknown> = parsed?.body ?? {};
      const money = typeof body.amountMinor === 'number' && typeof body.currency === 'string' ? { amountMinor: body.amountMinor, currency: body.currency } : {};
      const text = row.kind === 'call' ? body.notes : row.kind === 'note' ? body.text : undefined;
      return {
        at: row.at,
        kind: row.kind,
        title: TITLES[row.kind] ?? row.kind,
        detail: parsed ? detailOf(parsed) : '',
        activityId: row.id,
        edited: row.editedAt !== null,
        ...(row.kind === 'email_received' && typeof body.inboxId === 'number' ? { inboxId: body.inboxId } : {}),
        ...money,
        ...(typeof text === 'string' ? { text } : {}),
      };
    });
  const invoices = (
    sqlite
      .prepare(
        `SELECT issue_date AS at, number, due_date AS due, amount_minor AS amountMinor, currency FROM invoices
    WHERE customer_id = ? AND (@past = 0 OR issue_date <= @asOf) ORDER BY issue_date DESC LIMIT ?`,
      )
      .all(params, customerId, limit) as InvoiceRow[]
  ).map((row): TimelineEntry => ({
    at: row.at,
    kind: 'invoice',
    title: `Invoice ${row.number}`,
    detail: `due ${row.due}`,
    amountMinor: row.amountMinor,
    currency: row.currency,
  }));
  const payments = (
    sqlite
      .prepare(
        `SELECT p.received_date AS at, p.amount_minor AS amountMinor, p.currency, p.method,
      (SELECT group_concat(i.number, ', ') FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = p.id AND (@past = 0 OR a.applied_date <= @asOf)) AS applied
    FROM ${book.payments} p WHERE p.customer_id = ? ORDER BY p.received_date DESC LIMIT ?`,
      )
      .all(params, customerId, limit) as PaymentRow[]
  ).map((row): TimelineEntry => ({
    at: row.at,
    kind: 'payment',
    title: 'Payment received',
    detail: [row.method, row.applied ? `applied to ${row.applied}` : 'unapplied'].filter(Boolean).join(' · '),
    amountMinor: row.amountMinor,
    currency: row.currency,
  }));
  return [...activities, ...invoices, ...payments, ...outcomes(commitments)].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

/** Promises kept or broken and installments missed, on the day payments decided them. */
function outcomes({ promises, plans }: Commitments): TimelineEntry[] {
  const decided = promises.flatMap((p): TimelineEntry[] => {
    if (p.settledDate === null || p.state === 'cancelled' || p.state === 'open') return [];
    const kept = p.state === 'kept';
    const detail = kept ? `promised by ${p.promisedDate}` : `promised by ${p.promisedDate}; ${p.paidMinor > 0 ? 'part paid' : 'nothing paid'}`;
    return [
      {
        at: p.settledDate,
        kind: kept ? 'promise_kept' : 'promise_broken',
        title: kept ? 'Promise kept' : 'Promise broken',
        detail,
        amountMinor: p.amountMinor,
        currency: p.currency,
      },
    ];
  });
  const missed = plans
    .filter((plan) => plan.cancelledDate === null)
    .flatMap((plan) =>
      plan.installments
        .filter((i) => i.state === 'missed')
        .map((i): TimelineEntry => ({
          at: addDays(i.dueDate, plan.graceDays + 1),
          kind: 'installment_missed',
          title: 'Installment missed',
          detail: `${plan.label}, due ${i.dueDate}`,
          amountMinor: i.amountMinor - i.paidMinor,
          currency: plan.currency,
        })),
    );
  return [...decided, ...missed];
}
