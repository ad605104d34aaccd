import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';

/*
 * One part of a team snapshot (format 2): a table's rows as the column names and every value in one
 * flat array, row after row, as JSON text, gzipped. JSON arrays of plain values parse far faster
 * than an object per row (no keys repeated a million times), and the gzip (in the thread pool,
 * while the desk writes the previous part) makes a 1M-invoice book a few tens of MB on the wire.
 */

/** The snapshot format this build writes: 1 was a JSON object per row (still loaded). */
export const SNAPSHOT_FORMAT = 2;

export interface PartRows {
  columns: string[];
  /** Row after row, `columns.length` values each. */
  values: unknown[];
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The part's JSON text: made inside the reading transaction (strings only, so nothing changes under it). */
export const partText = (rows: PartRows): string => JSON.stringify(rows);

/** What the server stores: speed over size (the first level already shrinks a part several times). */
export const packPart = (text: string): Promise<Buffer> => gzipAsync(text, { level: constants.Z_BEST_SPEED });

/** A stored part back as rows; one that is not gzipped JSON of this shape fails the load in words (nothing is kept of it). */
export async function unpackPart(data: Buffer): Promise<PartRows> {
  let parsed: PartRows;
  try {
    parsed = JSON.parse((await gunzipAsync(data)).toString('utf8')) as PartRows;
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  if (!Array.isArray(parsed.columns) || !Array.isArray(parsed.values) || parsed.values.length % Math.max(1, parsed.columns.length) !== 0) {
    throw unreadable('a part is not in the shape this Inflow writes');
  }
  return parsed;
}

const unreadable = (why: string): AppError =>
  new AppError('CONFLICT', `The team's snapshot on the server could not be read (${why}); nothing of it was loaded on this desk.`);

/** A table's rows in parts of `partRows`, in rowid order, read as plain arrays (the driver's raw mode: no object per row). */
export function* tableParts(sqlite: SqliteDb, table: string, partRows: number): Generator<PartRows> {
  const read = sqlite.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${partRows}`).raw(true);
  const columns = read
    .columns()
    .map((column) => column.name)
    .slice(1);
  for (let after = 0; ;) {
    const chunk = read.all(after) as unknown[][];
    if (chunk.length === 0) return;
    after = Number(chunk[chunk.length - 1]![0]);
    const values: unknown[] = [];
    for (const row of chunk) for (let at = 1; at < row.length; at++) values.push(row[at]);
    yield { columns, values };
  }
}

/** Rows as objects (the shared tables, filtered in JS first) in parts of `partRows`. */
export function objectParts(rows: readonly Record<string, unknown>[], partRows: number): PartRows[] {
  const columns = Object.keys(rows[0] ?? {});
  const parts: PartRows[] = [];
  for (let at = 0; at < rows.length; at += partRows) {
    const values: unknown[] = [];
    for (const row of rows.slice(at, at + partRows)) for (const column of columns) values.push(row[column] ?? null);
    parts.push({ columns, values });
  }
  return parts;
}

/** Values bound per INSERT: many rows to a statement, as the ledger's bulk writes do (row-buffer.ts). */
const VALUES_PER_STATEMENT = 1000;

/**
 * Inserts a part's rows, only the columns this desk's schema has (`known`), many rows to a
 * statement. `set` overrides a column's value in every row (a foreign key the loader remapped).
 */
export function insertPart(sqlite: SqliteDb, table: string, known: ReadonlySet<string>, part: PartRows, set: Record<string, unknown> = {}): void {
  const width = part.columns.length;
  const keep = part.columns.flatMap((column, index) => (known.has(column) ? [index] : []));
  if (keep.length === 0 || part.values.length === 0) return;
  let values = part.values;
  if (keep.length < width) {
    values = [];
    for (let row = 0; row < part.values.length; row += width) for (const index of keep) values.push(part.values[row + index]);
  }
  const columns = keep.map((index) => part.columns[index]!);
  for (const [column, value] of Object.entries(set)) {
    const index = columns.indexOf(column);
    if (index < 0) continue;
    if (values === part.values) values = values.slice();
    for (let at = index; at < values.length; at += columns.length) values[at] = value;
  }
  const rowsPer = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
  const rowSql = `(${columns.map(() => '?').join(', ')})`;
  const insertSql = (rows: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => rowSql).join(', ')}`;
  const step = rowsPer * columns.length;
  let at = 0;
  if (values.length >= step) {
    const many = sqlite.prepare(insertSql(rowsPer));
    for (; at + step <= values.length; at += step) many.run(values.slice(at, at + step));
  }
  if (at < values.length) sqlite.prepare(insertSql((values.length - at) / columns.length)).run(values.slice(at));
}
