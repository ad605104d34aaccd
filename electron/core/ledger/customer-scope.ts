/**
 * Which customers a grouped read covers: everyone (undefined), one customer (its id, after an
 * activity), a range of ids, or a list of ids. The queue reads 50,000 customers a slice at a time,
 * so each slice's rows are garbage before the next is read instead of all of them living at once;
 * a past day's first page reads its ladder facts for the few customers that can reach it (a list).
 */
export type CustomerScope = number | { fromId: number; toId: number } | { ids: readonly number[] } | undefined;

/** The condition on a customer-id column, with a leading AND (nothing for everyone); bind scopeParams with it. */
export function inScope(column: string, scope: CustomerScope): string {
  if (scope === undefined) return '';
  if (typeof scope === 'number') return `AND ${column} = @customerId`;
  return 'ids' in scope ? `AND ${column} IN (SELECT value FROM json_each(@ids))` : `AND ${column} BETWEEN @fromId AND @toId`;
}

export function scopeParams(scope: CustomerScope): { customerId: number | null; fromId: number | null; toId: number | null; ids: string | null } {
  if (typeof scope === 'number') return { customerId: scope, fromId: null, toId: null, ids: null };
  if (scope !== undefined && 'ids' in scope) return { customerId: null, fromId: null, toId: null, ids: JSON.stringify(scope.ids) };
  return { customerId: null, fromId: scope?.fromId ?? null, toId: scope?.toId ?? null, ids: null };
}
