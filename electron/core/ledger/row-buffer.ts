import type { SqliteDb } from '../../db/sqlite';

/** Rows per INSERT statement: SQLite's per-statement cost, and the driver's per-call one, paid once per 64 rows. */
const ROWS_PER_STATEMENT = 64;

/** New rows of one table with their ids assigned up front (the table's largest id onward, as SQLite itself would). */
class TableRows {
  readonly values: unknown[] = [];
  rows = 0;
  private nextId: number;
  private readonly full: ReturnType<SqliteDb['prepare']>;
  private readonly one: ReturnType<SqliteDb['prepare']>;

  constructor(
    sqlite: SqliteDb,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.nextId = (sqlite.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
    this.full = sqlite.prepare(this.insertSql(ROWS_PER_STATEMENT));
    this.one = sqlite.prepare(this.insertSql(1));
  }

  add(values: readonly unknown[]): number {
    const id = this.nextId++;
    this.values.push(id, ...values);
    this.rows++;
    return id;
  }

  write(): void {
    if (this.rows === 0) return;
    if (this.rows === ROWS_PER_STATEMENT) this.full.run(this.values);
    else {
      // A part-filled buffer (before a read) goes row by row rather than preparing a statement for its size.
      const width = this.columns.length + 1;
      for (let at = 0; at < this.values.length; at += width) this.one.run(this.values.slice(at, at + width));
    }
    this.values.length = 0;
    this.rows = 0;
  }

  private insertSql(rows: number): string {
    const row = `(${['id', ...this.columns].map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (id, ${this.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
  }
}

/**
 * New rows of a few tables, written many to a statement. A writer that knows a row's id before it
 * is inserted can link payments and allocations to it at once. The tables are given in foreign-key
 * order (parents first) and always written together in that order, so every reference a row makes
 * is already there. Rows are visible to queries only after `flush`: the caller flushes before it
 * reads these tables.
 */
export class RowBuffer<Table extends string> {
  private readonly tables: Map<Table, TableRows>;

  constructor(sqlite: SqliteDb, tables: readonly (readonly [Table, readonly string[]])[]) {
    this.tables = new Map(tables.map(([name, columns]) => [name, new TableRows(sqlite, name, columns)]));
  }

  /** Queues one row (values in the table's column order) and returns the id it will have. */
  add(table: Table, values: readonly unknown[]): number {
    const rows = this.tables.get(table)!;
    const id = rows.add(values);
    if (rows.rows === ROWS_PER_STATEMENT) this.flush();
    return id;
  }

  flush(): void {
    for (const rows of this.tables.values()) rows.write();
  }
}
