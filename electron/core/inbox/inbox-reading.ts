import type { InboxReading } from '../../../shared/inbox';
import type { Classification } from './classify/classify-message';

/** What is stored of a classification: the facts and their evidence (not the parsed message). */
export function readingOf(c: Classification): InboxReading {
  return {
    evidence: c.evidence,
    bounce: c.bounce
      ? { recipient: c.bounce.recipient, status: c.bounce.status, permanent: c.bounce.permanent, delayed: c.bounce.delayed, diagnostic: c.bounce.diagnostic }
      : null,
    autoReply: c.autoReply,
    reply: c.reply,
    originalMessageId: c.originalMessageId,
    actions: [],
  };
}

const INTENT_WORDS = {
  paid: 'says paid',
  promise: 'promises to pay',
  dispute: 'disputes',
  copy: 'asks for a copy or statement',
  stop: 'asks to stop or to write elsewhere',
} as const;

/** The Inbox's one line about a message. */
export function summaryOf(kind: string, reading: InboxReading): string {
  if (kind === 'bounce' && reading.bounce) {
    const { bounce } = reading;
    const what = bounce.delayed ? 'delivery delayed' : bounce.permanent ? 'bounced' : 'bounced for now';
    return `${what}${bounce.status ? `: ${bounce.status}` : ''}${bounce.recipient ? ` for ${bounce.recipient}` : ''}`;
  }
  if (kind === 'auto_reply' && reading.autoReply) {
    const { autoReply } = reading;
    if (!autoReply.absence) return 'automatic answer';
    const stand = autoReply.alternative ? `; ask ${autoReply.alternative.name ?? autoReply.alternative.email}` : '';
    return `out of office${autoReply.returnDate ? ` until ${autoReply.returnDate}` : ''}${stand}`;
  }
  if (kind === 'reply' && reading.reply) {
    const { reply } = reading;
    return reply.intent ? `${INTENT_WORDS[reply.intent]}: “${reply.evidence ?? ''}”` : 'replied';
  }
  return kind === 'other' ? 'not an answer (newsletter, report or receipt)' : kind;
}
