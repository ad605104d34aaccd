import Mustache from 'mustache';
import QRCode from 'qrcode';
import { MESSAGE_WORDS } from './message-words';

export const PAYMENT_QR_CID = 'inflow-payment-qr';

/** The most bytes a QR code holds at the error correction used here (version 40, level M). */
const MAX_QR_BYTES = 2331;

/**
 * The `{{{paymentQr}}}` block: an image of the payment link, inlined as cid:inflow-payment-qr when the
 * message goes out. Null when a link is too long for any QR code. The text part gets nothing: a
 * picture cannot be read there, and templates spell the link out with {{paymentLink}}.
 */
export function paymentQrBlock(link: string, alt = MESSAGE_WORDS.en.qrAlt): { html: string; text: string } | null {
  if (Buffer.byteLength(link) > MAX_QR_BYTES) return null;
  return {
    html: `<p><a href="${Mustache.escape(link)}"><img src="cid:${PAYMENT_QR_CID}" alt="${Mustache.escape(alt)}" width="120" height="120" border="0"></a></p>`,
    text: '',
  };
}

/**
 * The QR code as a PNG, drawn at twice its shown size so it stays sharp on high-density screens.
 * Fixed options: the same link always gives the same bytes, at preview time and at send time.
 */
export function paymentQrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 240, color: { dark: '#000000ff', light: '#ffffffff' } });
}
