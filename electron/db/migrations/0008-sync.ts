import type { Migration } from './migration';

/**
 * ERP sync: one cursor per connector, written in the same transaction as the page it follows, so a
 * sync killed mid-way resumes after the last applied page; and the sync log the settings screen shows
 * (a failure streak is one row whose attempt count grows, never a row per retry). Numbered 0008 because
 * 0007 is taken by work on another branch.
 */
export const sync: Migration = {
  name: 'sync',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_cursors (
        connector TEXT PRIMARY KEY,
        cursor TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE sync_log (
        id INTEGER PRIMARY KEY,
        connector TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'offline')),
        message TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        counts TEXT,
        -- What the entry is about when it is one file of a watched folder (its content hash).
        ref TEXT
      );
      CREATE INDEX sync_log_recent ON sync_log(connector, id);
    `);
  },
};
