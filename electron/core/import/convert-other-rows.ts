import { EMAIL_ADDRESS } from '../../../shared/text';
import type { CustomerRecord, PaymentRecord } from '../ledger/records';
import type { RowReader } from './row-reader';

export function readPaymentRow(r: RowReader): PaymentRecord | null {
  const externalId = r.required('paymentId');
  const customer = r.required('customerId');
  const date = r.date('date', true);
  const currency = r.currency();
  if (currency === null) return null;
  const amount = r.amount('amount', currency, true);
  if (externalId === null || customer === null || !date || amount == null) return null;
  if (amount <= 0) return r.fail('amount', 'a payment must be a positive amount (refunds are not payments)');
  const invoiceNumber = r.text('invoiceNumber');
  const method = r.text('method');
  const reference = r.text('reference');
  return {
    row: r.line,
    externalId,
    customerExternalId: customer,
    customerName: r.text('customerName') || customer,
    date,
    currency,
    amountMinor: amount,
    ...(invoiceNumber ? { invoiceNumber } : {}),
    ...(method ? { method } : {}),
    ...(reference ? { reference } : {}),
  };
}

export function readCustomerRow(r: RowReader): CustomerRecord | null {
  const externalId = r.required('customerId');
  const name = r.required('name');
  const currency = r.currency();
  const termsDays = r.integer('termsDays');
  const email = r.text('email');
  const emailOk = email === '' || EMAIL_ADDRESS.test(email) || r.fail('email', 'not an email address') !== null;
  const creditLimit = currency === null ? null : r.amount('creditLimit', currency, false);
  if (creditLimit != null && creditLimit < 0) return r.fail('creditLimit', 'credit limit is negative');
  const country = r.text('country').toUpperCase();
  const countryOk = country === '' || /^[A-Z]{2}$/.test(country) || r.fail('country', 'a two-letter country code like GB') !== null;
  if (externalId === null || name === null || currency === null || termsDays === null || !emailOk || !countryOk || creditLimit === null) return null;
  const contactName = r.text('contactName');
  const phone = r.text('phone');
  const segment = r.text('segment');
  const collector = r.text('collector');
  return {
    row: r.line,
    externalId,
    name,
    // Without a currency cell, keep what the customer has (e.g. from its invoices) rather than the default.
    ...(r.text('currency') ? { currency } : {}),
    ...(termsDays !== undefined ? { termsDays } : {}),
    ...(creditLimit !== undefined ? { creditLimitMinor: creditLimit } : {}),
    ...(segment ? { segment } : {}),
    ...(collector ? { collector } : {}),
    ...(country ? { country } : {}),
    ...(contactName || email
      ? { contacts: [{ name: contactName || email, role: 'billing' as const, isPrimary: true, ...(email ? { email } : {}), ...(phone ? { phone } : {}) }] }
      : {}),
  };
}
