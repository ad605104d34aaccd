import type { BacktestPolicyResult } from '../../../../../shared/backtest';
import type { LadderChannel, LadderPolicy } from '../../../../../shared/outreach/ladder';

/** One line of the comparison: a figure per policy, in the report's order. */
export interface ComparisonRow {
  id: string;
  label: string;
  values: number[];
  /** Indented under the total it makes up. */
  detail?: boolean;
}

interface StepName {
  label: string;
  channel: LadderChannel;
  offsetDays: number;
}

/** Every step a report may name, by id, from the policies it could have replayed (the first policy naming an id wins). */
export function stepNames(policies: readonly LadderPolicy[]): Map<string, StepName> {
  const names = new Map<string, StepName>();
  for (const policy of policies) for (const step of policy.steps) if (!names.has(step.id)) names.set(step.id, step);
  return names;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/**
 * The comparison's lines: messages by step (in ladder order, with their channel), then the day-by-day
 * work summed over the period, then the coverage figures. A figure a policy has no step for is 0.
 */
export function comparisonRows(
  results: readonly BacktestPolicyResult[], names: ReadonlyMap<string, StepName>, channels: Record<LadderChannel, string>, when: (offsetDays: number) => string,
): ComparisonRow[] {
  const stepIds = [...new Set(results.flatMap((result) => Object.keys(result.messages)))]
    .sort((a, b) => (names.get(a)?.offsetDays ?? 0) - (names.get(b)?.offsetDays ?? 0) || a.localeCompare(b));
  const steps = stepIds.map((id) => {
    const name = names.get(id);
    return { id: `step:${id}`, label: name ? `${name.label} · ${channels[name.channel]} · ${when(name.offsetDays)}` : id, values: results.map((r) => r.messages[id] ?? 0), detail: true };
  });
  const work = (pick: (day: BacktestPolicyResult['tasksPerDay'][number]) => number) => results.map((r) => sum(r.tasksPerDay.map(pick)));
  return [
    { id: 'messages', label: 'Messages and tasks', values: results.map((r) => sum(Object.values(r.messages))) },
    ...steps,
    { id: 'calls', label: 'Calls to make', values: work((day) => day.calls) },
    { id: 'letters', label: 'Letters to post', values: work((day) => day.letters) },
    { id: 'referrals', label: 'Agency referrals', values: work((day) => day.referrals) },
    { id: 'wasted', label: 'Reminders paid within 2 days anyway (likely wasted)', values: results.map((r) => r.wastedReminders) },
    { id: 'untouched', label: 'Invoices 30+ days late never touched', values: results.map((r) => r.untouchedLate) },
  ];
}
