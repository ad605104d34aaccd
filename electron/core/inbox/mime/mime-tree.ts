import { decode as decodeQuotedPrintable } from 'libqp';
import { parseHeaderBlock, parseStructured, type HeaderFields } from './header-fields';

/** One node of a message's MIME structure, with its body already transfer-decoded. */
export interface MimePart {
  /** "1", "1.2", "1.2.1" … (the root is ""), the address an attachment is saved by. */
  path: string;
  headers: HeaderFields;
  /** Lower-cased, e.g. "text/plain"; "text/plain" when the part does not say. */
  type: string;
  params: Record<string, string>;
  disposition: string | null;
  filename: string | null;
  /** The decoded body of a leaf (empty for a multipart); a message/rfc822 part keeps its bytes too. */
  body: Buffer;
  /** A multipart's parts, or the one message a message/rfc822 part carries. */
  parts: MimePart[];
}

/** Bounds on what a hostile message can make the parser do; past them the rest is kept as plain bytes. */
export const MIME_LIMITS = { maxParts: 500, maxDepth: 20 };

const EMBEDDED = new Set(['message/rfc822', 'message/global']);

/**
 * Splits a raw message into its MIME tree. Lenient like a mail client, since what it reads was often
 * written by a mail server in trouble: a missing closing boundary ends at the end, a part without a
 * blank line after its headers has an empty body, a message with only CR line ends is read as if it
 * had LF. Works on a latin1 string, which maps bytes one to one, so binary parts survive.
 */
export function parseMime(raw: Buffer): MimePart {
  let text = raw.toString('latin1');
  if (!text.includes('\n') && text.includes('\r')) text = text.replace(/\r/g, '\n');
  const budget = { parts: 0 };
  return parseEntity(text, '', 0, budget);
}

function parseEntity(text: string, path: string, depth: number, budget: { parts: number }): MimePart {
  budget.parts += 1;
  const { head, body } = splitHead(text);
  const headers = parseHeaderBlock(Buffer.from(head, 'latin1').toString(isUtf8(head) ? 'utf8' : 'latin1'));
  const contentType = parseStructured(headers.raw('content-type'));
  const disposition = parseStructured(headers.raw('content-disposition'));
  const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(contentType.value) ? contentType.value : 'text/plain';
  const filename = disposition.params.filename ?? contentType.params.name ?? null;
  const part: MimePart = {
    path,
    headers,
    type,
    params: contentType.params,
    disposition: disposition.value || null,
    filename,
    body: Buffer.alloc(0),
    parts: [],
  };
  const room = depth < MIME_LIMITS.maxDepth && budget.parts < MIME_LIMITS.maxParts;
  const boundary = contentType.params.boundary;
  if (type.startsWith('multipart/') && boundary && room) {
    part.parts = splitMultipart(body, boundary).map((child, index) => parseEntity(child, childPath(path, index), depth + 1, budget));
    if (part.parts.length > 0) return part;
  }
  part.body = transferDecode(body, headers.raw('content-transfer-encoding'));
  if (EMBEDDED.has(type) && room) part.parts = [parseEntity(part.body.toString('latin1'), childPath(path, 0), depth + 1, budget)];
  return part;
}

function childPath(path: string, index: number): string {
  return path ? `${path}.${index + 1}` : String(index + 1);
}

function splitHead(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return /^[\x21-\x39\x3b-\x7e]+:/.test(text) ? { head: text, body: '' } : { head: '', body: text };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

/** The parts between boundary lines; the preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^--${escaped}(--)?[ \\t]*\\r?$`, 'gm');
  const parts: string[] = [];
  let start = -1;
  for (let match = line.exec(body); match; match = line.exec(body)) {
    if (start >= 0) parts.push(trimPartEnd(body.slice(start, match.index)));
    if (match[1]) return parts;
    start = match.index + match[0].length + (body[match.index + match[0].length] === '\n' ? 1 : 0);
    if (parts.length >= MIME_LIMITS.maxParts) return parts;
  }
  if (start >= 0 && start < body.length) parts.push(body.slice(start));
  return parts;
}

/** The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1). */
function trimPartEnd(part: string): string {
  return part.replace(/\r?\n$/, '');
}

function transferDecode(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(Buffer.from(body, 'latin1'));
    default:
      return Buffer.from(body, 'latin1');
  }
}

/** Whether latin1-read bytes are valid UTF-8 (headers written in raw UTF-8, RFC 6532). */
function isUtf8(latin1: string): boolean {
  if (!/[\x80-\xff]/.test(latin1)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
    return true;
  } catch {
    return false;
  }
}
