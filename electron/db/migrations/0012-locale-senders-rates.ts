import type { Migration } from './migration';

/**
 * Messages in the customer's language and locale, from one named sender, and exchange rates that are
 * dated instead of assumed:
 * - customers: `country` (ISO 3166 alpha-2, from the ERP or an import) and `locale` (a BCP 47 tag a
 *   collector set; NULL means "from the country");
 * - email_templates: one version per language, keyed by (id, language); the existing ones are English;
 * - outbox_messages: `from_name`, the person the message is signed by, so the From header says the
 *   same as the signature after a restart too;
 * - fx_rates: what one unit of a currency was worth in the base currency on a date, as the user keeps
 *   it. Rates saved before (one undated value each) carry the date they were last saved.
 */
export const localeSendersRates: Migration = {
  name: 'locale-senders-rates',
  up: (db) => {
    db.exec(`
      ALTER TABLE customers ADD COLUMN country TEXT;
      ALTER TABLE customers ADD COLUMN locale TEXT;

      CREATE TABLE email_templates_by_language (
        id TEXT NOT NULL,
        language TEXT NOT NULL,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        tone TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        built_in INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (id, language)
      );
      INSERT INTO email_templates_by_language (id, language, name, purpose, tone, subject, body, built_in, updated_at)
        SELECT id, 'en', name, purpose, tone, subject, body, built_in, updated_at FROM email_templates;
      DROP TABLE email_templates;
      ALTER TABLE email_templates_by_language RENAME TO email_templates;

      ALTER TABLE outbox_messages ADD COLUMN from_name TEXT;

      CREATE TABLE fx_rates (
        base TEXT NOT NULL,
        currency TEXT NOT NULL,
        rate_date TEXT NOT NULL,
        -- Base-currency units per unit of the currency: a ranking weight, never applied to money.
        rate REAL NOT NULL CHECK (rate > 0),
        PRIMARY KEY (base, currency, rate_date)
      );
    `);
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'fxRates'").get() as { value: string } | undefined;
    if (!stored) return;
    const base = (db.prepare("SELECT value FROM settings WHERE key = 'baseCurrency'").get() as { value: string } | undefined)?.value;
    const savedOn = (db.prepare("SELECT substr(max(at), 1, 10) AS day FROM audit_log WHERE action = 'setting.set' AND entity_id = 'fxRates'").get() as { day: string | null }).day;
    const insert = db.prepare('INSERT OR IGNORE INTO fx_rates (base, currency, rate_date, rate) VALUES (?, ?, ?, ?)');
    for (const [currency, rate] of Object.entries(JSON.parse(stored.value) as Record<string, unknown>)) {
      if (typeof rate === 'number' && rate > 0) insert.run(base ? (JSON.parse(base) as string) : 'USD', currency, savedOn ?? new Date().toISOString().slice(0, 10), rate);
    }
    db.prepare("DELETE FROM settings WHERE key = 'fxRates'").run();
  },
};
