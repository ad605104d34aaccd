import { AppError } from '../../../shared/errors';
import { RISK_BINS, RISK_SEGMENTS, riskBin } from '../../../shared/risk';
import { todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { evaluateRisk } from './evaluate-risk';
import { readRiskHistories } from './read-risk-history';
import { readCustomerRisk, readRiskScores } from './risk-store';

export const riskHandlers: Handlers<'risk.train' | 'risk.evaluate' | 'risk.customer' | 'risk.distribution'> = {
  'risk.train': (_input, ctx) => ctx.ledgerWritten(),
  'risk.evaluate': ({ asOf }, ctx) => {
    const today = todayOf(ctx);
    if (asOf >= today) throw new AppError('INVALID_INPUT', `--as-of must be before today (${today}): the test invoices are those issued after it.`);
    const evaluation = evaluateRisk(readRiskHistories(ctx.database.sqlite), asOf, today);
    if (!evaluation) throw new AppError('CONFLICT', `Too few invoices with a known outcome by ${asOf} to learn from.`);
    return evaluation;
  },
  'risk.customer': ({ customerId }, ctx) => readCustomerRisk(ctx.database.sqlite, customerId),
  'risk.distribution': (_input, ctx) => {
    const scores = readRiskScores(ctx.database.sqlite);
    const bins = Array.from({ length: RISK_BINS }, (_, k) => ({ from: k / RISK_BINS, to: (k + 1) / RISK_BINS, customers: 0 }));
    for (const { pLate } of scores) bins[riskBin(pLate)]!.customers++;
    const segments = Object.fromEntries(RISK_SEGMENTS.map((s) => [s, scores.filter((x) => x.segment === s).length])) as Record<
      (typeof RISK_SEGMENTS)[number],
      number
    >;
    return { bins, segments };
  },
};
