/**
 * Which customers a grouped read covers: everyone (undefined), one customer (its id, after an
 * activity), or a range of ids. The queue reads 50,000 customers a slice at a time, so each slice's
 * rows are garbage before the next is read instead of all of them living at once.
 */
export type CustomerScope = number | { fromId: number; toId: number } | undefined;

/** The condition on a customer-id column, with a leading AND (nothing for everyone); bind scopeParams with it. */
export function inScope(column: string, scope: CustomerScope): string {
  if (scope === undefined) return '';
  return typeof scope === 'number' ? `AND ${column} = @customerId` : `AND ${column} BETWEEN @fromId AND @toId`;
}

export function scopeParams(scope: CustomerScope): { customerId: number | null; fromId: number | null; toId: number | null } {
  if (typeof scope === 'number') return { customerId: scope, fromId: null, toId: null };
  return { customerId: null, fromId: scope?.fromId ?? null, toId: scope?.toId ?? null };
}
