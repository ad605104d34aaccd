import type { Migration } from './migration';

/**
 * Which sender (one per process that drains the outbox) marked a message `sending`. Another process
 * opening the database (the CLI beside the app, the app after a crash) asks whether that sender is
 * still alive before calling the message uncertain, instead of assuming every `sending` row is its
 * own dead predecessor's.
 */
export const outboxSender: Migration = {
  name: 'outbox-sender',
  up: (db) => {
    db.exec('ALTER TABLE outbox_messages ADD COLUMN sender TEXT');
  },
};
