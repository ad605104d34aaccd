import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/db/migrations';
import type { SqliteDb } from '../../electron/db/sqlite';

/**
 * One test per migration: the schema at N-1 with a row seeded, then step N, then what N did to the
 * schema and to that row. Plain in-memory SQLite (the steps are cipher-agnostic), each step in a
 * transaction with foreign keys on, as the opener runs them.
 */
function databaseAt(version: number): SqliteDb {
  const db: SqliteDb = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.slice(0, version)) db.transaction(() => migration.up(db))();
  return db;
}

function step(db: SqliteDb, version: number): void {
  db.transaction(() => MIGRATIONS[version - 1]!.up(db))();
}

/** Tables as "table", columns as "table.column", indexes as "index:name". */
function schema(db: SqliteDb): Set<string> {
  const entries = db.prepare("SELECT type, name, tbl_name AS tbl FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as {
    type: string;
    name: string;
    tbl: string;
  }[];
  const out = new Set<string>();
  for (const { type, name } of entries) {
    if (type === 'index') out.add(`index:${name}`);
    if (type !== 'table') continue;
    out.add(name);
    for (const column of db.pragma(`table_info(${name})`) as { name: string }[]) out.add(`${name}.${column.name}`);
  }
  return out;
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

/**
 * Inserts a row into `table` with every required column filled (a parent row seeded for each
 * foreign key), `values` taking precedence; returns its rowid.
 */
function seed(db: SqliteDb, table: string, values: Record<string, unknown> = {}): number {
  const row: Record<string, unknown> = {};
  const parents = db.pragma(`foreign_key_list(${table})`) as { table: string; from: string }[];
  for (const column of db.pragma(`table_info(${table})`) as ColumnInfo[]) {
    if (column.name in values) row[column.name] = values[column.name];
    else if (parents.some((p) => p.from === column.name) && column.notnull) row[column.name] = seed(db, parents.find((p) => p.from === column.name)!.table);
    else if (column.notnull && column.dflt_value === null && !(column.pk && /INT/i.test(column.type)))
      row[column.name] = /INT|REAL/i.test(column.type) ? 1 : `x-${table}-${column.name}`;
  }
  const names = Object.keys(row);
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return Number(db.prepare(sql).run(...names.map((name) => row[name])).lastInsertRowid);
}

const count = (db: SqliteDb, sql: string): number => (db.prepare(`SELECT count(*) AS n FROM ${sql}`).get() as { n: number }).n;

/** What each step adds to (and removes from) the schema, by number. */
const CHANGES: Record<number, { added: string[]; removed?: string[] }> = {
  1: {
    added: [
      'customers',
      'invoices',
      'payments',
      'credit_notes',
      'allocations',
      'activities',
      'settings',
      'audit_log',
      'import_batches',
      'saved_mappings',
      'index:invoices_aging',
    ],
  },
  2: { added: ['promises', 'disputes', 'payment_plans', 'plan_installments', 'snoozes', 'sync_outbox', 'index:activities_kind', 'index:invoices_open'] },
  3: { added: ['activities.edited_at', 'activities.deleted_at'] },
  4: { added: ['invoices.payment_url', 'invoices.in_transit_since', 'email_templates', 'ladder_policies', 'outbox_messages', 'discount_offers'] },
  5: { added: ['outbox_message_bodies.html', 'outbox_message_bodies.text'], removed: ['outbox_messages.html', 'outbox_messages.text'] },
  6: { added: ['outbox_messages.payment_qr_link'] },
  7: { added: ['invoices.billing', 'risk_models', 'customer_risk', 'forecast_runs', 'forecast_weeks'] },
  8: { added: ['sync_cursors', 'sync_log', 'index:sync_log_recent'] },
  9: { added: ['index:invoices_open_aging', 'index:allocations_applied', 'index:allocations_credit'] },
  10: { added: [], removed: ['index:invoices_customer'] },
  11: { added: [] },
  12: { added: ['customers.country', 'customers.locale', 'email_templates.language', 'outbox_messages.from_name', 'fx_rates'] },
  13: { added: ['outbox_guard_overrides', 'index:outbox_guard_overrides_message'] },
  14: { added: ['outbox_messages.sender'] },
  15: { added: ['outbox_messages.channel', 'outbox_messages.delivery', 'contacts.sms_consent_at', 'customers.time_zone', 'sms_inbound'] },
  16: { added: ['inbox_messages', 'inbox_cursors', 'inbox_sent_copies', 'index:outbox_messages_message_id', 'index:contacts_email'] },
  17: { added: ['reference_rates', 'charge_waivers', 'customers.postal_address'] },
  18: { added: ['email_templates.attach_statement', 'outbox_messages.attach_statement'] },
  19: { added: ['team_state', 'team_applied', 'team_records', 'index:team_records_local', 'team_waiting'] },
  20: { added: ['charge_pushes', 'index:charge_pushes_pending', 'index:charge_pushes_customer', 'charge_push_lines', 'index:charge_push_lines_invoice'] },
  21: { added: ['team_ledger_outbox', 'team_state.ledger_pushed_through', 'team_state.ledger_pulled_through'] },
  22: { added: ['team_requests', 'index:team_requests_open'] },
  23: { added: ['write_offs', 'index:write_offs_invoice', 'index:write_offs_customer'] },
  24: { added: ['index:invoices_settled'] },
  25: { added: ['allocations_early', 'allocations_early.allocation_id'] },
};

/** Steps that change data, not only shape: the row seeded before and what must hold after. */
const DATA: Record<number, { before: (db: SqliteDb) => void; after: (db: SqliteDb) => void }> = {
  5: {
    before: (db) => void seed(db, 'outbox_messages', { id: 7, status: 'sent', html: '<p>Hi</p>', text: 'Hi' }),
    after: (db) =>
      expect(db.prepare('SELECT message_id, html, text FROM outbox_message_bodies').all()).toEqual([{ message_id: 7, html: '<p>Hi</p>', text: 'Hi' }]),
  },
  11: {
    before: (db) => {
      const customer = seed(db, 'customers');
      seed(db, 'payments', { customer_id: customer, source: 'odoo', external_id: 'P-odoo' });
      seed(db, 'payments', { customer_id: customer, source: 'csv', external_id: 'P-csv' });
      seed(db, 'sync_cursors', { connector: 'odoo' });
    },
    after: (db) => {
      expect(db.prepare('SELECT source FROM payments').all()).toEqual([{ source: 'csv' }]);
      expect(count(db, "sync_cursors WHERE connector = 'odoo'")).toBe(0);
    },
  },
  12: {
    before: (db) => {
      seed(db, 'email_templates', { id: 'first-reminder', subject: 'Invoice {{invoice}}' });
      db.prepare("INSERT INTO settings (key, value) VALUES ('fxRates', ?), ('baseCurrency', ?)").run(
        JSON.stringify({ EUR: 1.1, BAD: -1 }),
        JSON.stringify('USD'),
      );
    },
    after: (db) => {
      expect(db.prepare('SELECT id, language, subject FROM email_templates').all()).toEqual([
        { id: 'first-reminder', language: 'en', subject: 'Invoice {{invoice}}' },
      ]);
      expect(db.prepare('SELECT base, currency, rate FROM fx_rates').all()).toEqual([{ base: 'USD', currency: 'EUR', rate: 1.1 }]);
      expect(count(db, "settings WHERE key = 'fxRates'")).toBe(0);
    },
  },
  18: {
    // A template and a message queued before the option existed attach nothing.
    before: (db) => {
      seed(db, 'email_templates', { id: 'first-reminder' });
      seed(db, 'outbox_messages', { id: 9, status: 'queued' });
    },
    after: (db) => {
      expect(db.prepare('SELECT attach_statement FROM email_templates').all()).toEqual([{ attach_statement: 0 }]);
      expect(db.prepare('SELECT attach_statement FROM outbox_messages').all()).toEqual([{ attach_statement: 0 }]);
    },
  },
  25: {
    // An advance payment's allocation (paid before its invoice was issued) is listed; an ordinary one is
    // not, until a later change makes it one; triggers keep the list as allocations are written.
    before: (db) => {
      const customer = seed(db, 'customers');
      const invoice = seed(db, 'invoices', { customer_id: customer, issue_date: '2026-10-10', due_date: '2026-11-10', status: 'paid' });
      const early = seed(db, 'payments', { customer_id: customer, external_id: 'P-ahead', received_date: '2026-10-03' });
      const onTime = seed(db, 'payments', { customer_id: customer, external_id: 'P-after', received_date: '2026-10-12' });
      seed(db, 'allocations', { id: 1, invoice_id: invoice, payment_id: early, kind: 'payment', applied_date: '2026-10-03' });
      seed(db, 'allocations', { id: 2, invoice_id: invoice, payment_id: onTime, kind: 'payment', applied_date: '2026-10-12' });
    },
    after: (db) => {
      const listed = () => (db.prepare('SELECT allocation_id AS id FROM allocations_early ORDER BY 1').all() as { id: number }[]).map((row) => row.id);
      expect(listed()).toEqual([1]);
      const { invoice_id: invoice, payment_id: early } = db.prepare('SELECT invoice_id, payment_id FROM allocations WHERE id = 1').get() as {
        invoice_id: number;
        payment_id: number;
      };
      // Matched later than received: ahead until its own date.
      seed(db, 'allocations', { id: 3, invoice_id: invoice, payment_id: early, kind: 'payment', applied_date: '2026-10-20' });
      expect(listed()).toEqual([1, 3]);
      // The invoice re-dated after the on-time payment came in.
      db.prepare("UPDATE invoices SET issue_date = '2026-10-15' WHERE id = ?").run(invoice);
      expect(listed()).toEqual([1, 2, 3]);
      db.prepare('DELETE FROM allocations WHERE id = 1').run();
      expect(listed()).toEqual([2, 3]);
    },
  },
};

describe('each migration on a database one step behind', () => {
  it('covers every migration', () => {
    expect(Object.keys(CHANGES).map(Number)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each(MIGRATIONS.map((migration, i) => [i + 1, migration.name] as const))('%i %s', (version) => {
    const db = databaseAt(version - 1);
    // A customer (from step 1 on) must come through every later step untouched.
    const customer = version > 1 ? seed(db, 'customers', { external_id: 'C-keep', name: 'Kept Ltd' }) : null;
    DATA[version]?.before(db);
    const before = schema(db);
    step(db, version);
    const after = schema(db);
    const { added, removed = [] } = CHANGES[version]!;
    for (const entry of added) expect(after.has(entry) && !before.has(entry), `${entry} added`).toBe(true);
    for (const entry of removed) expect(!after.has(entry) && before.has(entry), `${entry} removed`).toBe(true);
    if (customer !== null)
      expect(db.prepare('SELECT external_id, name FROM customers WHERE id = ?').get(customer)).toEqual({ external_id: 'C-keep', name: 'Kept Ltd' });
    DATA[version]?.after(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
