import { KPI_GROUPS, type KpiGroup, type KpiRow } from '../../shared/analytics';
import { AppError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import type { Core } from '../core';

/** The collections KPIs and "what made them pay" from a terminal. */
export interface AnalyticsOptions {
  json: boolean;
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
  by?: string | undefined;
  days?: string | undefined;
}

const FIGURES = ['dsoSimple', 'dsoCountback', 'bestPossibleDso', 'add', 'cei', 'pastDuePct'] as const;

/** A row's KPIs as documented, without the grouping fields the whole-book figure does not need. */
function kpiJson({ group: _group, label: _label, ...row }: KpiRow) {
  return row;
}

/**
 * Money is never mixed: the figures are for one currency, --currency or the book's only one; a
 * book in several currencies without --currency is refused, naming them.
 */
export async function kpiCommand(core: Core, options: AnalyticsOptions): Promise<string> {
  if (!options.from || !options.to) throw new AppError('INVALID_INPUT', 'kpi needs --from DATE and --to DATE.');
  if (options.by !== undefined && !(KPI_GROUPS as readonly string[]).includes(options.by)) {
    throw new AppError('INVALID_INPUT', `--by is one of ${KPI_GROUPS.join(', ')}.`);
  }
  const book = await core.call('analytics.kpis', { from: options.from, to: options.to, groupBy: 'book' });
  const currencies = book.rows.map((r) => r.currency);
  const currency = options.currency ?? (currencies.length === 1 ? currencies[0] : undefined);
  if (!currency) {
    if (currencies.length === 0) throw new AppError('INVALID_INPUT', 'The book has no invoices up to --to; nothing to measure.');
    throw new AppError('INVALID_INPUT', `The book has invoices in ${currencies.join(', ')}; pass --currency to choose one (figures never mix currencies).`);
  }
  const row = book.rows.find((r) => r.currency === currency);
  if (!row) throw new AppError('INVALID_INPUT', `The book has no ${currency} invoices up to ${options.to} (it has ${currencies.join(', ') || 'none'}).`);
  const groups =
    options.by && options.by !== 'book'
      ? (await core.call('analytics.kpis', { from: options.from, to: options.to, groupBy: options.by as KpiGroup })).rows.filter((r) => r.currency === currency)
      : null;
  const disputes = book.disputes[0] ?? { opened: 0, openAtEnd: 0, medianResolutionDays: null, pastSlaPct: null };
  const result = {
    from: book.from,
    to: book.to,
    days: book.days,
    ...kpiJson(row),
    disputes: { opened: disputes.opened, openAtEnd: disputes.openAtEnd, medianResolutionDays: disputes.medianResolutionDays, pastSlaPct: disputes.pastSlaPct },
    ...(groups ? { groups: groups.map((g) => ({ group: g.group, label: g.label, ...kpiJson(g) })) } : {}),
  };
  if (options.json) return JSON.stringify(result);
  const number = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  return [
    `KPIs ${book.from} – ${book.to} (${book.days} days), ${currency}`,
    `  AR ${formatMoney(row.beginningAr, currency, 'en-US')} → ${formatMoney(row.endingAr, currency, 'en-US')} · current ${formatMoney(row.currentAr, currency, 'en-US')} · sales ${formatMoney(row.sales, currency, 'en-US')}`,
    `  ${FIGURES.map((f) => `${f} ${number(row[f])}`).join(' · ')}`,
  ].join('\n');
}

export async function attributionCommand(core: Core, options: AnalyticsOptions): Promise<string> {
  const days = options.days === undefined ? undefined : Number(options.days);
  if (days !== undefined && !Number.isInteger(days)) throw new AppError('INVALID_INPUT', '--days is a whole number of days.');
  const report = await core.call('analytics.attribution', {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(days === undefined ? {} : { days }),
  });
  // Payments and their amounts are per currency; --currency keeps one (the invoice shares are counts, not money).
  const ofCurrency = <T extends { currency: string }>(rows: T[]): T[] => (options.currency ? rows.filter((r) => r.currency === options.currency) : rows);
  const { from, to, windowDays, rows, invoiceShares, untouched, payments } = report;
  if (options.json)
    return JSON.stringify({ from, to, windowDays, rows: ofCurrency(rows), invoiceShares, untouched, paymentCount: ofCurrency(payments).length });
  const lines = [
    `What made them pay, ${from} – ${to}${options.currency ? `, ${options.currency}` : ''} (touches up to ${windowDays} days before a payment; last touch)`,
  ];
  for (const row of ofCurrency(rows).filter((r) => r.view === 'last')) {
    lines.push(
      `  ${row.action.padEnd(32)} ${String(row.payments).padStart(6)} payments  ${formatMoney(row.amountMinor, row.currency, 'en-US').padStart(16)}  median ${row.medianDaysToPay === null ? '—' : `${row.medianDaysToPay} days`}`,
    );
  }
  return lines.join('\n');
}
