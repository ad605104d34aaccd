import { EMAIL_STYLES } from './email-styles';
import { withDataUrls, type InlineImage } from './inline-images';

/**
 * The HTML part as a page for the window's sandboxed preview frame: white paper like a mail client's
 * reading pane, inline images as data: URLs, and its own CSP allowing no image but those, so a
 * preview can never load anything remote (a tracking pixel) whatever the window's CSP allows.
 */
export function previewPage(html: string, images: readonly InlineImage[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="img-src data:"><meta name="color-scheme" content="light"></head>
<body style="${EMAIL_STYLES.previewPage}">${withDataUrls(html, images)}</body></html>`;
}
