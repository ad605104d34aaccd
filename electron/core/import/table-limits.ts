/**
 * Bounds no accounting export comes near; a file past them is broken (a wrong delimiter, a stray
 * value far right in a sheet, a runaway cell), and reading it on would only produce garbage.
 */
export const MAX_COLUMNS = 1024;

/** Longest value read into a mapped field (names, numbers, references). */
export const MAX_CELL_CHARS = 1000;

export function tooManyColumns(count: number): string {
  return `the row has ${count.toLocaleString('en-US')} fields; Inflow reads at most ${MAX_COLUMNS.toLocaleString('en-US')} columns (wrong delimiter, or a broken export?)`;
}

export function cellTooLong(length: number): string {
  return `the value is ${length.toLocaleString('en-US')} characters long; the longest Inflow reads is ${MAX_CELL_CHARS.toLocaleString('en-US')}`;
}
