import type { TemplateLanguage } from '../customer-locale';

/**
 * Every merge field a template may use. Names are camelCase with dots (no underscores, which Markdown
 * would read as emphasis). Values are merged escaped; the few `block` fields are built by Inflow as
 * safe HTML (and plain text) and are the only ones allowed in triple braces `{{{…}}}`.
 */
export interface FieldInfo {
  description: string;
  example: string;
  /** Pre-rendered HTML/text built by Inflow (tables, cards); used as `{{{name}}}`. */
  block?: boolean;
}

export const TEMPLATE_FIELDS = {
  'customer.name': { description: "The customer's name", example: 'Acme Tools Ltd' },
  'customer.externalId': { description: "The customer's id in the ERP", example: 'C-001' },
  'contact.name': { description: 'Full name of the contact the message goes to', example: 'Jane Park' },
  'contact.firstName': { description: 'First name of the contact', example: 'Jane' },
  'sender.name': { description: 'The collector (or manager) sending it', example: 'Dana Reyes' },
  'sender.role': { description: "The sender's role", example: 'Accounts Receivable' },
  'sender.email': { description: "The sender's address", example: 'dana@yourcompany.example' },
  'sender.phone': { description: "The sender's phone", example: '+1 555 0100' },
  'company.name': { description: 'Your company', example: 'Northwind Supplies' },
  'totals.open': { description: 'Everything open, in the customer currency', example: '$13,400.25' },
  'totals.overdue': { description: 'Past due among the invoices listed (every invoice past due when none is named)', example: '$13,400.25' },
  'totals.current': { description: 'Not yet due', example: '$0.00' },
  'totals.d1_30': { description: 'Past due 1–30 days (the first aging bucket)', example: '$1,000.25' },
  'totals.d31_60': { description: 'Second aging bucket', example: '$0.00' },
  'totals.d61_90': { description: 'Third aging bucket', example: '$12,400.00' },
  'totals.d91_120': { description: 'Fourth aging bucket', example: '$0.00' },
  'totals.d120_plus': { description: 'Oldest aging bucket', example: '$0.00' },
  oldestDaysLate: { description: 'Days past due of the oldest invoice listed', example: '83' },
  'oldestInvoice.number': { description: 'Number of the oldest invoice listed', example: 'INV-1043' },
  invoiceCount: { description: 'How many invoices the message lists', example: '2' },
  invoiceTable: { description: 'The invoices listed: number, dates, amount, balance, days late, pay link', example: '(table)', block: true },
  paymentLink: { description: 'Link to pay everything listed (or the single invoice)', example: 'https://pay.example.com/INV-1043' },
  paymentQr: {
    description: 'A QR code of the payment link, to scan with a phone (HTML only; nothing when there is no link)',
    example: '(QR code)',
    block: true,
  },
  videoMemo: { description: 'A personal video memo as a thumbnail card with a play button', example: '(video card)', block: true },
  videoMemoUrl: { description: 'The video memo link itself (also a section: {{#videoMemoUrl}}…{{/videoMemoUrl}})', example: 'https://www.loom.com/share/abc' },
  'promise.amount': { description: 'Amount of the latest promise to pay', example: '$4,000.00' },
  'promise.date': { description: 'Date of the latest promise to pay', example: 'Nov 29, 2026' },
  'discount.percent': { description: 'Early-payment discount offered', example: '2%' },
  'discount.amount': { description: 'What the customer saves', example: '$268.00' },
  'discount.payBy': { description: 'Pay by this date to get the discount', example: 'Dec 5, 2026' },
  'plan.installmentTable': { description: 'The payment plan installments', example: '(table)', block: true },
  'plan.nextDate': { description: 'Next installment date', example: 'Dec 15, 2026' },
  'plan.nextAmount': { description: 'Next installment amount', example: '$1,000.00' },
  'dispute.reason': { description: 'Reason given for the latest dispute', example: 'Pricing' },
  'dispute.invoices': { description: 'Invoice numbers under the dispute', example: 'INV-1043, INV-1050' },
  'charges.interest': { description: 'Late-payment interest accrued on overdue invoices (not waived), apart from the balance', example: '€58.36' },
  'charges.fixedFees': { description: 'Fixed late-payment compensation (e.g. €40 per invoice), not waived', example: '€40.00' },
  'charges.total': { description: 'Late-payment charges to pay (empty when none: use {{#charges.total}}…{{/charges.total}})', example: '€98.36' },
  'charges.rate': { description: 'The annual late-payment interest rate', example: '10.15%' },
  'charges.basis': { description: 'What the charges rest on (the contract or the law)', example: 'EU Late Payment Directive (ECB rate + 8 points, €40)' },
  today: { description: "Today's date", example: 'Nov 22, 2026' },
} as const satisfies Record<string, FieldInfo>;

export type TemplateField = keyof typeof TEMPLATE_FIELDS;

export const TEMPLATE_PURPOSES = [
  'pre_due',
  'value_memo',
  'reminder',
  'escalation',
  'final',
  'agency',
  'promise',
  'broken_promise',
  'dispute',
  'plan',
  'discount',
] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];
export const TEMPLATE_TONES = ['friendly', 'firm', 'final'] as const;

/**
 * A template as stored and edited: a subject line and a Markdown body, both with `{{field}}` merges.
 * One template id has a version per language; messages take the customer's, else the English one.
 */
export interface EmailTemplate {
  id: string;
  language: TemplateLanguage;
  name: string;
  purpose: TemplatePurpose;
  tone: (typeof TEMPLATE_TONES)[number];
  subject: string;
  /** Markdown: paragraphs, **bold**, lists, [links](https://…); raw HTML is shown as text, never run. */
  body: string;
  /** Its emails carry the customer's statement of account as a PDF, made when each one goes. */
  attachStatement: boolean;
  /** Shipped with Inflow (editable; "reset" brings the original back). */
  builtIn: boolean;
}
