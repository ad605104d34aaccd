import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** The synchronous driver handle; kysely wraps the same handle for typed queries. */
export type SqliteDb = BetterSqlite3.Database;

/** A prepared statement of that handle. */
export type SqliteStatement = BetterSqlite3.Statement<unknown[]>;
