import { parseHeaderBlock, type HeaderFields } from '../mime/header-fields';
import { addresses, messageIds, type InboundMessage } from '../mime/inbound-message';
import type { MimePart } from '../mime/mime-tree';
import { partText } from '../mime/part-text';

/** What a bounce (or an automatic answer) carries of the message it answers. */
export interface ReturnedMessage {
  messageId: string | null;
  /** Its To and Cc: who it was sent to, the likely failed recipients. */
  recipients: string[];
  from: string | null;
}

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const HEADER_TYPES = new Set(['text/rfc822-headers', 'text/rfc822-header']);
const EMBEDDED_TYPES = new Set(['message/rfc822', 'message/global']);

/** Lines servers put between their notice and the message they return (many MTAs, several languages). */
export const RETURNED_MARKER = new RegExp(
  [
    String.raw`^[\s>]*[-=*_#]{2,}.{0,20}(?:original message|returned message|unsent message|undelivered message|rejected message|message (?:header|text) follows|copy of (?:the|your) message|below this line|header of (?:the )?original|original (?:message )?headers?|original message follows|the message follows|message is attached)`,
    String.raw`^[\s>]*(?:-{3,} )?(?:below this line is a copy of the message|this is a copy of (?:the|your) message|original message (?:headers|follows)|the original message (?:headers? )?(?:was|is|are|follow)|a copy of the original message|------ this is a copy)`,
    String.raw`^[\s>]*[-=]{2,}\s*(?:ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht)`,
  ].join('|'),
  'im',
);

/** The bounce's own text parts and its delivery reports, apart from anything it attached. */
export interface NoticeParts {
  /** The notice in words: text parts of the message itself (HTML as text when it has no plain part). */
  words: string;
  /** Bodies of message/delivery-status parts. */
  reports: string[];
  /** Header blocks of returned messages: attached message/rfc822 parts or text/rfc822-headers. */
  returnedHeaders: HeaderFields[];
}

export function noticeParts(message: InboundMessage): NoticeParts {
  const reports: string[] = [];
  const returnedHeaders: HeaderFields[] = [];
  const visit = (part: MimePart, top: boolean): void => {
    if (REPORT_TYPES.has(part.type)) reports.push(partText(part));
    else if (HEADER_TYPES.has(part.type)) returnedHeaders.push(parseHeaderBlock(partText(part)));
    else if (EMBEDDED_TYPES.has(part.type) && !top) {
      if (part.parts[0]) returnedHeaders.push(part.parts[0].headers);
      return;
    }
    for (const child of part.parts) visit(child, false);
  };
  visit(message.tree, true);
  return { words: message.text, reports, returnedHeaders };
}

/** The notice's words before the message it returns, if it returns one inline. */
export function beforeReturned(words: string): string {
  const marker = RETURNED_MARKER.exec(words);
  const inlineHeaders = /^(?:Return-Path|Received|Message-I[Dd]|X-[\w-]+|DKIM-Signature):[ \t]/m.exec(words);
  const cut = Math.min(marker?.index ?? words.length, inlineHeaders?.index ?? words.length);
  return words.slice(0, cut);
}

/**
 * The returned message's identity: from an attached message or header part, else from header
 * lines quoted in the notice, else from the bounce's own In-Reply-To/References (Gmail and
 * Exchange thread their notices under the original).
 */
export function returnedMessage(message: InboundMessage, notice: NoticeParts): ReturnedMessage {
  for (const headers of notice.returnedHeaders) {
    const messageId = messageIds(headers.raw('message-id'))[0] ?? null;
    const recipients = [...addresses(headers.raw('to')), ...addresses(headers.raw('cc'))].map((a) => a.address);
    if (messageId || recipients.length > 0) return { messageId, recipients, from: addresses(headers.raw('from'))[0]?.address ?? null };
  }
  const quoted = notice.words.slice(beforeReturned(notice.words).length);
  const quotedId = /^\s*Message-I[Dd]:\s*(<[^<>\s]+>)/im.exec(quoted)?.[1] ?? /^\s*Message-I[Dd]:\s*(<[^<>\s]+>)/im.exec(notice.words)?.[1];
  const quotedTo = /^\s*To:\s*(.+)$/im.exec(quoted)?.[1];
  const quotedFrom = /^\s*From:\s*(.+)$/im.exec(quoted)?.[1];
  const own = message.messageId;
  const threaded = [...message.inReplyTo, ...message.references].find((id) => id !== own) ?? null;
  return {
    messageId: quotedId && quotedId !== own ? quotedId : threaded,
    recipients: addresses(quotedTo).map((a) => a.address),
    from: addresses(quotedFrom)[0]?.address ?? null,
  };
}
