import { AppError } from '../../../shared/errors';
import { minorToDecimalString } from '../../../shared/money';
import { allowedCustomerLink } from '../../../shared/outreach/customer-link';
import { paymentLinkFiller, paymentPortalOrigin } from '../../../shared/outreach/payment-link-pattern';

interface PayableInvoice {
  number: string;
  currency: string;
  openMinor: number;
  /** The link the ERP gave for this invoice, if any. */
  paymentUrl: string | null;
}

/** What decides an invoice's link: the settings' pattern, and the ERP whose own links are trusted. */
export interface LinkSources {
  pattern: string;
  /** The ERP connection's address; links stored from it must still lead there. */
  erpBaseUrl: string | null;
}

/**
 * Each invoice's Pay link: its own link from the ERP when that leads to the ERP or the payment
 * portal (checked again here: a link stored before that check, or by an ERP since disconnected, does
 * not go out), otherwise the settings' pattern filled in for it; null when neither gives a link a
 * customer may follow. The sources are read once per message, not per invoice.
 */
export function paymentLinker(sources: LinkSources): (invoice: PayableInvoice, customerExternalId: string) => string | null {
  const portal = paymentPortalOrigin(sources.pattern);
  const fill = paymentLinkFiller(sources.pattern);
  const erpOrigin = sources.erpBaseUrl && URL.canParse(sources.erpBaseUrl) ? new URL(sources.erpBaseUrl).origin : null;
  return (invoice, customerExternalId) => {
    const fromErp = invoice.paymentUrl ? allowedCustomerLink(invoice.paymentUrl, [erpOrigin, portal]) : null;
    return (
      fromErp ??
      fill?.({
        invoiceNumber: invoice.number,
        balance: minorToDecimalString(invoice.openMinor, invoice.currency),
        currency: invoice.currency,
        customerId: customerExternalId,
      }) ??
      null
    );
  };
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
