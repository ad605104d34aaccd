import type { AttributionReport, InvoiceShareRow } from '../../../shared/analytics';
import type { DsoEffect } from '../../../shared/backtest';
import type { LadderStep } from '../../../shared/outreach/ladder';

/** A policy's first touch of an invoice in the period, with what was open on it and when it was in fact paid. */
export interface FirstTouch {
  step: LadderStep;
  day: number;
  openMinor: number;
  /** The day the book says it was settled, or the last day known (today) when it is still open. */
  settledDay: number;
}

/** Below this many invoices an action's response is too thin to stand on: its family's is used. */
const MIN_EVIDENCE = 20;
/** 95 % two-sided. */
const Z = 1.96;

interface Response {
  share: number;
  invoices: number;
}

function responseOf(rows: readonly InvoiceShareRow[]): Response | null {
  const invoices = rows.reduce((sum, row) => sum + row.invoices, 0);
  return invoices === 0 ? null : { share: rows.reduce((sum, row) => sum + row.paidWithin, 0) / invoices, invoices };
}

/** How the book's own touches of this kind were answered: the step's template (or task), else its family. */
function stepResponse(step: LadderStep, shares: readonly InvoiceShareRow[]): Response | null {
  const family = step.channel === 'email' ? 'email' : step.channel === 'call_task' ? 'call' : step.channel === 'letter' ? 'letter' : 'ladder_task';
  const action =
    step.channel === 'email'
      ? `email:${step.templateId}`
      : step.channel === 'letter'
        ? 'letter'
        : step.channel === 'agency_referral'
          ? 'ladder:agency_referral'
          : null;
  const own = action === null ? null : responseOf(shares.filter((row) => row.action === action));
  return own && own.invoices >= MIN_EVIDENCE ? own : responseOf(shares.filter((row) => row.family === family));
}

/**
 * The DSO effect of a policy's touches, estimated from the book's own touch→payment response
 * (the attribution figures over the same period): a touched invoice is taken to be paid within the
 * window, halfway through it, as often more than an untouched one as the book's touches of that kind
 * were answered; each day it comes in earlier than it did takes its open amount off the average
 * receivable for that day, and DSO moves by that over the period's sales. The band is that uplift's
 * 95 % interval (two binomial shares). Without comparable history a touch counts as no effect.
 */
export function estimateDsoEffect(touches: readonly FirstTouch[], attribution: AttributionReport | null, salesMinor: number): DsoEffect {
  if (attribution === null) {
    return {
      days: 0,
      low: 0,
      high: 0,
      assumption:
        'No estimate: the book records no touch in the period (no email, call, promise or letter), so there is no response to payment to estimate from.',
    };
  }
  const windowDays = attribution.windowDays;
  const base =
    attribution.untouched.invoices > 0
      ? { share: attribution.untouched.paidWithin / attribution.untouched.invoices, invoices: attribution.untouched.invoices }
      : null;
  let days = 0;
  let low = 0;
  let high = 0;
  let unknown = 0;
  for (const touch of touches) {
    const response = stepResponse(touch.step, attribution.invoiceShares);
    if (!response || !base || salesMinor <= 0) {
      unknown++;
      continue;
    }
    const uplift = response.share - base.share;
    const spread = Z * Math.sqrt((response.share * (1 - response.share)) / response.invoices + (base.share * (1 - base.share)) / base.invoices);
    const earlier = Math.max(0, touch.settledDay - (touch.day + windowDays / 2));
    const weight = (touch.openMinor * earlier) / salesMinor;
    days -= uplift * weight;
    low -= (uplift + spread) * weight;
    high -= (uplift - spread) * weight;
  }
  const assumption = [
    `An estimate, not a measurement: each invoice's first touch by this policy is assumed to get it paid within ${windowDays} days (halfway through) as much more often than an untouched invoice`,
    "as this book's own touches of that kind did in the period (the attribution figures), and DSO moves by the days gained times the amount, over the period's sales.",
    'The band is the 95 % interval of that response.',
    unknown > 0 ? `${unknown} touched invoices have no comparable history here and count as no effect.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { days, low: Math.min(low, high), high: Math.max(low, high), assumption };
}
