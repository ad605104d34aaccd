import { addDays, type IsoDate } from '../../../shared/dates';
import type { InstallmentState, InstallmentView } from '../../../shared/commitments';
import type { PaymentFact } from './promise-status';

export interface PlanTerms {
  currency: string;
  startDate: IsoDate;
  graceDays: number;
  installments: { dueDate: IsoDate; amountMinor: number }[];
}

/**
 * Payments in the plan's currency from its start fill the installments in date order. An
 * installment is paid once the running total covers it; missed once its date plus grace days has
 * passed without that; due when its date has come; upcoming before.
 */
export function planStatus(plan: PlanTerms, payments: readonly PaymentFact[], today: IsoDate): InstallmentView[] {
  let available = payments
    .filter((p) => p.currency === plan.currency && p.date >= plan.startDate && p.date <= today)
    .reduce((sum, p) => sum + p.amountMinor, 0);
  return [...plan.installments]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((installment) => {
      const paidMinor = Math.min(available, installment.amountMinor);
      available -= paidMinor;
      let state: InstallmentState = 'upcoming';
      if (paidMinor === installment.amountMinor) state = 'paid';
      else if (addDays(installment.dueDate, plan.graceDays) < today) state = 'missed';
      else if (installment.dueDate <= today) state = 'due';
      return { ...installment, paidMinor, state };
    });
}
