import { z } from 'zod';
import type { IsoDate } from './dates';
import { ladderPolicySchema } from './outreach/ladder-schema';
import { oneLineText } from './text';

/**
 * A policy backtest (issue 21): the ladder replayed day by day over a period of the book's own
 * history, from what was known on each day. A policy is named (a stored one's id or name, or
 * "standard") or given whole (a policy file's JSON); none means the company's own policies.
 */
export const backtestPolicySchema = z.union([oneLineText(80).min(1), ladderPolicySchema]);
export type BacktestPolicyChoice = z.infer<typeof backtestPolicySchema>;

/** The longest period one backtest replays. */
export const BACKTEST_MAX_DAYS = 731;

export interface BacktestTasksDay {
  date: IsoDate;
  calls: number;
  letters: number;
  referrals: number;
}

/** An estimate, never a measurement: days of DSO the policy's touches would take off (negative) or add, with a band. */
export interface DsoEffect {
  days: number;
  low: number;
  high: number;
  /** The assumption, in plain words, to print beside the figure. */
  assumption: string;
}

export interface BacktestPolicyResult {
  name: string;
  /** Messages and tasks by the step that led them (each step has one channel). */
  messages: Record<string, number>;
  /** Every day of the period, with the work for a person the ladder gave that day. */
  tasksPerDay: BacktestTasksDay[];
  /** Emails and letters every invoice of which was paid within 2 days anyway. */
  wastedReminders: number;
  /** Invoices that reached 30 days late in the period without a single touch of the policy. */
  untouchedLate: number;
  /** Touches listing an invoice that was disputed or under a promise still being kept (running) that day: the guard makes it 0. */
  blockedTouches: number;
  dsoEffect: DsoEffect;
}

export interface BacktestReport {
  from: IsoDate;
  to: IsoDate;
  policies: BacktestPolicyResult[];
}
