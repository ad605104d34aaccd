import type { IsoDate } from '../../../shared/dates';
import { classifyMessage, type Classification, type MessageKind } from './classify/classify-message';
import { readMessage } from './mime/inbound-message';
import { MAX_MESSAGE_BYTES } from './read-limits';

/** `inbox classify`'s answer for one file: the documented shape, plus why a file was not read. */
export interface ClassifiedFile {
  file: string;
  kind: MessageKind;
  bounce: { recipient: string | null; status: string | null; permanent: boolean } | null;
  returnDate: IsoDate | null;
  originalMessageId: string | null;
  refused?: string;
}

/** Classifies one raw message without a database (support, tests); a message too big is refused, not read. */
export function classifyRaw(file: string, raw: Buffer, receivedOn: IsoDate): ClassifiedFile {
  if (raw.length > MAX_MESSAGE_BYTES) {
    return { file, kind: 'other', bounce: null, returnDate: null, originalMessageId: null, refused: `larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB` };
  }
  return summary(file, classifyMessage(readMessage(raw), receivedOn));
}

export function summary(file: string, c: Classification): ClassifiedFile {
  return {
    file,
    kind: c.kind,
    bounce: c.bounce ? { recipient: c.bounce.recipient, status: c.bounce.status, permanent: c.bounce.permanent } : null,
    returnDate: c.autoReply?.returnDate ?? null,
    originalMessageId: c.originalMessageId,
  };
}
