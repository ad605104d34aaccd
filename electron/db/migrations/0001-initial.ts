import type { Migration } from './migration';

/**
 * The ledger (customers, contacts, invoices, payments, allocations, credits) mirrors the ERP and is
 * keyed by (source, external_id) so a re-import updates in place. Activities, settings and the audit
 * log are Inflow's own. Money columns are integer minor units; dates are 'YYYY-MM-DD' text.
 */
export const initial: Migration = {
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        terms_days INTEGER,
        credit_limit_minor INTEGER,
        segment TEXT,
        collector TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (source, external_id)
      );

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        role TEXT NOT NULL DEFAULT 'billing' CHECK (role IN ('billing', 'ap', 'primary', 'escalation')),
        is_primary INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'bounced', 'left')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX contacts_customer ON contacts(customer_id);

      CREATE TABLE invoices (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        number TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        open_minor INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'closed', 'void')),
        disputed INTEGER NOT NULL DEFAULT 0,
        closed_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (source, external_id)
      );
      CREATE INDEX invoices_customer ON invoices(customer_id);
      CREATE INDEX invoices_number ON invoices(source, number);
      CREATE INDEX invoices_aging ON invoices(issue_date, due_date, currency, customer_id, open_minor);

      CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        received_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        method TEXT,
        reference TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (source, external_id)
      );
      CREATE INDEX payments_customer ON payments(customer_id, received_date);

      CREATE TABLE credit_notes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        number TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('credit_note', 'unapplied_payment')),
        issue_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        open_minor INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (source, external_id)
      );
      CREATE INDEX credit_notes_customer ON credit_notes(customer_id);

      -- Every dated change of an invoice's balance. An invoice's balance as of D is its current open
      -- balance plus what was allocated to it after D; settlement before the first import is undated
      -- and so counts as before any date.
      CREATE TABLE allocations (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        payment_id INTEGER REFERENCES payments(id) ON DELETE CASCADE,
        credit_note_id INTEGER REFERENCES credit_notes(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'credit', 'erp_adjustment', 'snapshot_close')),
        applied_date TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX allocations_invoice ON allocations(invoice_id, applied_date);
      CREATE INDEX allocations_payment ON allocations(payment_id);

      CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        invoice_id INTEGER REFERENCES invoices(id) ON DELETE SET NULL,
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '{}',
        created_by TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX activities_customer ON activities(customer_id, occurred_at);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      );

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        preset TEXT NOT NULL,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        snapshot INTEGER NOT NULL,
        committed_at TEXT NOT NULL,
        summary TEXT NOT NULL
      );

      CREATE TABLE saved_mappings (
        name TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
