import { z } from 'zod';
import { templateLanguage, type TemplateLanguage } from './customer-locale';
import { oneLineText } from './text';
import { isoDateSchema } from './value-schemas';

/**
 * Late-payment charges (interest and fixed compensation), always kept apart from principal: never in
 * the aging, DSO or an invoice's balance. See electron/core/charges/ for the rules and their sources.
 */
export const CHARGE_KINDS = ['none', 'contractual', 'eu_directive', 'uk_late_payment', 'de_bgb_288'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** Each policy kind in each language Inflow prints and emails in (a letter quotes its basis in the customer's language). */
export const CHARGE_KIND_LABELS: Record<TemplateLanguage, Record<ChargeKind, string>> = {
  en: {
    none: 'No charges',
    contractual: 'Contractual rate',
    eu_directive: 'EU Late Payment Directive (ECB rate + 8 points, €40)',
    uk_late_payment: 'UK Late Payment Act (Bank of England rate + 8 points, £40/£70/£100)',
    de_bgb_288: 'Germany § 288 BGB B2B (Basiszinssatz + 9 points, €40)',
  },
  de: {
    none: 'Keine Verzugskosten',
    contractual: 'Vertraglicher Zinssatz',
    eu_directive: 'EU-Zahlungsverzugsrichtlinie (EZB-Satz + 8 Prozentpunkte, 40 €)',
    uk_late_payment: 'Britischer Late Payment Act (Leitzins der Bank of England + 8 Prozentpunkte, 40/70/100 £)',
    de_bgb_288: '§ 288 BGB, Geschäftsverkehr (Basiszinssatz + 9 Prozentpunkte, 40 €)',
  },
  fr: {
    none: 'Aucune pénalité',
    contractual: 'Taux contractuel',
    eu_directive: 'Directive européenne sur les retards de paiement (taux BCE + 8 points, 40 €)',
    uk_late_payment: 'Late Payment Act britannique (taux de la Banque d’Angleterre + 8 points, 40/70/100 £)',
    de_bgb_288: 'Allemagne, § 288 BGB entre professionnels (taux de base + 9 points, 40 €)',
  },
  es: {
    none: 'Sin recargos',
    contractual: 'Tipo contractual',
    eu_directive: 'Directiva europea de morosidad (tipo del BCE + 8 puntos, 40 €)',
    uk_late_payment: 'Late Payment Act del Reino Unido (tipo del Banco de Inglaterra + 8 puntos, 40/70/100 £)',
    de_bgb_288: 'Alemania, § 288 BGB entre empresas (tipo básico + 9 puntos, 40 €)',
  },
};

/** A policy kind in a locale's language (English when Inflow has none for it), as documents and emails choose theirs. */
export function chargeKindLabel(kind: ChargeKind, locale: string): string {
  return CHARGE_KIND_LABELS[templateLanguage(locale)][kind];
}

/** Days in the interest year: a fixed 365, or the calendar year's 365 or 366. */
export const DAY_COUNTS = ['act365', 'actact'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/** The central-bank rates the statutory presets add their points to; the user keeps the table current. */
export const RATE_SERIES = ['ecb_mro', 'boe_bank_rate', 'de_basiszins'] as const;
export type RateSeries = (typeof RATE_SERIES)[number];
export const RATE_SERIES_LABELS: Record<RateSeries, string> = {
  ecb_mro: 'ECB main refinancing operations rate',
  boe_bank_rate: 'Bank of England Bank Rate',
  de_basiszins: 'Basiszinssatz (§ 247 BGB)',
};

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and "-"');

export const chargePolicySchema = z
  .object({
    id: slug,
    name: oneLineText(80).min(1, 'give the policy a name'),
    /** ERP segments this policy covers; none: everyone else. */
    segments: z.array(oneLineText(120).min(1)).max(50).default([]),
    kind: z.enum(CHARGE_KINDS),
    /** For `contractual`: the agreed rate in basis points (150 = 1.5 %) per month or per year. */
    rateBp: z.number().int().min(1).max(100_000).optional(),
    ratePer: z.enum(['month', 'year']).default('year'),
    /** Accrued interest is added to the base at each month's anniversary of the first interest day. */
    compounding: z.boolean().default(false),
    /** For `contractual`: a fee per overdue invoice, in its own currency's minor units. */
    fixedFeeMinor: z.number().int().min(0).max(100_000_000).default(0),
    /** Interest starts this many days after the due date. Statutory interest has none. */
    graceDays: z.number().int().min(0).max(365).default(0),
    dayCount: z.enum(DAY_COUNTS).default('act365'),
  })
  .superRefine((policy, ctx) => {
    if (policy.kind === 'contractual' && policy.rateBp === undefined)
      ctx.addIssue({ code: 'custom', path: ['rateBp'], message: 'a contractual policy needs its rate' });
  });
export type ChargePolicy = z.output<typeof chargePolicySchema>;

export const chargePoliciesSchema = z
  .array(chargePolicySchema)
  .max(50)
  .superRefine((policies, ctx) => {
    const owner = new Map<string, string>();
    policies.forEach((policy, index) => {
      if (policies.findIndex((other) => other.id === policy.id) < index)
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${policy.id}" is used twice` });
      for (const segment of policy.segments.length === 0 ? ['(everyone else)'] : policy.segments) {
        const claimed = owner.get(segment);
        if (claimed) ctx.addIssue({ code: 'custom', path: [index, 'segments'], message: `${segment} already has the policy "${claimed}"` });
        else owner.set(segment, policy.name);
      }
    });
  });

export const referenceRateSchema = z.object({
  series: z.enum(RATE_SERIES),
  effectiveDate: isoDateSchema,
  /** Percent in basis points; may be negative (the Basiszinssatz was −0.88 % from 2016 to 2022). */
  rateBp: z.number().int().min(-2000).max(10_000),
});
export type ReferenceRate = z.output<typeof referenceRateSchema> & { source: 'shipped' | 'user' };

export const CHARGE_COMPONENTS = ['interest', 'fixed_fee'] as const;
export type ChargeComponent = (typeof CHARGE_COMPONENTS)[number];

/** One invoice's charges as of a date (minor units of the invoice's currency). */
export interface InvoiceCharge {
  invoiceId: number;
  number: string;
  dueDate: string;
  /** Open principal on the as-of date, for reference: never added to the charges. */
  balanceMinor: number;
  /** Days interest ran (past the due date and any grace) up to the as-of date. */
  days: number;
  interest: number;
  fixedFee: number;
  /** The part of interest + fixedFee waived (each component is waived whole). */
  waived: number;
  waivedComponents: ChargeComponent[];
  /** Annual rate on the as-of date in basis points, for the wording of a letter. */
  rateBp: number;
}

/** A customer's charges in one currency. `interest` and `fixedFees` are what accrued; `waived` is the part given up; due = interest + fixedFees − waived. */
export interface CustomerCharges {
  customerId: number;
  externalId: string;
  name: string;
  currency: string;
  policyId: string;
  kind: ChargeKind;
  interest: number;
  fixedFees: number;
  waived: number;
  invoices: InvoiceCharge[];
}

export interface ChargesReport {
  asOf: string;
  customers: CustomerCharges[];
}

/**
 * The prefix of the key every charges invoice Inflow creates in an ERP carries (Odoo's `ref`,
 * QuickBooks' DocNumber and private note). A synced invoice with it is that invoice coming back:
 * the ledger leaves it out, so charges never turn into principal in the aging, DSO or charges.
 */
export const CHARGE_REF_PREFIX = 'INFLOW-CHG-';

/** One charge of one invoice in a push: interest (what accrued since the last push) or the fixed fee. */
export interface ChargePushLine {
  invoiceId: number;
  number: string;
  component: ChargeComponent;
  amountMinor: number;
}

/** Charges sent (or waiting to be sent) to the ERP as one invoice. */
export interface ChargePush {
  id: number;
  customerId: number;
  connector: string;
  /** The invoice's key in the ERP (CHARGE_REF_PREFIX + a random part). */
  ref: string;
  currency: string;
  asOf: string;
  totalMinor: number;
  createdAt: string;
  /** Null while it waits (offline, or the ERP refused: lastError says why); it is sent again on the next push or sync. */
  pushedAt: string | null;
  erpId: string | null;
  /** The ERP's number for the invoice, when it gave one. */
  erpNumber: string | null;
  attempts: number;
  lastError: string | null;
  lines: ChargePushLine[];
}
