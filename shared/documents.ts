import { z } from 'zod';
import type { DroppedInvoice, MessageHold } from './outreach/guard';
import { emailAddressSchema, oneLineText } from './text';

/**
 * The letterhead of statements and letters: the company's postal address, registration and tax ids,
 * how to pay (bank details), a logo, and the paper size. The company's name is Settings → Email's
 * (outreach.companyName), so one name signs both emails and paper.
 */
export const PAPER_SIZES = ['auto', 'a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** A PNG or JPEG, base64, at most about 300 kB of image. */
const logo = z
  .string()
  .max(400_000)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'a base64 PNG or JPEG');

export const companyProfileSchema = z.object({
  addressLines: z.array(oneLineText(120)).max(6).default([]),
  registrationId: oneLineText(80).default(''),
  taxId: oneLineText(80).default(''),
  phone: oneLineText(60).default(''),
  email: z.union([z.literal(''), emailAddressSchema]).default(''),
  /** Lines such as "IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX", printed under "How to pay". */
  bankDetails: z.array(oneLineText(160)).max(6).default([]),
  logoBase64: logo.default(''),
  /** auto: US Letter for customers in the US, Canada, Mexico and a few others; A4 everywhere else. */
  paper: z.enum(PAPER_SIZES).default('auto'),
});
export type CompanyProfile = z.output<typeof companyProfileSchema>;
export const DEFAULT_COMPANY_PROFILE: CompanyProfile = companyProfileSchema.parse({});

/** A customer's postal address as printed in an envelope window: up to 6 lines. */
export const postalAddressSchema = z.array(oneLineText(120)).max(6);

export const STATEMENT_KINDS = ['open_items', 'activity'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** What the side pane shows of a statement beside its PDF: the same figures, by currency. */
export interface StatementPreview {
  kind: StatementKind;
  customerName: string;
  externalId: string;
  /** The as-of date (open items) or the period's last day (activity). */
  asOf: string;
  from: string | null;
  sections: {
    currency: string;
    /** What is owed at the end of asOf (the aging total): the closing balance of an activity statement. */
    totalMinor: number;
    openingMinor: number | null;
    lines: { date: string; reference: string; description: string; amountMinor: number; balanceMinor: number | null; daysOverdue: number | null }[];
    charges: { interest: number; fixedFees: number; waived: number } | null;
  }[];
}

/** A ladder step due on paper today: a letter (a final demand is one) or an agency referral. */
export interface DueLetter {
  customerId: number;
  customerName: string;
  externalId: string;
  stepLabel: string;
  channel: 'letter' | 'agency_referral';
  templateId: string;
  senderRole: 'collector' | 'manager';
  invoiceIds: number[];
  invoiceNumbers: string[];
  /** Invoices at this step the send guard left out of the letter, each with why. */
  dropped: DroppedInvoice[];
}

/** A paper step due today that the send guard holds: no letter is printed, and this says why. */
export interface HeldLetter {
  customerId: number;
  customerName: string;
  externalId: string;
  stepLabel: string;
  channel: 'letter' | 'agency_referral';
  hold: MessageHold;
  /** The sentence the screen and the CLI show. */
  message: string;
  dropped: DroppedInvoice[];
}

/** Today's paper: the letters the guard lets go, and those it holds. */
export interface LetterDay {
  letters: DueLetter[];
  held: HeldLetter[];
}
