import { readFileSync } from 'node:fs';
import { resourcePath } from '../resources';
import { PAYMENT_QR_CID, paymentQrPng } from './payment-qr';

export const VIDEO_CARD_CID = 'inflow-video-card';

/** An image a message shows inline, referenced from its HTML as cid:<cid>. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

let videoCard: Buffer | null = null;
const references = (html: string, cid: string): boolean => html.includes(`src="cid:${cid}"`);

/**
 * The images a rendered message refers to, and only those: the video card from resources/, and the
 * payment QR code drawn from the link stored with the message (the outbox row is all a sender has
 * after a restart, so the link, not the picture, is what is kept).
 */
export async function inlineImages(html: string, paymentQrLink: string | null): Promise<InlineImage[]> {
  const images: InlineImage[] = [];
  if (references(html, VIDEO_CARD_CID)) {
    videoCard ??= readFileSync(resourcePath('email', 'video-card.png'));
    images.push({ cid: VIDEO_CARD_CID, filename: 'video-message.png', contentType: 'image/png', content: videoCard });
  }
  if (paymentQrLink && references(html, PAYMENT_QR_CID)) {
    images.push({ cid: PAYMENT_QR_CID, filename: 'payment-qr.png', contentType: 'image/png', content: await paymentQrPng(paymentQrLink) });
  }
  return images;
}

/** The link a message's QR code encodes: its payment link, when its HTML shows the code at all. */
export const paymentQrLinkOf = (html: string, paymentLink: string | undefined): string | null =>
  paymentLink && references(html, PAYMENT_QR_CID) ? paymentLink : null;

/**
 * The HTML with each cid: image as a data: URL, for the preview: a window cannot resolve cid:, and
 * the window's CSP allows data: images and nothing remote.
 */
export function withDataUrls(html: string, images: readonly InlineImage[]): string {
  return images.reduce(
    (result, image) => result.replaceAll(`src="cid:${image.cid}"`, `src="data:${image.contentType};base64,${image.content.toString('base64')}"`),
    html,
  );
}
