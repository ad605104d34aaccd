import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { MailAttachment } from '../outbox/outbox-sender';
import { statementDocument } from './statements';

/** The open-items statement as of a day, as an email attachment (a reminder whose template asks for one). */
export async function statementAttachment(sqlite: SqliteDb, customerId: number, asOf: IsoDate): Promise<MailAttachment> {
  const file = await statementDocument(sqlite, { customerId, kind: 'open_items', asOf });
  return { filename: file.fileName, content: Buffer.from(file.base64, 'base64'), contentType: file.mimeType };
}
