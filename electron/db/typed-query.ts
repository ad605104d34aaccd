import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { DB } from './schema';
import type { SqliteDb } from './sqlite';
import { prepareCached } from './statement-cache';

/**
 * Kysely as a typed SQL builder only: a query is written against the generated schema (schema.ts, so
 * a column that does not exist or a wrong type fails the typecheck) and its result type comes from
 * the query, not from a cast. It runs on better-sqlite3's synchronous handle, as every core read does.
 */
export const query = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export function allRows<O>(sqlite: SqliteDb, built: Compilable<O>): O[] {
  const { sql, parameters } = built.compile();
  return prepareCached(sqlite, sql).all(...parameters) as O[];
}

export function firstRow<O>(sqlite: SqliteDb, built: Compilable<O>): O | undefined {
  const { sql, parameters } = built.compile();
  return prepareCached(sqlite, sql).get(...parameters) as O | undefined;
}
