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
      if (!options['as-of']) throw new AppError('INVALID_INPUT', 'risk evaluate needs --as-of YYYY-MM-DD (train on what was known then, test on invoices issued after).');
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
      return [`${customer.name}: ${percent(risk.pLate)} likely late, ${risk.expectedDaysLate.toFixed(1)} days expected (${risk.segment.replace('_', ' ')})`,
        ...risk.reasons.map((r) => `  · ${r}`), ...risk.advice.map((a) => `  → ${a.text}`)].join('\n');
    }
    default:
      throw new AppError('INVALID_INPUT', 'Usage: risk train|evaluate|show --db PATH [--as-of YYYY-MM-DD] [--customer ID] [--json]');
  }
}

export async function forecastCommand(core: Core, options: RiskOptions): Promise<string> {
  const forecast = await core.call('forecast.run', options['as-of'] ? { asOf: options['as-of'] } : {});
  if (options.json) return JSON.stringify(forecast);
  return [`Cash forecast as of ${forecast.asOf} (run ${forecast.runId})`, ...forecast.currencies.flatMap((c) => [
    `  ${c.currency}: open ${formatMoney(c.openMinor, c.currency, 'en-US')}, after 13 weeks ${formatMoney(c.beyondMinor, c.currency, 'en-US')}`,
    ...c.weeks.map((w) => `    ${w.weekStart} ${formatMoney(w.expectedMinor, c.currency, 'en-US')} (${formatMoney(w.lowMinor, c.currency, 'en-US')}–${formatMoney(w.highMinor, c.currency, 'en-US')})`),
  ])].join('\n');
}
