import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../../shared/errors';
import type { InboxMessageView } from '../../../shared/inbox';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { EMAIL_STYLES } from '../mail/email-styles';
import { inboxItem } from './inbox-list';
import { readMessage } from './mime/inbound-message';
import type { MimePart } from './mime/mime-tree';

/**
 * HTML mail as a page for the window's sandboxed frame (no scripts run there either way): only
 * formatting tags and attributes survive, links lose their targets' power (no javascript:, opened
 * nowhere), images only from the message itself (cid:, turned into data: URLs) and never from the
 * network (a tracking pixel would tell the sender the collector read it), no inline styles (the frame
 * inherits the window's CSP, which allows only Inflow's own), and the page carries a CSP that forbids
 * everything else.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'div'],
  allowedAttributes: {
    // No style attributes: the frame inherits the window's CSP, which allows only Inflow's own inline styles.
    '*': ['align', 'valign', 'width', 'height', 'bgcolor', 'color', 'colspan', 'rowspan', 'cellpadding', 'cellspacing', 'border'],
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    font: ['face', 'size', 'color'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose source was remote (or missing) is dropped whole, not left as an empty box.
  exclusiveFilter: (frame) => frame.tag === 'img' && !(frame.attribs.src ?? '').startsWith('data:'),
};
/** Styles: only the page's own body style survives, since the window's inherited policy admits it alone. */
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const PREVIEW_HTML_LIMIT = 2 * 1024 * 1024;

export function messageView(sqlite: SqliteDb, id: number): InboxMessageView {
  const item = inboxItem(sqlite, id);
  const row = sqlite.prepare('SELECT raw FROM inbox_messages WHERE id = ?').get(id) as ColumnsRow<'inbox_messages', 'raw'> | undefined;
  if (!item || !row) throw new AppError('NOT_FOUND', `No message ${id} in the Inbox.`);
  const message = readMessage(row.raw ?? Buffer.alloc(0));
  const images = new Map(
    partsOf(message.tree)
      .filter((p) => p.headers.raw('content-id') && p.type.startsWith('image/'))
      .map((p) => [p.headers.raw('content-id')!.replace(/[<>\s]/g, ''), `data:${p.type};base64,${p.body.toString('base64')}`]),
  );
  const html = message.html ? previewPage(message.html.slice(0, PREVIEW_HTML_LIMIT), images) : null;
  return {
    item,
    to: message.to.map((a) => a.address).join(', '),
    previewHtml: html,
    text: message.text.slice(0, 200_000),
    attachments: message.attachments,
  };
}

export function previewPage(html: string, images: ReadonlyMap<string, string>): string {
  const withImages = html.replace(/(<img[^>]+src\s*=\s*["']?)cid:([^"'\s>]+)/gi, (whole, prefix: string, cid: string) => {
    const data = images.get(cid);
    return data ? `${prefix}${data}` : whole;
  });
  const clean = sanitizeHtml(withImages, ALLOWED);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><meta name="color-scheme" content="light"></head>
<body style="${EMAIL_STYLES.previewPage}">${clean}</body></html>`;
}

/** An attachment's bytes, saved on demand: the collector picks it from the list. */
export function attachmentOf(sqlite: SqliteDb, id: number, path: string): { filename: string; type: string; base64: string } {
  const row = sqlite.prepare('SELECT raw FROM inbox_messages WHERE id = ?').get(id) as ColumnsRow<'inbox_messages', 'raw'> | undefined;
  if (!row?.raw) throw new AppError('NOT_FOUND', `No message ${id} in the Inbox.`);
  const message = readMessage(row.raw);
  const info = message.attachments.find((a) => a.path === path);
  const part = info ? partsOf(message.tree).find((p) => p.path === path) : undefined;
  if (!info || !part) throw new AppError('NOT_FOUND', `Message ${id} has no attachment ${path}.`);
  // The file name as the sender wrote it can hold anything: only its last segment, without control characters.
  const filename = info.filename.replace(/[\u0000-\u001f\u007f/\\]+/g, '_').slice(-200) || 'attachment';
  return { filename, type: info.type, base64: part.body.toString('base64') };
}

function partsOf(part: MimePart): MimePart[] {
  return [part, ...part.parts.flatMap(partsOf)];
}
