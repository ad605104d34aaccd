import type { Migration } from './migration';

/**
 * The inbox: every message read from the collector's mailbox once (by folder + UIDVALIDITY + UID,
 * and by Message-ID across folders), with its reading and the customer it was matched to; the
 * cursor per folder, written in the same transaction as the messages it follows, so a fetch killed
 * mid-way resumes without losing or doubling one; and the sent copies still to append to the
 * account's Sent folder.
 */
export const inbox: Migration = {
  name: 'inbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE inbox_messages (
        id INTEGER PRIMARY KEY,
        folder TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        message_id TEXT,
        -- The Message-ID, or a hash of the bytes when it has none: the same message in two folders is one.
        dedupe_key TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        from_address TEXT,
        from_name TEXT,
        subject TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bounce', 'auto_reply', 'reply', 'other')),
        reading TEXT NOT NULL,
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        matched_by TEXT CHECK (matched_by IN ('thread', 'address', 'domain', 'invoice', 'assigned')),
        outbox_id INTEGER REFERENCES outbox_messages(id) ON DELETE SET NULL,
        -- An out-of-office answer: the day the ladder may speak to the customer again.
        resume_on TEXT,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
        handled_at TEXT,
        handled_action TEXT,
        size INTEGER NOT NULL,
        refused TEXT,
        raw BLOB,
        created_at TEXT NOT NULL,
        UNIQUE (folder, uidvalidity, uid)
      );
      CREATE INDEX inbox_messages_customer ON inbox_messages(customer_id, state, kind);
      CREATE INDEX inbox_messages_open ON inbox_messages(state, kind, received_at);

      CREATE TABLE inbox_cursors (
        folder TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE inbox_sent_copies (
        outbox_id INTEGER PRIMARY KEY REFERENCES outbox_messages(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'appended', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX inbox_sent_copies_pending ON inbox_sent_copies(state);

      -- Replies and bounces are matched to what Inflow sent by Message-ID.
      CREATE INDEX outbox_messages_message_id ON outbox_messages(message_id);
      -- And to contacts by their address.
      CREATE INDEX contacts_email ON contacts(lower(email));
    `);
  },
};
