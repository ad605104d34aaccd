import { addDays, localToday, type IsoDate } from '../../../shared/dates';
import type { TodayItem, TodayKind, TodayList, WorklistRow } from '../../../shared/worklist';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { allRows, query } from '../../db/typed-query';
import { readActivityBody } from '../activity/activity-body';
import { readOpenCommitments } from '../activity/open-commitments';
import { liveBook } from '../ledger/book';
import { WORK_KINDS } from './worked-rest';

/** Follow-ups not done are carried this many days; older ones are the queue's business. */
const FOLLOW_UP_DAYS = 30;
const ORDER: Record<TodayKind, number> = { promise_due: 0, installment_due: 1, follow_up: 2, ladder_task: 3, snooze_ends: 4, worked: 5 };
const WORK_TITLES: Record<string, string> = {
  call: 'Call logged',
  note: 'Note added',
  promise: 'Promise recorded',
  dispute_opened: 'Dispute opened',
  dispute_resolved: 'Dispute resolved',
  plan_created: 'Plan agreed',
  ladder_task: 'Ladder step done',
  payment_in_transit: 'Payment on its way',
  discount_offered: 'Discount offered',
  snooze: 'Snoozed',
};

interface Customer {
  externalId: string;
  name: string;
  collector: string | null;
}

/**
 * Today's list: promises and installments falling due, follow-ups the collector set (and ones not
 * done yet), snoozes ending, the ladder's letters, calls and referrals, and every other customer
 * worked today, each done once the customer was worked today. `queue` is today's ranked queue
 * (its ladder reasons are the tasks still to do); `midnight` is the local day's start as a UTC time.
 * With `collector`, only the customers assigned to that collector are listed.
 */
export function todayList(sqlite: SqliteDb, today: IsoDate, midnight: string, queue: readonly WorklistRow[], collector?: string): TodayList {
  const customers = new Map<number, Customer>();
  const customer = (id: number): Customer => {
    let known = customers.get(id);
    if (!known) {
      known = sqlite.prepare('SELECT external_id AS externalId, name, collector FROM customers WHERE id = ?').get(id) as Customer;
      customers.set(id, known);
    }
    return known;
  };
  const workedToday = new Map(
    (
      sqlite
        .prepare(
          `SELECT customer_id AS id, id AS activityId, kind, body FROM activities
      WHERE occurred_at >= ? AND deleted_at IS NULL AND kind IN (${[...WORK_KINDS, 'snooze'].map((k) => `'${k}'`).join(', ')}) ORDER BY occurred_at`,
        )
        .all(midnight) as RenamedRow<'activities', { id: 'customer_id'; activityId: 'id'; kind: 'kind'; body: 'body' }>[]
    ).map((row) => [row.id, row]),
  );
  const items: TodayItem[] = [];
  const add = (
    customerId: number,
    kind: TodayKind,
    detail: string,
    dueDate: IsoDate,
    done = workedToday.has(customerId),
    money?: { amountMinor: number; currency: string },
  ): void => {
    const { collector: assigned, ...who } = customer(customerId);
    if (collector === undefined || assigned === collector) items.push({ customerId, ...who, kind, detail, dueDate, done, ...money });
  };

  for (const p of readOpenCommitments(sqlite, liveBook(today)).promises) {
    if (p.promisedDate !== today || (p.state !== 'open' && p.state !== 'kept')) continue;
    add(p.customerId, 'promise_due', p.state === 'kept' ? 'Promise due, paid' : 'Promise due', today, p.state === 'kept' || workedToday.has(p.customerId), {
      amountMinor: p.amountMinor,
      currency: p.currency,
    });
  }
  for (const row of sqlite
    .prepare(
      `SELECT pp.customer_id AS id, pp.label, pp.currency, pi.amount_minor AS amountMinor FROM plan_installments pi
      JOIN payment_plans pp ON pp.id = pi.plan_id WHERE pi.due_date = ? AND pp.cancelled_date IS NULL`,
    )
    .all(today) as (RenamedRow<'payment_plans', { id: 'customer_id'; label: 'label'; currency: 'currency' }> &
    ColumnsRow<'plan_installments', 'amount_minor'>)[]) {
    add(row.id, 'installment_due', `${row.label}: installment due`, today, workedToday.has(row.id), { amountMinor: row.amountMinor, currency: row.currency });
  }
  for (const row of followUps(sqlite, today)) {
    // A follow-up from an earlier day that was since worked (before today) is done and gone.
    if (row.followUp < today && row.workedOn !== null && row.workedOn >= row.followUp && row.workedOn < today) continue;
    add(row.id, 'follow_up', row.notes ? `Follow up: ${row.notes}` : 'Follow up', row.followUp);
  }
  for (const row of allRows(sqlite, query.selectFrom('snoozes').select(['customer_id as id', 'reason']).where('until_date', '=', today))) {
    add(row.id, 'snooze_ends', `Snooze ends: ${row.reason}`, today);
  }
  const tasks = new Set<number>();
  for (const row of queue) {
    const task = row.reasons.find((r) => r.code === 'escalation_due' && r.channel !== 'email');
    if (task?.code === 'escalation_due' && !tasks.has(row.customerId)) {
      tasks.add(row.customerId);
      add(row.customerId, 'ladder_task', `${task.step} due`, today, false);
    }
  }
  const listed = new Set(items.map((item) => item.customerId));
  for (const [id, work] of workedToday) {
    if (listed.has(id)) continue;
    const worked = readActivityBody(work.activityId, work.kind, work.body);
    const ladderStep = worked?.kind === 'call' ? worked.body.ladderStep : null;
    const title = WORK_TITLES[work.kind] ?? 'Worked';
    add(
      id,
      work.kind === 'ladder_task' || ladderStep ? 'ladder_task' : 'worked',
      ladderStep ? `${title} (the ladder’s ${ladderStep.toLowerCase()} step)` : title,
      today,
      true,
    );
  }
  items.sort((a, b) => Number(a.done) - Number(b.done) || ORDER[a.kind] - ORDER[b.kind] || a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name));
  return { date: today, items };
}

/** Each customer's latest call that set a follow-up due by today, with the local day it was last worked. */
function followUps(sqlite: SqliteDb, today: IsoDate): { id: number; followUp: IsoDate; notes: string; workedOn: IsoDate | null }[] {
  const since = `${addDays(today, -FOLLOW_UP_DAYS)}T00:00:00.000Z`;
  const calls = sqlite
    .prepare(
      `SELECT a.customer_id AS id, json_extract(a.body, '$.followUpDate') AS followUp, json_extract(a.body, '$.notes') AS notes,
      (SELECT MAX(w.occurred_at) FROM activities w WHERE w.customer_id = a.customer_id AND w.deleted_at IS NULL AND w.occurred_at > a.occurred_at
         AND w.kind IN (${WORK_KINDS.map((k) => `'${k}'`).join(', ')})) AS workedAt
    FROM activities a WHERE a.kind = 'call' AND a.occurred_at >= ? AND a.deleted_at IS NULL
      AND json_extract(a.body, '$.followUpDate') BETWEEN ? AND ? ORDER BY a.occurred_at`,
    )
    .all(since, addDays(today, -FOLLOW_UP_DAYS), today) as (RenamedRow<'activities', { id: 'customer_id' }> & {
    followUp: IsoDate;
    notes: string | null;
    workedAt: string | null;
  })[];
  const latest = new Map(calls.map((call) => [call.id, call]));
  return [...latest.values()].map((call) => ({
    id: call.id,
    followUp: call.followUp,
    notes: call.notes ?? '',
    workedOn: call.workedAt ? localToday(new Date(call.workedAt)) : null,
  }));
}
