import type { BacktestPolicyChoice, BacktestPolicyResult, BacktestReport, BacktestTasksDay } from '../../../shared/backtest';
import { addDays, dayNumber, fromDayNumber, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { DEFAULT_POLICY } from '../../../shared/outreach/default-policy';
import type { LadderPolicy, LadderStep } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import { attributionReport } from '../analytics/attribution-query';
import { TOUCH_ACTIVITY_KINDS } from '../analytics/touch-action';
import { templateWordings } from '../ladder/guard-facts';
import { readPolicies } from '../ladder/ladder-facts';
import { getSetting } from '../settings';
import { estimateDsoEffect, type FirstTouch } from './backtest-effect';
import { readBookHistory, type BookHistory } from './backtest-history';
import { sweepLadder, type SweepDay } from './backtest-sweep';

/** Days late at which an invoice nobody touched counts as a coverage gap. */
const LATE_DAYS = 30;
/** A reminder whose invoices were all paid this soon after it was probably not what made them pay. */
const WASTED_WITHIN_DAYS = 2;

/** Whether the book holds any touch in the period: without one there is no response to estimate from (and reading it costs seconds). */
function bookTouches(sqlite: SqliteDb, from: IsoDate, to: IsoDate): boolean {
  return (
    sqlite
      .prepare(
        `SELECT 1 FROM activities WHERE kind IN (${TOUCH_ACTIVITY_KINDS.map((k) => `'${k}'`).join(', ')})
    AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? LIMIT 1`,
      )
      .get(from, addDays(to, 1)) !== undefined
  );
}

/**
 * What was invoiced over the period (the DSO effect's denominator), in one pass over the table: a
 * period's invoices fetched through the date index cost a decrypted page each, 20 times slower on a
 * million-invoice book.
 */
function periodSales(sqlite: SqliteDb, from: IsoDate, to: IsoDate): number {
  return (
    sqlite
      .prepare("SELECT coalesce(SUM(amount_minor), 0) AS sales FROM invoices NOT INDEXED WHERE status != 'void' AND issue_date BETWEEN ? AND ?")
      .get(from, to) as { sales: number }
  ).sales;
}

export interface BacktestProgress {
  (done: number, total: number): void;
}

/** The policies one side of a backtest replays, and its name: the company's own by default. */
export function choosePolicies(sqlite: SqliteDb, choice: BacktestPolicyChoice | undefined): { name: string; policies: LadderPolicy[] } {
  const stored = readPolicies(sqlite);
  if (choice === undefined) return { name: stored.map((p) => p.name).join(' + '), policies: [...stored] };
  // One policy tried on everyone, whatever segments it was saved for.
  const forEveryone = (policy: LadderPolicy): { name: string; policies: LadderPolicy[] } => ({ name: policy.name, policies: [{ ...policy, segments: [] }] });
  if (typeof choice !== 'string') return forEveryone(choice);
  const wanted = choice.toLowerCase();
  const found = [...stored, DEFAULT_POLICY].find((p) => p.id.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
  if (!found)
    throw new AppError(
      'NOT_FOUND',
      `No ladder policy "${choice}": name one of ${[...new Set([...stored, DEFAULT_POLICY].map((p) => p.id))].join(', ')}, or give a policy file.`,
    );
  return forEveryone(found);
}

/**
 * Replays the ladder over [from, to] for each policy on the book's own history (backtest-sweep.ts),
 * after a warm-up as long as the longest ladder so invoices already late on `from` stand where the
 * policy would have had them. `today` bounds the period: nothing after it is known.
 */
export async function runBacktest(
  sqlite: SqliteDb,
  input: { from: IsoDate; to: IsoDate; choices: (BacktestPolicyChoice | undefined)[] },
  today: IsoDate,
  progress: BacktestProgress,
  signal: AbortSignal,
): Promise<BacktestReport> {
  if (input.to < input.from) throw new AppError('INVALID_INPUT', `--to ${input.to} is before --from ${input.from}.`);
  if (input.to >= today)
    throw new AppError('INVALID_INPUT', `--to ${input.to} is not past yet: a backtest replays days that have ended (up to ${addDays(today, -1)}).`);
  const sides = input.choices.map((choice) => choosePolicies(sqlite, choice));
  const longest = Math.max(0, ...sides.flatMap((side) => side.policies.flatMap((p) => p.steps.map((s) => s.offsetDays))));
  const history = readBookHistory(sqlite, addDays(input.from, -(longest + 1)), input.to);
  const settings = getSetting(sqlite, 'outreach');
  const attribution = bookTouches(sqlite, input.from, input.to)
    ? attributionReport(sqlite, input.from, input.to, getSetting(sqlite, 'attributionWindowDays'))
    : null;
  const sales = attribution === null ? 0 : periodSales(sqlite, input.from, input.to);
  const span = history.lastDay - history.firstDay + 1;
  const policies: BacktestPolicyResult[] = [];
  for (const [index, side] of sides.entries()) {
    const tally = new Tally(history, input);
    await sweepLadder(history, {
      policies: side.policies,
      rhythmDays: settings.contactRhythmDays,
      wordingOf: templateWordings(sqlite),
      onDay: (day) => tally.add(day),
      yieldEvery: {
        days: 7,
        pause: async (day) => {
          progress(index * span + day - history.firstDay + 1, sides.length * span);
          await new Promise((resolve) => setImmediate(resolve));
          if (signal.aborted) throw new AppError('CANCELLED', 'The backtest was cancelled.');
        },
      },
    });
    policies.push(tally.result(side.name, dayNumber(today), (touches) => estimateDsoEffect(touches, attribution, sales)));
  }
  return { from: input.from, to: input.to, policies };
}

/** A policy's figures, counted day by day as the sweep goes (a year of messages is not kept). */
class Tally {
  private readonly first: number;
  private readonly last: number;
  private readonly messages: Record<string, number> = {};
  private readonly tasksPerDay: BacktestTasksDay[] = [];
  private readonly firstTouch = new Map<number, { day: number; step: LadderStep }>();
  private wastedReminders = 0;
  private blockedTouches = 0;

  constructor(
    private readonly history: BookHistory,
    period: { from: IsoDate; to: IsoDate },
  ) {
    this.first = dayNumber(period.from);
    this.last = dayNumber(period.to);
  }

  add({ day, messages: sent, blockedInvoiceIds }: SweepDay): void {
    for (const message of sent)
      for (const { invoiceId } of message.invoices) if (!this.firstTouch.has(invoiceId)) this.firstTouch.set(invoiceId, { day, step: message.step });
    if (day < this.first) return;
    const tasks = { date: fromDayNumber(day), calls: 0, letters: 0, referrals: 0 };
    for (const message of sent) {
      this.messages[message.step.id] = (this.messages[message.step.id] ?? 0) + 1;
      const { channel } = message.step;
      if (channel === 'call_task') tasks.calls++;
      if (channel === 'letter') tasks.letters++;
      if (channel === 'agency_referral') tasks.referrals++;
      const paidSoon = message.invoices.every((i) => this.history.balanceOn(this.history.invoices.get(i.invoiceId)!, day + WASTED_WITHIN_DAYS) <= 0);
      if ((channel === 'email' || channel === 'letter') && paidSoon) this.wastedReminders++;
      if (message.invoices.some((i) => blockedInvoiceIds.has(i.invoiceId))) this.blockedTouches++;
    }
    this.tasksPerDay.push(tasks);
  }

  result(name: string, today: number, effect: (touches: FirstTouch[]) => BacktestPolicyResult['dsoEffect']): BacktestPolicyResult {
    let untouchedLate = 0;
    const touches: FirstTouch[] = [];
    for (const invoice of this.history.invoices.values()) {
      const late = invoice.dueDay + LATE_DAYS;
      const touched = this.firstTouch.get(invoice.id);
      if (late >= this.first && late <= this.last && invoice.issueDay <= late && this.history.balanceOn(invoice, late) > 0 && !(touched && touched.day <= late))
        untouchedLate++;
      if (touched && touched.day >= this.first) {
        const openMinor = this.history.balanceOn(invoice, touched.day);
        touches.push({ step: touched.step, day: touched.day, openMinor, settledDay: settledAfter(this.history, invoice.id, touched.day, today) });
      }
    }
    const { messages, tasksPerDay, wastedReminders, blockedTouches } = this;
    return { name, messages, tasksPerDay, wastedReminders, untouchedLate, blockedTouches, dsoEffect: effect(touches) };
  }
}

/** The first day after `day` the invoice's balance reached zero, or today when it has not. */
function settledAfter(history: BookHistory, invoiceId: number, day: number, today: number): number {
  const invoice = history.invoices.get(invoiceId)!;
  const later = invoice.applied.filter((on, at) => at % 2 === 0 && on > day);
  return later.find((on) => history.balanceOn(invoice, on) <= 0) ?? today;
}
