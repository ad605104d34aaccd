import type { IsoDate } from '../../../../shared/dates';
import type { InboundMessage } from '../mime/inbound-message';
import { findAlternativeContact, type AlternativeContact } from './alternative-contact';
import { autoReplyEvidence, isAbsence, isAutoReply } from './auto-reply';
import { readBounce, type BounceFacts } from './bounce';
import { ownWords } from './quoted-text';
import { readReply, type ReplyReading } from './reply-intent';
import { findReturnDate } from './return-date';
import { noticeParts, returnedMessage } from './returned-message';

export const MESSAGE_KINDS = ['bounce', 'auto_reply', 'reply', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface AutoReplyFacts {
  /** An absence (out of office, holiday), not a receipt ("we got your message"). */
  absence: boolean;
  returnDate: IsoDate | null;
  /** The words the return date was read from. */
  returnEvidence: string | null;
  alternative: AlternativeContact | null;
}

/** What a message is, what it says, and the evidence for each reading. */
export interface Classification {
  kind: MessageKind;
  bounce: BounceFacts | null;
  autoReply: AutoReplyFacts | null;
  reply: ReplyReading | null;
  /** The Message-ID of the message it answers or returns, when it says. */
  originalMessageId: string | null;
  evidence: string[];
}

/** Report types that are neither a bounce nor an answer: spam complaints (ARF) and read receipts. */
const NOT_ANSWERS = /^(?:feedback-report|disposition-notification)$/i;
const NO_REPLY = /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|newsletter)@/i;

/**
 * Classifies one message: a bounce (delivery failure, permanent or temporary), an automatic answer
 * (out of office, with its return date and stand-in), a reply from a person (with a suggested
 * intent), or other mail (newsletters, spam complaints, read receipts, delivery confirmations).
 * Pure: the same bytes give the same answer, with or without a database.
 */
export function classifyMessage(message: InboundMessage, receivedOn: IsoDate): Classification {
  const notice = noticeParts(message);
  const returned = returnedMessage(message, notice);
  const sentOn = message.date ? message.date.slice(0, 10) : receivedOn;
  const base = { bounce: null, autoReply: null, reply: null, originalMessageId: returned.messageId };
  const reportType = message.tree.type === 'multipart/report' ? (message.tree.params['report-type'] ?? '') : '';
  if (NOT_ANSWERS.test(reportType)) return { ...base, kind: 'other', evidence: [`a ${reportType} report`] };
  const bounce = readBounce(message, notice, returned);
  if (bounce) return { ...base, kind: 'bounce', bounce: bounce.bounce, evidence: bounce.evidence };
  if (notice.reports.length > 0) return { ...base, kind: 'other', evidence: ['a delivery report without a failure (delivered or relayed)'] };
  const words = ownWords(message.text);
  const auto = autoReplyEvidence(message, words);
  if (isAutoReply(auto)) {
    const absence = isAbsence(message, words);
    const returnDate = absence ? findReturnDate(words, sentOn) : null;
    return {
      ...base,
      kind: 'auto_reply',
      autoReply: {
        absence,
        returnDate: returnDate?.date ?? null,
        returnEvidence: returnDate?.evidence ?? null,
        alternative: absence ? findAlternativeContact(words, message.from?.address ?? null) : null,
      },
      evidence: [...auto, ...(returnDate ? [`return date from "${returnDate.evidence}"`] : [])],
    };
  }
  const listMail =
    message.headers.has('list-id') || message.headers.has('list-unsubscribe') || /\b(?:bulk|list|junk)\b/i.test(message.headers.text('precedence'));
  if (listMail || NO_REPLY.test(message.from?.address ?? '')) {
    return { ...base, kind: 'other', evidence: [listMail ? 'mailing-list or bulk mail' : `sent from ${message.from?.address}`] };
  }
  const reply = readReply(words, sentOn);
  return {
    ...base,
    originalMessageId: message.inReplyTo[0] ?? base.originalMessageId,
    kind: 'reply',
    reply,
    evidence: reply.evidence ? [`says "${reply.evidence}"`] : [],
  };
}
