import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The synchronous driver handle; kysely wraps the same handle for typed queries. */
export type SqliteDb = BetterSqlite3.Database;
