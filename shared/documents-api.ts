import { z } from 'zod';
import type { ExportedFile } from './analytics';
import {
  CHARGE_COMPONENTS,
  chargePoliciesSchema,
  RATE_SERIES,
  referenceRateSchema,
  type ChargeComponent,
  type ChargePolicy,
  type ChargePush,
  type ChargesReport,
  type ReferenceRate,
} from './charges';
import {
  companyProfileSchema,
  postalAddressSchema,
  STATEMENT_KINDS,
  type CompanyProfile,
  type HeldLetter,
  type LetterDay,
  type StatementPreview,
} from './documents';
import { jobIdSchema as jobId, returns } from './procedure';
import { oneLineText } from './text';
import { isoDateSchema as isoDate } from './value-schemas';

/** Late-payment charges, statements and letters: procedures of the contract in api.ts. */
export const documentsApi = {
  // Late-payment charges (issue 23): computed as of a date, never part of a balance.
  'charges.report': returns<ChargesReport>()(z.object({ asOf: isoDate.optional(), customerId: z.number().int().positive().optional() })),
  /** Gives up an invoice's interest or fixed fee whole, with the reason (audit-logged). */
  'charges.waive': returns<{ invoiceId: number; component: ChargeComponent }>()(
    z.object({
      invoiceId: z.number().int().positive(),
      component: z.enum(CHARGE_COMPONENTS),
      reason: oneLineText(500).min(1, 'say why the charge is waived'),
    }),
  ),
  'charges.restore': returns<{ invoiceId: number; component: ChargeComponent }>()(
    z.object({ invoiceId: z.number().int().positive(), component: z.enum(CHARGE_COMPONENTS) }),
  ),
  // Only on the collector's explicit action: the customer's charges not yet invoiced, as one ERP invoice per currency.
  'charges.push': returns<{ created: number; pushes: ChargePush[] }>()(z.object({ customerId: z.number().int().positive(), asOf: isoDate.optional() })),
  'charges.pushes': returns<ChargePush[]>()(z.object({ customerId: z.number().int().positive() })),
  'charges.policies': returns<ChargePolicy[]>()(z.object({})),
  'charges.savePolicies': returns<ChargePolicy[]>()(z.object({ policies: chargePoliciesSchema })),
  /** The reference-rate table: shipped history and the user's rows. */
  'charges.rates': returns<ReferenceRate[]>()(z.object({})),
  'charges.saveRate': returns<{ saved: true }>()(referenceRateSchema),
  'charges.deleteRate': returns<{ deleted: true }>()(z.object({ series: z.enum(RATE_SERIES), effectiveDate: isoDate })),

  // Statements and letters as PDF (issue 23), made in the core.
  /** One customer's statement: open items as of a date, or the activity of a period (from … asOf). */
  'documents.statement': returns<ExportedFile & { preview: StatementPreview }>()(
    z.object({
      customerId: z.number().int().positive(),
      kind: z.enum(STATEMENT_KINDS).default('open_items'),
      asOf: isoDate.optional(),
      from: isoDate.optional(),
    }),
  ),
  /** Many statements in one PDF to print (a long job with progress and cancel). */
  'documents.statements': returns<ExportedFile & { statements: number }>()(
    z.object({
      customerIds: z.array(z.number().int().positive()).min(1).max(10_000),
      kind: z.enum(STATEMENT_KINDS).default('open_items'),
      asOf: isoDate.optional(),
      jobId: jobId.optional(),
    }),
  ),
  'documents.company': returns<CompanyProfile>()(z.object({})),
  'documents.saveCompany': returns<CompanyProfile>()(companyProfileSchema),
  'customer.setPostalAddress': returns<{ customerId: number; lines: string[] }>()(
    z.object({ customerId: z.number().int().positive(), lines: postalAddressSchema }),
  ),
  /** The ladder's letter and agency-referral steps due today. */
  'documents.letters': returns<LetterDay>()(z.object({})),
  /** Today's letters (all, or the chosen customers') in one PDF to print; nothing is marked yet. */
  'documents.lettersPdf': returns<ExportedFile & LetterDay>()(z.object({ customerIds: z.array(z.number().int().positive()).max(10_000).optional() })),
  /** The printed letters were posted: their ladder steps are taken (ladder.completeTask for each); those held since printing are not, and say why. */
  'documents.lettersPosted': returns<{ posted: { customerId: number; activityId: number; stepId: string; invoiceNumbers: string[] }[]; held: HeldLetter[] }>()(
    z.object({ customerIds: z.array(z.number().int().positive()).min(1).max(10_000) }),
  ),
} as const;
