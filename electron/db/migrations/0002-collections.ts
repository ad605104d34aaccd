import type { Migration } from './migration';

/**
 * Collection work, Inflow's own data: promises, disputes, payment plans, snoozes, and the sync
 * outbox that carries every local write to the ERP later (written in the same transaction).
 */
export const collections: Migration = {
  name: 'collections',
  up: (db) => {
    db.exec(`
      CREATE TABLE promises (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        promised_date TEXT NOT NULL,
        made_date TEXT NOT NULL,
        grace_days INTEGER NOT NULL DEFAULT 0,
        cancelled_date TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX promises_customer ON promises(customer_id, promised_date);
      CREATE TABLE promise_invoices (
        promise_id INTEGER NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        PRIMARY KEY (promise_id, invoice_id)
      );

      CREATE TABLE disputes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        reason_code TEXT NOT NULL CHECK (reason_code IN ('pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'po_missing', 'other')),
        owner TEXT,
        sla_days INTEGER NOT NULL,
        opened_date TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolved_date TEXT,
        resolution_note TEXT,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX disputes_customer ON disputes(customer_id, status);
      CREATE TABLE dispute_invoices (
        dispute_id INTEGER NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        PRIMARY KEY (dispute_id, invoice_id)
      );

      CREATE TABLE payment_plans (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        currency TEXT NOT NULL,
        start_date TEXT NOT NULL,
        grace_days INTEGER NOT NULL DEFAULT 0,
        cancelled_date TEXT,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX payment_plans_customer ON payment_plans(customer_id);
      CREATE TABLE plan_installments (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
        due_date TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0)
      );
      CREATE INDEX plan_installments_plan ON plan_installments(plan_id, due_date);
      CREATE TABLE plan_invoices (
        plan_id INTEGER NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        PRIMARY KEY (plan_id, invoice_id)
      );

      CREATE TABLE snoozes (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        until_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX sync_outbox_pending ON sync_outbox(sent_at, id);
      CREATE INDEX activities_kind ON activities(kind, occurred_at);
      -- The queue reads open balances and a year of invoicing per customer without touching the table.
      CREATE INDEX invoices_open ON invoices(customer_id, currency, due_date, open_minor) WHERE status = 'open';
      CREATE INDEX invoices_issued ON invoices(customer_id, currency, issue_date, amount_minor);
    `);
  },
};
