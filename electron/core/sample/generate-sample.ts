import dataset from '../../../resources/sample/dataset.json' with { type: 'json' };
import { addDays, addMonths, toIsoDate, type IsoDate } from '../../../shared/dates';
import type { ContactRecord, CustomerRecord, LedgerBatch, PaymentRecord } from '../ledger/records';
import { BEHAVIOURS, OUTCOMES, type Behaviour } from './behaviours';
import { PaymentDrift } from './payment-drift';
import { Random } from './random';

export const SAMPLE_SOURCE = 'sample';
const HISTORY_MONTHS = 24;
export const DEFAULT_SEED = 20_261_122;

type Segment = 'Enterprise' | 'Mid-market' | 'SMB';
/** Invoices per month and invoice size (major units) by segment. */
const SEGMENT_PROFILE: Record<Segment, { perMonth: [number, number]; amount: [number, number] }> = {
  Enterprise: { perMonth: [2, 4], amount: [2_000, 40_000] },
  'Mid-market': { perMonth: [1, 2], amount: [500, 8_000] },
  SMB: { perMonth: [0, 2], amount: [80, 2_500] },
};

export interface SampleOptions {
  /** "Today" of the dataset: history runs for 24 months up to it. */
  anchor: IsoDate;
  seed?: number;
  customers?: number;
}

interface DraftInvoice {
  customer: string;
  currency: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  behaviour: Behaviour;
  monthIndex: number;
  /** The size of a typical invoice of its customer's segment. */
  usualMinor: number;
}

/**
 * The embedded sample dataset: ~300 customers with distinct payment behaviours, their contacts,
 * 24 months of invoices and the payments they made, in several currencies. Deterministic: the same
 * options always give the same batch.
 */
export function generateSample({ anchor, seed = DEFAULT_SEED, customers = 300 }: SampleOptions): LedgerBatch {
  const rng = new Random(seed);
  const names = new Set<string>();
  const batch: LedgerBatch = { source: SAMPLE_SOURCE, customers: [], invoices: [], credits: [], payments: [], snapshot: false };
  const drafts: DraftInvoice[] = [];
  for (let i = 1; i <= customers; i++) {
    const customer = makeCustomer(rng, i, names);
    batch.customers.push(customer.record);
    drafts.push(...invoicesFor(rng, customer, anchor));
    if (rng.chance(0.05)) {
      const amount = rng.int(50, 500) * 100;
      const date = addDays(anchor, -rng.int(5, 80));
      batch.credits.push({
        row: 0,
        externalId: `CN-${customer.record.externalId}`,
        number: `CN-${String(i).padStart(4, '0')}`,
        customerExternalId: customer.record.externalId,
        kind: 'credit_note',
        date,
        currency: customer.currency,
        amountMinor: amount,
        openMinor: amount,
      });
    }
  }
  drafts.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.customer.localeCompare(b.customer));
  const payments: PaymentRecord[] = [];
  const drift = new PaymentDrift(seed);
  drafts.forEach((draft, index) => {
    const number = `INV-${String(index + 1).padStart(6, '0')}`;
    const outcome = OUTCOMES[draft.behaviour]({ ...draft }, rng);
    const extra = drift.extraDays(draft.customer, draft.amountMinor, draft.usualMinor);
    let paid = 0;
    for (const payment of outcome.payments) {
      // A payment never predates its invoice, and one dated after "today" has not happened yet.
      const shifted = addDays(payment.date, extra);
      const date = shifted < draft.issueDate ? draft.issueDate : shifted;
      if (date > anchor) continue;
      paid += payment.amountMinor;
      payments.push({
        row: 0,
        externalId: '',
        customerExternalId: draft.customer,
        date,
        currency: draft.currency,
        amountMinor: payment.amountMinor,
        invoiceNumber: number,
        method: rng.pick(['ACH', 'wire', 'card', 'check']),
      });
    }
    // The batch states each invoice's balance today, as an ERP would; its payments are the history behind it.
    batch.invoices.push({
      row: 0,
      externalId: number,
      number,
      customerExternalId: draft.customer,
      issueDate: draft.issueDate,
      dueDate: draft.dueDate,
      currency: draft.currency,
      amountMinor: draft.amountMinor,
      openMinor: draft.amountMinor - paid,
      disputed: outcome.disputed,
    });
  });
  payments.sort((a, b) => a.date.localeCompare(b.date) || a.invoiceNumber!.localeCompare(b.invoiceNumber!));
  batch.payments = payments.map((payment, index) => ({ ...payment, externalId: `PMT-${String(index + 1).padStart(6, '0')}` }));
  return batch;
}

interface SampleCustomer {
  record: CustomerRecord;
  currency: string;
  segment: Segment;
  behaviour: Behaviour;
  termsDays: number;
}

function makeCustomer(rng: Random, index: number, names: Set<string>): SampleCustomer {
  const currency = rng.weighted(dataset.currencies as [string, number][]);
  const segment = rng.weighted(dataset.segments as [Segment, number][]);
  // Every behaviour appears: the first customers take one each, the rest are drawn by weight.
  const behaviour = index <= BEHAVIOURS.length ? BEHAVIOURS[index - 1]! : rng.weighted(dataset.behaviours as [Behaviour, number][]);
  const termsDays = rng.weighted(dataset.terms as [number, number][]);
  let name = '';
  do {
    const suffix = rng.pick(dataset.companySuffix[currency as keyof typeof dataset.companySuffix]);
    name = `${rng.pick(dataset.companyFirst)} ${rng.pick(dataset.companySecond)} ${suffix}`;
    if (names.has(name)) name = `${rng.pick(dataset.companyFirst)} ${name}`;
  } while (names.has(name));
  names.add(name);
  const domain = `${name.split(' ')[0]!.toLowerCase()}-${name.split(' ')[1]!.toLowerCase()}.example`;
  const limit = SEGMENT_PROFILE[segment].amount[1] * rng.int(2, 5) * 100;
  return {
    currency,
    segment,
    behaviour,
    termsDays,
    record: {
      row: 0,
      externalId: `CUST-${String(index).padStart(4, '0')}`,
      name,
      currency,
      termsDays,
      creditLimitMinor: limit,
      segment,
      collector: rng.pick(dataset.collectors),
      contacts: makeContacts(rng, domain),
      country: countryOf(currency, name, index),
    },
  };
}

/** Drawn without the random stream, so every other value of the sample stays as it was. */
function countryOf(currency: string, name: string, index: number): string {
  const forms = dataset.countries[currency as keyof typeof dataset.countries] as Record<string, string[]>;
  const form = Object.keys(forms).find((suffix) => name.endsWith(` ${suffix}`)) ?? '*';
  const choices = forms[form]!;
  return choices[index % choices.length]!;
}

function makeContacts(rng: Random, domain: string): ContactRecord[] {
  const roles: ContactRecord['role'][] = ['billing', 'ap', 'escalation'];
  return roles.slice(0, rng.int(1, 3)).map((role, i) => {
    const first = rng.pick(dataset.firstNames);
    const last = rng.pick(dataset.lastNames);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return { name: `${first} ${last}`, email: `${local}@${domain}`, phone: `+1 555 01${String(rng.int(0, 99)).padStart(2, '0')}`, role, isPrimary: i === 0 };
  });
}

function invoicesFor(rng: Random, customer: SampleCustomer, anchor: IsoDate): DraftInvoice[] {
  const profile = SEGMENT_PROFILE[customer.segment];
  const drafts: DraftInvoice[] = [];
  const firstMonth = addMonths(anchor.slice(0, 8) + '01', -(HISTORY_MONTHS - 1));
  for (let monthIndex = 0; monthIndex < HISTORY_MONTHS; monthIndex++) {
    const monthStart = addMonths(firstMonth, monthIndex);
    const count = rng.int(profile.perMonth[0], profile.perMonth[1]);
    for (let n = 0; n < count; n++) {
      const [year, month] = monthStart.split('-').map(Number) as [number, number];
      const issueDate = toIsoDate(year, month, rng.int(1, 28));
      if (issueDate > anchor) continue;
      const amountMinor = rng.int(profile.amount[0], profile.amount[1]) * 100 + rng.int(0, 99);
      drafts.push({
        customer: customer.record.externalId,
        currency: customer.currency,
        issueDate,
        dueDate: addDays(issueDate, customer.termsDays),
        amountMinor,
        behaviour: customer.behaviour,
        monthIndex,
        usualMinor: ((profile.amount[0] + profile.amount[1]) / 2) * 100,
      });
    }
  }
  return drafts;
}
