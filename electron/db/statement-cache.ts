import type { SqliteDb, SqliteStatement } from './sqlite';

const caches = new WeakMap<SqliteDb, Map<string, SqliteStatement>>();

/**
 * The statement for this SQL on this connection, prepared once. Hot paths (rendering and sending
 * 5,000 messages) run the same few queries thousands of times, and preparing one costs more than
 * running it. Only for statements run with get/all/run, never iterated (a cached statement is shared).
 */
export function prepareCached(sqlite: SqliteDb, sql: string): SqliteStatement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map<string, SqliteStatement>()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}
