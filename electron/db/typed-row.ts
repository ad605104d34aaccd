import type { Selectable } from 'kysely';
import type { DB } from './schema';

/** `due_date` → `dueDate`: how the core's SQL names a column it reads. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A whole row of a table as `SELECT *` reads it, typed by the generated schema (schema.ts). */
export type TableRow<T extends keyof DB> = Selectable<DB[T]>;

/**
 * These columns of a table under their camelCase names, typed by the generated schema: a column that
 * is renamed or dropped fails the typecheck. Read them with `columns(...)`, which writes the same
 * names into the SELECT list, so the SQL and the type cannot disagree.
 */
export type ColumnsRow<T extends keyof DB, K extends keyof Selectable<DB[T]> & string> = { [C in K as Camel<C>]: Selectable<DB[T]>[C] };

const camel = (name: string): string => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * The SELECT list for a ColumnsRow: `m.customer_id AS customerId, …`. Built once where the statement
 * is prepared, so a hot path pays nothing per row.
 */
export function columns<T extends keyof DB, K extends keyof Selectable<DB[T]> & string>(_table: T, alias: string, names: readonly K[]): string {
  return names.map((name) => `${alias}.${name} AS ${camel(name)}`).join(', ');
}

/**
 * Columns of a table read under names of the query's choosing (`i.due_date AS dueDate`,
 * `i.id AS invoiceId`), typed by the schema: `RenamedRow<'invoices', { dueDate: 'due_date' }>`. For
 * hot statements whose SELECT list is written by hand (computed columns beside it are typed next to
 * it); a pure type, so the statement costs what it did.
 */
export type RenamedRow<T extends keyof DB, M extends Record<string, keyof Selectable<DB[T]>>> = { [A in keyof M]: Selectable<DB[T]>[M[A]] };

/** A row from the optional side of a LEFT JOIN: each of its columns is null when nothing joined. */
export type Nullable<R> = { [K in keyof R]: R[K] | null };
