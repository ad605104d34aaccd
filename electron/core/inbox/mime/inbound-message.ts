import addressparser from 'nodemailer/lib/addressparser';
import { looksLikeAddress } from './addresses-in-text';
import { decodeWords, type HeaderFields } from './header-fields';
import { parseMime, type MimePart } from './mime-tree';
import { htmlToText, partText } from './part-text';

export interface MailAddress {
  name: string;
  address: string;
}

export interface AttachmentInfo {
  /** The MIME path it is saved by. */
  path: string;
  filename: string;
  type: string;
  size: number;
}

/** What the inbox reads of one message: its identity, its words and its parts, decoded once. */
export interface InboundMessage {
  tree: MimePart;
  headers: HeaderFields;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  /** The envelope sender: empty (`<>`) for bounces and most automatic answers. */
  returnPath: string | null;
  subject: string;
  /** When it was written (Date:), ISO; null when missing or unreadable. */
  date: string | null;
  /** The readable body: the first text/plain part outside attached messages, else the HTML as text. */
  text: string;
  /** The first text/html part outside attached messages, as written (never shown unsanitised). */
  html: string | null;
  attachments: AttachmentInfo[];
}

export function readMessage(raw: Buffer): InboundMessage {
  const tree = parseMime(raw);
  const { headers } = tree;
  const body = bodyParts(tree);
  const plain = body.find((part) => part.type === 'text/plain');
  const html = body.find((part) => part.type === 'text/html');
  const htmlText = html ? partText(html) : null;
  return {
    tree,
    headers,
    messageId: messageIds(headers.raw('message-id'))[0] ?? null,
    inReplyTo: messageIds(headers.raw('in-reply-to')),
    references: messageIds(headers.all('references').join(' ')),
    from: sender(headers.raw('from')),
    replyTo: addresses(headers.raw('reply-to'))[0] ?? null,
    to: [...addresses(headers.raw('to')), ...addresses(headers.raw('cc'))],
    returnPath: returnPath(headers.raw('return-path')),
    subject: headers.text('subject'),
    date: isoDate(headers.raw('date')),
    text: plain ? partText(plain) : htmlText ? htmlToText(htmlText) : '',
    html: htmlText,
    attachments: attachmentsOf(tree),
  };
}

/** Message-IDs in a header as written, angle brackets kept, at most 200 (a References header can be long). */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  return (value.match(/<[^<>\s]{1,998}>/g) ?? []).slice(0, 200);
}

export function addresses(value: string | undefined): MailAddress[] {
  return parsedAddresses(value).filter((entry) => entry.address !== '');
}

/**
 * A sender as written, even without a usable address: "MAILER-DAEMON <>" still names who wrote it.
 */
function sender(value: string | undefined): MailAddress | null {
  const [first] = parsedAddresses(value);
  return first && (first.address || first.name) ? first : null;
}

function parsedAddresses(value: string | undefined): MailAddress[] {
  if (!value) return [];
  try {
    return addressparser(decodeWords(value), { flatten: true }).map((entry) => ({
      name: entry.name,
      address: looksLikeAddress(entry.address) ? entry.address.toLowerCase() : '',
    }));
  } catch {
    return [];
  }
}

function returnPath(value: string | undefined): string | null {
  if (value === undefined) return null;
  const inside = /<([^>]*)>/.exec(value);
  return (inside ? inside[1]! : value).trim().toLowerCase();
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/\([^)]*\)/g, '').trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Text and HTML parts of the message itself, not of messages attached to it, nor attachments. */
function bodyParts(part: MimePart): MimePart[] {
  if (part.type === 'message/rfc822' || part.type === 'message/global') return [];
  // Both alternatives of a multipart/alternative: the plain one is read, the HTML one shown.
  if (part.parts.length > 0) return part.parts.flatMap(bodyParts);
  if (part.disposition === 'attachment') return [];
  return part.type === 'text/plain' || part.type === 'text/html' ? [part] : [];
}

function attachmentsOf(part: MimePart): AttachmentInfo[] {
  if (part.parts.length > 0 && !part.type.startsWith('message/')) return part.parts.flatMap(attachmentsOf);
  const named = part.filename !== null || part.disposition === 'attachment';
  const embedded = part.type.startsWith('message/') || part.type === 'text/rfc822-headers';
  if (!named && !embedded) return [];
  return [{ path: part.path, filename: part.filename ?? defaultName(part.type), type: part.type, size: part.body.length }];
}

function defaultName(type: string): string {
  if (type === 'message/rfc822' || type === 'message/global') return 'message.eml';
  if (type === 'message/delivery-status') return 'delivery-status.txt';
  return type === 'text/rfc822-headers' ? 'headers.txt' : 'attachment';
}
