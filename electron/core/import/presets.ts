import type { ImportKind } from '../../../shared/import-mapping';
import type { DateFormat } from './parse-date';

/**
 * How rows of an export are read beyond plain column mapping: QuickBooks reports carry section,
 * total and footer rows and may group by customer; Xero has one row per line item; Odoo quotes and
 * prefixes values and uses labels for states.
 */
export type Dialect = 'plain' | 'quickbooks' | 'xero' | 'odoo';

export interface Preset {
  id: string;
  label: string;
  kind: ImportKind;
  description: string;
  source: string;
  dialect: Dialect;
  /** For each field, the header names it may have in this export (compared by normalizeHeader: case, spaces and punctuation ignored). */
  columns: Record<string, readonly string[]>;
  /** Fields whose columns must be present for the preset to match a file. */
  required: readonly string[];
  /**
   * The order this ERP writes day and month in. Dates are still detected per file (an export may be
   * ISO or "15 Jan 2026"); this only settles files where every day is 12 or less.
   */
  dateOrder: DateFormat;
  decimalSeparator?: '.' | ',';
}

const generic = { source: 'generic', dialect: 'plain', dateOrder: 'yyyy-MM-dd' } as const;

export const PRESETS: readonly Preset[] = [
  {
    ...generic,
    id: 'generic-invoices',
    label: 'Generic invoices',
    kind: 'invoices',
    description:
      'One row per invoice: number, customer id, issue and due dates, amount; optionally name, open balance, paid date, currency, disputed, billing (electronic or paper).',
    columns: {
      invoiceNumber: ['invoice number', 'invoice no', 'invoice no.', 'invoice #', 'inv #', 'inv no', 'invoice', 'number', 'invoice_number'],
      customerId: ['customer id', 'customer number', 'customer_id', 'account number'],
      customerName: ['customer name', 'customer', 'customer_name'],
      issueDate: ['issue date', 'invoice date', 'date', 'issue_date'],
      dueDate: ['due date', 'due_date'],
      amount: ['amount', 'total', 'invoice amount'],
      openBalance: ['open balance', 'balance', 'amount due', 'open_balance'],
      paidDate: ['paid date', 'paid on', 'settled date', 'paid_date'],
      currency: ['currency'],
      disputed: ['disputed', 'in dispute'],
      status: ['status', 'invoice status'],
      billing: ['billing', 'paperless bill', 'paperlessbill', 'billing method', 'delivery method'],
    },
    required: ['invoiceNumber', 'customerId', 'issueDate', 'dueDate', 'amount'],
  },
  {
    ...generic,
    id: 'generic-payments',
    label: 'Generic payments',
    kind: 'payments',
    description: 'One row per payment: payment id, customer id, date, amount; optionally the invoice number it pays, currency, method, reference.',
    columns: {
      paymentId: ['payment id', 'payment number', 'payment_id', 'receipt number'],
      customerId: ['customer id', 'customer_id', 'customer number'],
      customerName: ['customer name', 'customer'],
      date: ['date', 'payment date', 'received date', 'received'],
      amount: ['amount', 'payment amount'],
      invoiceNumber: ['invoice number', 'invoice', 'applied to', 'invoice_number'],
      currency: ['currency'],
      method: ['method', 'payment method'],
      reference: ['reference', 'memo', 'ref'],
    },
    required: ['paymentId', 'customerId', 'date', 'amount'],
  },
  {
    ...generic,
    id: 'generic-customers',
    label: 'Generic customers',
    kind: 'customers',
    description:
      'One row per customer: id and name; optionally currency, contact name, email, phone, terms (days), credit limit, segment, collector, country (two letters, e.g. GB).',
    columns: {
      customerId: ['customer id', 'customer_id', 'customer number', 'id'],
      name: ['name', 'customer name', 'company'],
      currency: ['currency'],
      email: ['email', 'e-mail', 'billing email'],
      phone: ['phone', 'telephone'],
      contactName: ['contact', 'contact name'],
      termsDays: ['terms days', 'terms', 'payment terms days'],
      creditLimit: ['credit limit', 'credit_limit'],
      segment: ['segment', 'customer type'],
      collector: ['collector', 'assigned to', 'owner'],
      country: ['country', 'country code'],
    },
    required: ['customerId', 'name'],
  },
  {
    id: 'quickbooks-aging',
    label: 'QuickBooks A/R Aging Detail / Open Invoices',
    kind: 'invoices',
    description:
      'QuickBooks "A/R Aging Detail" or "Open Invoices" report saved as CSV: preamble, bucket and total rows are skipped; credit memos and unapplied payments count against the customer.',
    source: 'quickbooks',
    dialect: 'quickbooks',
    columns: {
      invoiceNumber: ['num', 'no.'],
      customerId: ['customer', 'name', 'customer full name'],
      issueDate: ['date'],
      dueDate: ['due date'],
      amount: ['amount', 'orig. amount'],
      openBalance: ['open balance', 'balance'],
      type: ['transaction type', 'type'],
      reference: ['memo/description', 'memo'],
    },
    required: ['invoiceNumber', 'issueDate', 'dueDate', 'openBalance'],
    dateOrder: 'M/d/yyyy',
    decimalSeparator: '.',
  },
  {
    id: 'xero-invoices',
    label: 'Xero sales invoices',
    kind: 'invoices',
    description: "Xero's sales-invoice CSV (template or export): one row per line item, grouped by invoice number; day-first dates.",
    source: 'xero',
    dialect: 'xero',
    columns: {
      invoiceNumber: ['invoicenumber'],
      customerId: ['contactname'],
      issueDate: ['invoicedate'],
      dueDate: ['duedate'],
      amount: ['total'],
      openBalance: ['invoiceamountdue'],
      amountPaid: ['invoiceamountpaid'],
      quantity: ['quantity'],
      unitAmount: ['unitamount'],
      discount: ['discount'],
      lineAmount: ['lineamount'],
      taxAmount: ['taxamount'],
      currency: ['currency'],
      status: ['status'],
      type: ['type'],
    },
    required: ['invoiceNumber', 'customerId', 'issueDate', 'dueDate'],
    dateOrder: 'd/M/yyyy',
    decimalSeparator: '.',
  },
  {
    id: 'odoo-moves',
    label: 'Odoo invoices (account.move)',
    kind: 'invoices',
    description: 'Odoo account.move CSV export, with field labels or technical names; drafts, cancelled entries and vendor bills are skipped.',
    source: 'odoo',
    dialect: 'odoo',
    columns: {
      invoiceNumber: ['number', 'name'],
      externalId: ['id', 'external id'],
      customerId: ['partner', 'partner_id', 'customer', 'partner/display name'],
      issueDate: ['invoice/bill date', 'invoice date', 'invoice_date'],
      dueDate: ['due date', 'invoice_date_due'],
      amount: ['total', 'amount_total', 'total signed', 'amount_total_signed', 'total in currency signed'],
      openBalance: ['amount due', 'amount_residual', 'amount due signed', 'amount_residual_signed'],
      currency: ['currency', 'currency_id'],
      paymentState: ['payment status', 'payment_state', 'payment'],
      state: ['status', 'state'],
      type: ['type', 'move_type'],
    },
    required: ['invoiceNumber', 'customerId', 'issueDate', 'dueDate', 'amount'],
    dateOrder: 'yyyy-MM-dd',
    decimalSeparator: '.',
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** Header cell → comparable name: case, surrounding space, Xero's "*" and a BOM do not matter. */
