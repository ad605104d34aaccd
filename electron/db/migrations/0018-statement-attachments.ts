import type { Migration } from './migration';

/**
 * A statement of account attached to reminders (issue 23): a template says whether its emails carry
 * one, and each queued message keeps what its template said then, so an edit to the template never
 * changes a message already in the outbox. The PDF itself is made when the message goes, from the
 * book as it stands then, and never stored.
 */
export const statementAttachments: Migration = {
  name: 'statement-attachments',
  up: (db) => {
    db.exec(`
      ALTER TABLE email_templates ADD COLUMN attach_statement INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox_messages ADD COLUMN attach_statement INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
