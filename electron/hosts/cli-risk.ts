import { AppError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import type { Core } from '../core';

/** The risk model and the cash forecast from a terminal: train, evaluate on a time split, show one customer, forecast. */
export interface RiskOptions {
  json: boolean;
  'as-of'?: string | undefined;
  customer?: string | undefined;
}

const percent = (p: number): string => `${(p * 100).toFixed(1)}%`;

export async function riskCommand(core: Core, action: string | undefined, options: RiskOptions): Promise<string> {
  switch (action) {
    case 'train': {
      const summary = await core.call('risk.train', {});
      if (options.json) return JSON.stringify(summary);
      return summary
        ? `Risk model trained on ${summary.nTrain} invoices (${percent(summary.lateShare)} late); ${summary.customersScored} customers scored.`
        : 'Too few paid invoices to learn from: no risk model.';
    }
    case 'evaluate': {
      if (!options['as-of'])
        throw new AppError('INVALID_INPUT', 'risk evaluate needs --as-of YYYY-MM-DD (train on what was known then, test on invoices issued after).');
      const e = await core.call('risk.evaluate', { asOf: options['as-of'] });
      const json = { auc: e.auc, accuracy: e.accuracy, brier: e.brier, baselineAuc: e.baselineAuc, nTrain: e.nTrain, nTest: e.nTest };
      if (options.json) return JSON.stringify(json);
      return `Trained on ${e.nTrain}, tested on ${e.nTest}: AUC ${e.auc.toFixed(3)} (baseline ${e.baselineAuc.toFixed(3)}), accuracy ${percent(e.accuracy)}, Brier ${e.brier.toFixed(3)}`;
    }
    case 'show': {
      if (!options.customer) throw new AppError('INVALID_INPUT', 'risk show needs --customer EXTERNAL_ID.');
      const customer = await core.call('customer.lookup', { externalId: options.customer });
      const risk = await core.call('risk.customer', { customerId: customer.customerId });
      if (!risk) throw new AppError('NOT_FOUND', `No risk score for ${customer.name} yet: run "risk train" first.`);
      const { customerId: _internal, ...shown } = risk;
      if (options.json) return JSON.stringify({ externalId: options.customer, name: customer.name, ...shown });
      return [
        `${customer.name}: ${percent(risk.pLate)} likely late, ${risk.expectedDaysLate.toFixed(1)} days expected (${risk.segment.replace('_', ' ')})`,
        ...risk.reasons.map((r) => `  · ${r}`),
        ...risk.advice.map((a) => `  → ${a.text}`),
      ].join('\n');
    }
    default:
      throw new AppError('INVALID_INPUT', 'Usage: risk train|evaluate|show --db PATH [--as-of YYYY-MM-DD] [--customer ID] [--json]');
  }
}

export async function forecastCommand(core: Core, action: string | undefined, options: RiskOptions): Promise<string> {
  if (action === 'compare') return forecastComparison(core, options);
  if (action !== undefined) throw new AppError('INVALID_INPUT', 'Usage: forecast [compare] --db PATH [--as-of YYYY-MM-DD] [--json]');
  const forecast = await core.call('forecast.run', options['as-of'] ? { asOf: options['as-of'] } : {});
  if (options.json) return JSON.stringify(forecast);
  return [
    `Cash forecast as of ${forecast.asOf} (run ${forecast.runId}, risk model of ${forecast.model.asOf})`,
    ...forecast.currencies.flatMap((c) => [
      `  ${c.currency}: open ${money(c.openMinor, c.currency)}, after 13 weeks ${money(c.beyondMinor, c.currency)}`,
      ...c.weeks.map((w) => `    ${w.weekStart} ${money(w.expectedMinor, c.currency)} (${money(w.lowMinor, c.currency)}–${money(w.highMinor, c.currency)})`),
    ]),
  ].join('\n');
}

const money = (minor: number, currency: string): string => formatMoney(minor, currency, 'en-US');

/** A stored run against what came in: per week the forecast, its band, the actual and the error (actual − expected). */
async function forecastComparison(core: Core, options: RiskOptions): Promise<string> {
  const comparison = await core.call('forecast.compare', options['as-of'] ? { asOf: options['as-of'] } : {});
  if (comparison.runId === null) {
    throw new AppError(
      'NOT_FOUND',
      options['as-of']
        ? `No forecast is stored for ${options['as-of']}: make one with "forecast --as-of ${options['as-of']}", and compare once its weeks have passed.`
        : 'No forecast is stored for a day before today: make one with "forecast --as-of YYYY-MM-DD".',
    );
  }
  if (options.json) return JSON.stringify(comparison);
  const lines = [`Forecast as of ${comparison.asOf} (run ${comparison.runId}) against what came in`];
  for (const currency of [...new Set(comparison.rows.map((r) => r.currency))]) {
    const rows = comparison.rows.filter((r) => r.currency === currency);
    const table = rows.map((r) => [
      r.weekStart,
      money(r.expectedMinor, currency),
      `${money(r.lowMinor, currency)}–${money(r.highMinor, currency)}`,
      r.actualMinor === null ? 'not ended' : money(r.actualMinor, currency),
      r.errorMinor === null ? '' : signed(r.errorMinor, currency),
    ]);
    const ended = rows.filter((r) => r.actualMinor !== null);
    const expected = ended.reduce((sum, r) => sum + r.expectedMinor, 0);
    const actual = ended.reduce((sum, r) => sum + r.actualMinor!, 0);
    lines.push(
      `  ${currency}`,
      ...columns([['week', 'expected', 'range', 'actual', 'error'], ...table]).map((line) => `    ${line}`),
      `    ${ended.length} ended weeks: expected ${money(expected, currency)}, came in ${money(actual, currency)}, error ${signed(actual - expected, currency)}`,
    );
  }
  return lines.join('\n');
}

const signed = (minor: number, currency: string): string => (minor > 0 ? '+' : '') + money(minor, currency);

/** Left-aligned first column, the rest right-aligned, each as wide as its widest cell. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) =>
    r
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!)))
      .join('  ')
      .trimEnd(),
  );
}
