import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../../electron/db/open';

export interface DatabaseState {
  /** sha256 of every row of every table, in rowid (or primary key) order: two databases with equal checksums hold the same data. */
  checksum: string;
  tables: Record<string, string>;
  integrity: string;
  userVersion: number;
}

/** Reads a closed (or WAL-shared) database's full contents, read-only, under its key. */
export function databaseState(path: string, key: Buffer, skip: readonly string[] = []): DatabaseState {
  const sqlite = new Database(path, { fileMustExist: true, readonly: true });
  try {
    applyKey(sqlite, key);
    const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
      .map((row) => row.name)
      .filter((name) => !skip.includes(name));
    // A WITHOUT ROWID table has no rowid: its primary key orders it instead.
    const orderOf = (name: string): string => {
      const { sql } = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string };
      if (!/WITHOUT\s+ROWID/i.test(sql)) return 'rowid';
      return (sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(name) as { name: string }[])
        .map((column) => `"${column.name}"`)
        .join(', ');
    };
    const tables: Record<string, string> = {};
    const all = createHash('sha256');
    for (const name of names) {
      const hash = createHash('sha256');
      for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY ${orderOf(name)}`).iterate()) hash.update(JSON.stringify(row));
      tables[name] = hash.digest('hex');
      all.update(`${name}:${tables[name]}\n`);
    }
    return {
      checksum: all.digest('hex'),
      tables,
      integrity: sqlite.pragma('integrity_check', { simple: true }) as string,
      userVersion: sqlite.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    sqlite.close();
  }
}
