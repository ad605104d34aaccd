import type { Migration } from './migration';

/**
 * Outreach: editable email templates, the dunning policies, the outbox of messages with the invoices
 * each one covers, and per-invoice ladder state (a step is taken at most once per invoice). Payment
 * links from the ERP and payments announced but not yet applied ("in transit") live on the invoice.
 */
export const outreach: Migration = {
  name: 'outreach',
  up: (db) => {
    db.exec(`
      ALTER TABLE invoices ADD COLUMN payment_url TEXT;
      ALTER TABLE invoices ADD COLUMN in_transit_since TEXT;

      CREATE TABLE email_templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        tone TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        built_in INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE ladder_policies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        segments TEXT NOT NULL DEFAULT '[]',
        steps TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE outbox_messages (
        id INTEGER PRIMARY KEY,
        -- Customer + template or ladder step + invoice set: the same reminder can never be queued twice.
        idempotency_key TEXT NOT NULL UNIQUE,
        batch_id TEXT,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        template_id TEXT NOT NULL,
        ladder_step_id TEXT,
        to_address TEXT NOT NULL,
        from_address TEXT NOT NULL,
        reply_to TEXT,
        bcc TEXT,
        subject TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        message_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX outbox_messages_due ON outbox_messages(status, next_attempt_at);
      CREATE INDEX outbox_messages_customer ON outbox_messages(customer_id, created_at);
      CREATE INDEX outbox_messages_batch ON outbox_messages(batch_id);

      CREATE TABLE outbox_message_invoices (
        message_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        PRIMARY KEY (message_id, invoice_id)
      );

      CREATE TABLE ladder_invoice_steps (
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        policy_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('taken', 'skipped')),
        message_id INTEGER REFERENCES outbox_messages(id) ON DELETE SET NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (invoice_id, policy_id, step_id)
      );

      CREATE TABLE discount_offers (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
        currency TEXT NOT NULL,
        -- Hundredths of a percent (250 = 2.5 %), so the rate is exact.
        percent_bp INTEGER NOT NULL CHECK (percent_bp > 0 AND percent_bp < 10000),
        pay_by TEXT NOT NULL,
        offered_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE discount_offer_invoices (
        offer_id INTEGER NOT NULL REFERENCES discount_offers(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        PRIMARY KEY (offer_id, invoice_id)
      );
    `);
  },
};
