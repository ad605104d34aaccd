import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BacktestPolicyChoice, BacktestPolicyResult, BacktestReport } from '../../shared/backtest';
import { AppError } from '../../shared/errors';
import type { Core } from '../core';

export interface BacktestOptions {
  json: boolean;
  from?: string | undefined;
  to?: string | undefined;
  policy?: string | undefined;
  compare?: string | undefined;
}

/** A policy named on the command line: a file ending in .json holds a whole policy; anything else names a stored one. */
function policyChoice(flag: string, value: string | undefined): BacktestPolicyChoice | undefined {
  if (value === undefined || !value.toLowerCase().endsWith('.json')) return value;
  try {
    return JSON.parse(readFileSync(resolve(value), 'utf8')) as BacktestPolicyChoice;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `--${flag} ${value}: ${(error as Error).message}.`);
  }
}

/** The documented JSON: one entry per policy, nothing else. */
function reportJson(report: BacktestReport) {
  return {
    from: report.from,
    to: report.to,
    policies: report.policies.map(({ name, messages, tasksPerDay, wastedReminders, untouchedLate, blockedTouches, dsoEffect }) => ({
      name,
      messages,
      tasksPerDay,
      wastedReminders,
      untouchedLate,
      blockedTouches,
      dsoEffect,
    })),
  };
}

/** Each figure of the policies side by side, with the second's difference from the first. */
function reportText(report: BacktestReport): string {
  const [a, b] = report.policies as [BacktestPolicyResult, BacktestPolicyResult | undefined];
  const sum = (p: BacktestPolicyResult, key: 'calls' | 'letters' | 'referrals'): number => p.tasksPerDay.reduce((n, d) => n + d[key], 0);
  const steps = [...new Set(report.policies.flatMap((p) => Object.keys(p.messages)))];
  const rows: [string, (p: BacktestPolicyResult) => number][] = [
    ...steps.map((step): [string, (p: BacktestPolicyResult) => number] => [`messages: ${step}`, (p) => p.messages[step] ?? 0]),
    ['calls', (p) => sum(p, 'calls')],
    ['letters', (p) => sum(p, 'letters')],
    ['referrals', (p) => sum(p, 'referrals')],
    ['wasted reminders', (p) => p.wastedReminders],
    ['untouched 30+ days late', (p) => p.untouchedLate],
    ['blocked touches', (p) => p.blockedTouches],
    ['DSO effect (estimate, days)', (p) => Math.round(p.dsoEffect.days * 10) / 10],
  ];
  const lines = [`Backtest ${report.from} to ${report.to}`, ['', a.name, ...(b ? [b.name, 'difference'] : [])].map((c) => c.padEnd(28)).join('')];
  for (const [label, value] of rows)
    lines.push(
      [label, String(value(a)), ...(b ? [String(value(b)), String(Math.round((value(b) - value(a)) * 10) / 10)] : [])].map((c) => c.padEnd(28)).join(''),
    );
  for (const p of report.policies)
    lines.push(
      `${p.name}: DSO ${p.dsoEffect.days.toFixed(1)} days (band ${p.dsoEffect.low.toFixed(1)} to ${p.dsoEffect.high.toFixed(1)}). ${p.dsoEffect.assumption}`,
    );
  return lines.join('\n');
}

/** `backtest --from D1 --to D2 [--policy NAME|FILE.json] [--compare NAME|FILE.json] [--json]`, with a progress line on stderr. */
export async function backtestCommand(core: Core, options: BacktestOptions): Promise<string> {
  if (!options.from || !options.to) throw new AppError('INVALID_INPUT', 'backtest needs --from DATE and --to DATE.');
  const jobId = randomUUID();
  const tty = process.stderr.isTTY;
  const stop = core.onEvent((event) => {
    if (event.type !== 'job.progress' || event.jobId !== jobId || event.phase === 'done') return;
    const percent = Math.floor((event.done / Math.max(1, event.total)) * 100);
    if (tty) process.stderr.write(`\rReplaying the ladder: ${'#'.repeat(percent / 5).padEnd(20, '.')} ${percent} %`);
  });
  try {
    const policy = policyChoice('policy', options.policy);
    const compare = policyChoice('compare', options.compare);
    const report = await core.call('replay.backtest', {
      jobId,
      from: options.from,
      to: options.to,
      ...(policy !== undefined ? { policy } : {}),
      ...(compare !== undefined ? { compare } : {}),
    });
    return options.json ? JSON.stringify(reportJson(report)) : reportText(report);
  } finally {
    stop();
    if (tty) process.stderr.write('\n');
  }
}
