import type { SortingFn } from '@tanstack/react-table';

/**
 * A money column's sort: rows group by currency first, then by amount within it, so £, € and $
 * are never compared as one number.
 */
export function withinCurrency<T extends { currency: string }>(): SortingFn<T> {
  return (a, b, id) => a.original.currency.localeCompare(b.original.currency) || a.getValue<number>(id) - b.getValue<number>(id);
}
