import type { Migration } from './migration';

/**
 * Text messages share the outbox with email (one row each, the same statuses, idempotency key and
 * sender lock), told apart by `channel`; the provider's id and last delivery status are kept on the
 * row. A contact records consent to texts and an opt-out (a STOP reply or the provider's refusal);
 * a customer may have a time zone of its own for its sending hours. Inbound texts are kept once
 * each by the provider's id, so polling the same page twice records nothing twice.
 */
export const sms: Migration = {
  name: 'sms',
  up: (db) => {
    db.exec(`
      ALTER TABLE outbox_messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'));
      ALTER TABLE outbox_messages ADD COLUMN provider_id TEXT;
      ALTER TABLE outbox_messages ADD COLUMN delivery TEXT;
      ALTER TABLE outbox_messages ADD COLUMN segments INTEGER;
      CREATE INDEX outbox_messages_delivery ON outbox_messages(channel, delivery) WHERE provider_id IS NOT NULL;
      ALTER TABLE contacts ADD COLUMN sms_consent_at TEXT;
      ALTER TABLE contacts ADD COLUMN sms_consent_note TEXT;
      ALTER TABLE contacts ADD COLUMN sms_opted_out_at TEXT;
      ALTER TABLE customers ADD COLUMN time_zone TEXT;
      CREATE TABLE sms_inbound (
        id INTEGER PRIMARY KEY,
        provider_id TEXT NOT NULL UNIQUE,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL
      );
      CREATE INDEX sms_inbound_customer ON sms_inbound(customer_id, received_at);
    `);
  },
};
