import type { ChargeComponent, ChargePolicy, ChargesReport, CustomerCharges } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { getSetting } from '../settings';
import { accrueInterest } from './accrue-interest';
import { chargeRule, type ChargeRule } from './charge-rules';
import { readRateTable } from './reference-rates';

const NO_CHARGES: ChargePolicy = {
  id: 'none',
  name: 'No charges',
  segments: [],
  kind: 'none',
  ratePer: 'year',
  compounding: false,
  fixedFeeMinor: 0,
  graceDays: 0,
  dayCount: 'act365',
};

/** The policy of a segment: the one naming it, else the one for everyone else, else none. */
export function policyFor(policies: readonly ChargePolicy[], segment: string | null): ChargePolicy {
  return (segment !== null ? policies.find((p) => p.segments.includes(segment)) : undefined) ?? policies.find((p) => p.segments.length === 0) ?? NO_CHARGES;
}

interface Candidate {
  id: number;
  customerId: number;
  externalId: string;
  name: string;
  segment: string | null;
  number: string;
  currency: string;
  amountMinor: number;
  dueDate: IsoDate;
  balanceMinor: number;
}

/**
 * Invoices past due and still owed at the end of asOf, with their balance then (today's balance plus
 * what was applied after asOf), as the aging reads them (ledger/aging-query.ts).
 */
const candidates = (only: string): string => `
  SELECT i.id, i.customer_id AS customerId, c.external_id AS externalId, c.name, c.segment, i.number, i.currency,
         i.amount_minor AS amountMinor, i.due_date AS dueDate,
         i.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.applied_date > @asOf), 0) AS balanceMinor
  FROM invoices i JOIN customers c ON c.id = i.customer_id
  WHERE i.status != 'void' AND i.issue_date <= @asOf AND i.due_date < @asOf ${only}
    AND (i.status = 'open' OR EXISTS (SELECT 1 FROM allocations a WHERE a.invoice_id = i.id AND a.applied_date > @asOf))
  ORDER BY i.currency, c.external_id, i.due_date, i.number`;
const ALL = candidates('');
const ONE = candidates('AND i.customer_id = @customerId');

/**
 * Late-payment charges of every customer (or one) as of a date: interest on each overdue invoice's
 * open principal under the customer's segment policy, the fixed fee, and what was waived. Charges
 * never touch balances: they are computed from the ledger each time, never stored as debt.
 */
export function chargesReport(sqlite: SqliteDb, asOf: IsoDate, customerId?: number): ChargesReport {
  const policies = getSetting(sqlite, 'chargePolicies');
  if (!policies.some((p) => p.kind !== 'none')) return { asOf, customers: [] };
  const table = readRateTable(sqlite);
  const rules = new Map<string, ChargeRule>();
  const ruleOf = (policy: ChargePolicy): ChargeRule => {
    let rule = rules.get(policy.id);
    if (!rule) rules.set(policy.id, (rule = chargeRule(policy, table)));
    return rule;
  };
  const reductionsOf = prepareCached(
    sqlite,
    'SELECT applied_date AS date, amount_minor AS amountMinor FROM allocations WHERE invoice_id = ? AND applied_date <= ?',
  );
  const waiversOf = prepareCached(sqlite, 'SELECT component FROM charge_waivers WHERE invoice_id = ?');
  const rows = (customerId === undefined ? prepareCached(sqlite, ALL).all({ asOf }) : prepareCached(sqlite, ONE).all({ asOf, customerId })) as Candidate[];
  const byKey = new Map<string, CustomerCharges>();
  for (const row of rows) {
    if (row.balanceMinor <= 0) continue;
    const policy = policyFor(policies, row.segment);
    if (policy.kind === 'none') continue;
    const rule = ruleOf(policy);
    const accrual = accrueInterest({
      amountMinor: row.amountMinor,
      dueDate: row.dueDate,
      asOf,
      reductions: reductionsOf.all(row.id, asOf) as RenamedRow<'allocations', { date: 'applied_date'; amountMinor: 'amount_minor' }>[],
      graceDays: policy.graceDays,
      rateOn: rule.rateOn,
      rateBreaks: rule.rateBreaks,
      dayCount: policy.dayCount,
      compounding: policy.compounding,
    });
    if (accrual.days === 0) continue;
    const fixedFee = rule.fixedFee(row.amountMinor, row.currency);
    const waivedComponents = (waiversOf.all(row.id) as { component: ChargeComponent }[]).map((w) => w.component).sort();
    const waived = (waivedComponents.includes('interest') ? accrual.interestMinor : 0) + (waivedComponents.includes('fixed_fee') ? fixedFee : 0);
    const key = `${row.customerId}|${row.currency}`;
    let customer = byKey.get(key);
    if (!customer) {
      customer = {
        customerId: row.customerId,
        externalId: row.externalId,
        name: row.name,
        currency: row.currency,
        policyId: policy.id,
        kind: policy.kind,
        interest: 0,
        fixedFees: 0,
        waived: 0,
        invoices: [],
      };
      byKey.set(key, customer);
    }
    customer.interest += accrual.interestMinor;
    customer.fixedFees += fixedFee;
    customer.waived += waived;
    customer.invoices.push({
      invoiceId: row.id,
      number: row.number,
      dueDate: row.dueDate,
      balanceMinor: row.balanceMinor,
      days: accrual.days,
      interest: accrual.interestMinor,
      fixedFee,
      waived,
      waivedComponents,
      rateBp: accrual.rateBp,
    });
  }
  return { asOf, customers: [...byKey.values()] };
}

/** What a customer owes in charges in one currency: accrued less waived. */
export const chargesDue = (c: Pick<CustomerCharges, 'interest' | 'fixedFees' | 'waived'>): number => c.interest + c.fixedFees - c.waived;
