import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupIfDue, listBackups } from '../../electron/db/backup';
import { MIGRATIONS } from '../../electron/db/migrations';
import type { Migration } from '../../electron/db/migrations/migration';
import { INFLOW_APPLICATION_ID, openDatabase } from '../../electron/db/open';
import { AppError } from '../../shared/errors';

let dir: string;
let path: string;
const key = randomBytes(32);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-db-'));
  path = join(dir, 'inflow.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function snapshot(file: string) {
  return { bytes: readFileSync(file), mtime: statSync(file).mtimeMs, siblings: readdirSync(dir).sort() };
}

function expectOpenError(run: () => unknown, code: string, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).message).not.toContain('\n');
    return;
  }
  throw new Error('expected the open to fail');
}

async function createWithCustomer(name: string) {
  const db = openDatabase(path, key);
  db.sqlite.prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', ?, 'USD', 'x', 'x')`).run(name);
  await db.close();
}

describe('encryption at rest', () => {
  it('has no SQLite header and no customer name in clear, in the file or its WAL', async () => {
    const db = openDatabase(path, key);
    db.sqlite
      .prepare(
        `INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Zanzibar Widgets Unlimited', 'USD', 'x', 'x')`,
      )
      .run();
    // Before close the row may sit only in the WAL: that file must be encrypted too.
    for (const file of [path, `${path}-wal`].filter(existsSync)) {
      expect(readFileSync(file).includes('Zanzibar Widgets')).toBe(false);
    }
    await db.close();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes('Zanzibar Widgets')).toBe(false);
    expect(bytes.includes('customers')).toBe(false);
  });

  it('uses WAL, foreign keys and the SQLCipher 4 format', async () => {
    const db = openDatabase(path, key);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(INFLOW_APPLICATION_ID);
    await db.close();
    // A plain SQLCipher client opens it with the same key and settings.
    const other = new Database(path);
    other.pragma("cipher='sqlcipher'");
    other.pragma('legacy=4');
    other.pragma(`key="x'${key.toString('hex')}'"`);
    expect(other.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    other.close();
  });
});

describe('refusing to open', () => {
  it('a wrong key: one clear line, file untouched', async () => {
    await createWithCustomer('Acme');
    const before = snapshot(path);
    expectOpenError(() => openDatabase(path, randomBytes(32)), 'DB_WRONG_KEY', /cannot be opened with this key/);
    const after = snapshot(path);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtime).toBe(before.mtime);
    expect(after.siblings).toEqual(before.siblings);
  });

  it('an unencrypted SQLite file', () => {
    const plain = new Database(path);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    const before = snapshot(path);
    expectOpenError(() => openDatabase(path, key), 'DB_CANNOT_OPEN', /unencrypted SQLite file, not an Inflow database/);
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });

  it('a file that is not a database at all', () => {
    writeFileSync(path, randomBytes(8192));
    const before = snapshot(path);
    expectOpenError(() => openDatabase(path, key), 'DB_CANNOT_OPEN', /cannot be opened/);
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });

  it('an encrypted database of another application', () => {
    const foreign = new Database(path);
    foreign.pragma("cipher='sqlcipher'");
    foreign.pragma('legacy=4');
    foreign.pragma(`key="x'${key.toString('hex')}'"`);
    foreign.exec('CREATE TABLE notes (x)');
    foreign.close();
    const before = snapshot(path);
    expectOpenError(() => openDatabase(path, key), 'DB_CANNOT_OPEN', /not an Inflow database/);
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });

  it('a database from a newer Inflow', async () => {
    await openDatabase(path, key).close();
    const future = [...MIGRATIONS, { name: 'future', up: (db) => db.exec('CREATE TABLE future (x)') } satisfies Migration];
    await openDatabase(path, key, future).close();
    const before = snapshot(path);
    expectOpenError(
      () => openDatabase(path, key),
      'DB_TOO_NEW',
      new RegExp(`newer Inflow \\(schema ${MIGRATIONS.length + 1}, this version knows ${MIGRATIONS.length}\\)`),
    );
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });
});

describe('migrations', () => {
  it('track the schema in user_version', async () => {
    const db = openDatabase(path, key);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.migrationBackup).toBeNull();
    await db.close();
  });

  it('back up the database before migrating an existing one, and the copy opens with the same key', async () => {
    await createWithCustomer('Backup Brothers');
    const next = [...MIGRATIONS, { name: 'add-notes', up: (db) => db.exec('ALTER TABLE customers ADD COLUMN notes TEXT') } satisfies Migration];
    const db = openDatabase(path, key, next);
    expect(db.migrationBackup).not.toBeNull();
    expect(listBackups(path)).toEqual([db.migrationBackup]);
    await db.close();
    const copy = openDatabase(db.migrationBackup!, key);
    expect(copy.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(copy.sqlite.prepare('SELECT name FROM customers').get()).toEqual({ name: 'Backup Brothers' });
    await copy.close();
  });

  it('upgrade a version-1 database to the latest and keep its data', async () => {
    const v1 = openDatabase(path, key, MIGRATIONS.slice(0, 1));
    v1.sqlite
      .prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Old Timer', 'USD', 'x', 'x')`)
      .run();
    await v1.close();
    const db = openDatabase(path, key);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.migrationBackup).not.toBeNull();
    expect(db.sqlite.prepare('SELECT name FROM customers').get()).toEqual({ name: 'Old Timer' });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('promises', 'disputes', 'snoozes', 'sync_outbox')").get()).toEqual({
      n: 4,
    });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('activities') WHERE name IN ('edited_at', 'deleted_at')").get()).toEqual({ n: 2 });
    await db.close();
  });

  it('0005 moves message bodies out of the outbox rows, and widens the open-invoices index so the ladder reads it alone', async () => {
    const v4 = openDatabase(path, key, MIGRATIONS.slice(0, 4));
    v4.sqlite
      .prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Queued Early', 'USD', 'x', 'x')`)
      .run();
    v4.sqlite
      .prepare(
        `INSERT INTO outbox_messages (idempotency_key, customer_id, template_id, to_address, from_address, subject, html, text, status, next_attempt_at, message_id, created_at, updated_at)
      VALUES ('k', 1, 'first-reminder', 'a@b.example', 'c@d.example', 's', '<p>h</p>', 't', 'queued', 'x', '<m@d.example>', 'x', 'x')`,
      )
      .run();
    await v4.close();
    const db = openDatabase(path, key);
    expect(db.sqlite.prepare('SELECT m.subject, b.html, b.text FROM outbox_messages m JOIN outbox_message_bodies b ON b.message_id = m.id').all()).toEqual([
      { subject: 's', html: '<p>h</p>', text: 't' },
    ]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('outbox_messages') WHERE name IN ('html', 'text')").get()).toEqual({ n: 0 });
    expect((db.sqlite.prepare("SELECT name FROM pragma_index_info('invoices_open')").all() as { name: string }[]).map((c) => c.name)).toEqual([
      'customer_id',
      'currency',
      'due_date',
      'open_minor',
      'number',
      'in_transit_since',
      'disputed',
    ]);
    const plan = db.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, customer_id, number, due_date, currency, open_minor, status, in_transit_since, disputed
      FROM invoices WHERE status = 'open' AND open_minor > 0`,
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual(['SCAN invoices USING COVERING INDEX invoices_open']);
    await db.close();
  });

  it('0006 gives outbox messages a payment QR link, empty for messages queued before it', async () => {
    const v5 = openDatabase(path, key, MIGRATIONS.slice(0, 5));
    v5.sqlite
      .prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Queued Early', 'USD', 'x', 'x')`)
      .run();
    v5.sqlite
      .prepare(
        `INSERT INTO outbox_messages (idempotency_key, customer_id, template_id, to_address, from_address, subject, status, next_attempt_at, message_id, created_at, updated_at)
      VALUES ('k', 1, 'first-reminder', 'a@b.example', 'c@d.example', 's', 'queued', 'x', '<m@d.example>', 'x', 'x')`,
      )
      .run();
    await v5.close();
    const db = openDatabase(path, key);
    expect(db.sqlite.prepare('SELECT subject, payment_qr_link AS link FROM outbox_messages').get()).toEqual({ subject: 's', link: null });
    await db.close();
  });

  it('0007 adds the risk model, customer scores and forecast runs, empty until trained', async () => {
    await openDatabase(path, key, MIGRATIONS.slice(0, 6)).close();
    const db = openDatabase(path, key);
    for (const table of ['risk_models', 'customer_risk', 'forecast_runs', 'forecast_weeks']) {
      expect(db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    expect(() =>
      db.sqlite
        .prepare(
          "INSERT INTO customer_risk (customer_id, model_id, p_late, expected_days_late, segment, reasons, advice) VALUES (1, 1, 0.5, 3, 'shaky', '[]', '[]')",
        )
        .run(),
    ).toThrow();
    await db.close();
  });

  it('0012 keys templates by language (old ones English), dates the saved exchange rates, and adds locale and sender columns', async () => {
    const before = MIGRATIONS.findIndex((m) => m.name === 'locale-senders-rates');
    const old = openDatabase(path, key, MIGRATIONS.slice(0, before));
    old.sqlite
      .prepare(
        "INSERT INTO email_templates (id, name, purpose, tone, subject, body, built_in, updated_at) VALUES ('first-reminder', 'Mine', 'reminder', 'friendly', 's', 'b', 0, 'x')",
      )
      .run();
    old.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('baseCurrency', '"EUR"'), ('fxRates', '{"USD":0.92,"GBP":1.17}')`).run();
    old.sqlite
      .prepare(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES ('2026-10-03T09:00:00.000Z', 'user', 'setting.set', 'setting', 'fxRates', '{}')",
      )
      .run();
    await old.close();
    const db = openDatabase(path, key);
    expect(db.sqlite.prepare('SELECT id, language, name FROM email_templates').all()).toEqual([{ id: 'first-reminder', language: 'en', name: 'Mine' }]);
    expect(db.sqlite.prepare('SELECT base, currency, rate_date AS date, rate FROM fx_rates ORDER BY currency').all()).toEqual([
      { base: 'EUR', currency: 'GBP', date: '2026-10-03', rate: 1.17 },
      { base: 'EUR', currency: 'USD', date: '2026-10-03', rate: 0.92 },
    ]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key = 'fxRates'").get()).toEqual({ n: 0 });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('customers') WHERE name IN ('country', 'locale')").get()).toEqual({ n: 2 });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('outbox_messages') WHERE name = 'from_name'").get()).toEqual({ n: 1 });
    await db.close();
  });

  it('keep a rolling daily backup of an existing database', async () => {
    await createWithCustomer('Daily Doubles');
    await openDatabase(path, key).close();
    expect(listBackups(path)).toHaveLength(1);
    await openDatabase(path, key).close();
    expect(listBackups(path)).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 86_400_000 + 1000);
    const db = openDatabase(path, key);
    expect(backupIfDue(db.sqlite, path, tomorrow)).not.toBeNull();
    await db.close();
    expect(listBackups(path)).toHaveLength(2);
  });

  it('run each step in one transaction: a failing step leaves the previous version intact', async () => {
    await createWithCustomer('Atomic Ltd');
    const broken = [
      ...MIGRATIONS,
      {
        name: 'half-done',
        up: (db) => {
          db.exec('ALTER TABLE customers ADD COLUMN half TEXT');
          throw new Error('boom');
        },
      } satisfies Migration,
    ];
    expect(() => openDatabase(path, key, broken)).toThrow('boom');
    const db = openDatabase(path, key);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const columns = db.sqlite.prepare('PRAGMA table_info(customers)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('half');
    await db.close();
  });
});
