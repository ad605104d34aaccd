import { describe, expect, it } from 'vitest';
import { inlineImages, paymentQrLinkOf, withDataUrls } from '../../electron/core/mail/inline-images';
import { PAYMENT_QR_CID, paymentQrBlock, paymentQrPng } from '../../electron/core/mail/payment-qr';
import { renderTemplate } from '../../electron/core/mail/template-render';
import { checkTemplate } from '../../electron/core/mail/template-check';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LINK = 'https://pay.example.com/INV-1043?amount=1000.25&ref=a"b';

describe('the payment QR code', () => {
  it('is a PNG, the same bytes for the same link and different bytes for another', async () => {
    const png = await paymentQrPng(LINK);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect((await paymentQrPng(LINK)).equals(png)).toBe(true);
    expect((await paymentQrPng(`${LINK}x`)).equals(png)).toBe(false);
  });

  it('is a block: refused in double braces, merged as an escaped img tag in HTML and as nothing in text', () => {
    expect(checkTemplate('Pay', '{{paymentQr}}')).toEqual([expect.objectContaining({ message: expect.stringContaining('is a block') })]);
    const template = { subject: 'Pay {{paymentLink}}', body: 'Scan to pay:\n\n{{{paymentQr}}}\n\nOr open {{paymentLink}}' };
    expect(checkTemplate(template.subject, template.body)).toEqual([]);
    const email = renderTemplate(template, { fields: { paymentLink: LINK }, blocks: { paymentQr: paymentQrBlock(LINK)! } });
    expect(email.html).toContain(`<img src="cid:${PAYMENT_QR_CID}" alt="QR code for the payment link" width="120" height="120" border="0">`);
    expect(email.html).toContain('&amp;ref&#x3D;a&quot;b"><img');
    expect(email.text).not.toMatch(/img|cid:/);
    expect(email.text).toBe(`Scan to pay:\n\nOr open ${LINK}\n`);
  });

  it('is left out when the link is too long for any QR code', () => {
    expect(paymentQrBlock(`https://pay.example.com/${'a'.repeat(2400)}`)).toBeNull();
  });

  it('is attached only when the HTML shows it, and a preview carries it as a data: URL', async () => {
    const html = paymentQrBlock(LINK)!.html;
    expect(paymentQrLinkOf('<p>no code here</p>', LINK)).toBeNull();
    expect(paymentQrLinkOf(html, LINK)).toBe(LINK);
    expect(await inlineImages('<p>no code here</p>', LINK)).toEqual([]);
    const images = await inlineImages(html, paymentQrLinkOf(html, LINK));
    expect(images).toEqual([{ cid: PAYMENT_QR_CID, filename: 'payment-qr.png', contentType: 'image/png', content: await paymentQrPng(LINK) }]);
    const preview = withDataUrls(html, images);
    expect(preview).not.toContain('cid:');
    expect(preview).toContain(`src="data:image/png;base64,${images[0]!.content.toString('base64')}"`);
  });
});
