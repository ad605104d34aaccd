import { AppError } from '../../../shared/errors';
import { minorToDecimalString } from '../../../shared/money';

interface PayableInvoice {
  number: string;
  currency: string;
  openMinor: number;
  /** The link the ERP gave for this invoice, if any. */
  paymentUrl: string | null;
}

const isWebUrl = (text: string): boolean => URL.canParse(text) && ['https:', 'http:'].includes(new URL(text).protocol);

/**
 * The invoice's own link from the ERP when it is a web address, otherwise the settings' pattern with
 * {invoiceNumber}, {balance} and {currency} filled in (each URL-encoded); null when neither gives a
 * valid https or http address.
 */
export function paymentLink(invoice: PayableInvoice, pattern: string): string | null {
  if (invoice.paymentUrl && isWebUrl(invoice.paymentUrl)) return invoice.paymentUrl;
  if (!pattern) return null;
  const filled = pattern
    .replaceAll('{invoiceNumber}', encodeURIComponent(invoice.number))
    .replaceAll('{balance}', encodeURIComponent(minorToDecimalString(invoice.openMinor, invoice.currency)))
    .replaceAll('{currency}', encodeURIComponent(invoice.currency));
  return isWebUrl(filled) ? filled : null;
}

/**
 * A video-memo link pasted by the collector: https only, on one of the allowed hosts or their
 * subdomains (www.loom.com for loom.com), decided by the parsed host name, never by a substring.
 */
export function checkVideoLink(text: string, allowedHosts: readonly string[]): string {
  if (!URL.canParse(text.trim())) throw new AppError('INVALID_INPUT', 'The video link is not a web address.', { field: 'videoMemoUrl' });
  const url = new URL(text.trim());
  if (url.protocol !== 'https:') throw new AppError('INVALID_INPUT', 'The video link must start with https://.', { field: 'videoMemoUrl' });
  if (url.username || url.password) throw new AppError('INVALID_INPUT', 'The video link must not carry a user name or password.', { field: 'videoMemoUrl' });
  const host = url.hostname.toLowerCase();
  if (!allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))) {
    throw new AppError('INVALID_INPUT', `Video links may point to ${allowedHosts.join(', ')}; this one points to ${host}.`, { field: 'videoMemoUrl' });
  }
  return url.href;
}
