import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, withKeyedFile } from '../../electron/db/open';
import type { SqliteDb } from '../../electron/db/sqlite';

/**
 * Runs sorts too big for a small page cache, so SQLite spills them to temp files unless they stay in
 * memory (test/integration/temp-store.test.ts watches $SQLITE_TMPDIR meanwhile). `product`: on connections
 * the database layer opens; `bare`: on a keyed connection made by hand, to show the sort does spill.
 */
const [mode, dir] = process.argv.slice(2) as ['product' | 'bare', string];
const key = randomBytes(32);
const path = join(dir, 'inflow.db');
const ROWS = 40_000;

function sortBig(sqlite: SqliteDb): void {
  sqlite.pragma('cache_size = -256');
  const rows = sqlite.prepare('SELECT name FROM spill_probe ORDER BY name').all();
  if (rows.length !== ROWS) throw new Error(`sorted ${rows.length} rows`);
}

const database = openDatabase(path, key);
database.sqlite.exec('CREATE TABLE spill_probe (name TEXT NOT NULL)');
const insert = database.sqlite.prepare('INSERT INTO spill_probe (name) VALUES (?)');
database.sqlite.transaction(() => {
  for (let n = 0; n < ROWS; n++) insert.run(`Customer ${(n * 7919) % ROWS} Zanzibar Widgets ${'x'.repeat(100)}`);
})();
if (mode === 'product') {
  sortBig(database.sqlite);
  await database.close();
  withKeyedFile(path, key, { readonly: true }, sortBig);
} else {
  await database.close();
  const bare = new Database(path, { fileMustExist: true });
  bare.pragma("cipher='sqlcipher'");
  bare.pragma('legacy=4');
  bare.pragma(`key="x'${key.toString('hex')}'"`);
  sortBig(bare);
  bare.close();
}
console.log('sorted');
