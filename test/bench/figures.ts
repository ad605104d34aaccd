/** One line of the bench's table: a figure beside its baseline from the same run, and its target. */
export interface Figure {
  id: string;
  what: string;
  /** Null when the capability is not built yet: printed as "not built", never as a pass. */
  value: number | null;
  unit: string;
  baseline: { label: string; value: number } | null;
  /** value ÷ baseline or baseline ÷ value, whichever the target is stated in. */
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

/** The value at `fraction` (0.95 for p95) of `values`, nearest rank. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

const fmt = (value: number | null, unit = ''): string =>
  value === null ? '—' : `${value >= 100 ? value.toFixed(0) : value.toFixed(2)}${unit ? ` ${unit}` : ''}`;

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.id,
    f.what,
    f.value === null ? 'not built' : fmt(f.value, f.unit),
    f.baseline ? `${fmt(f.baseline.value, f.unit)} (${f.baseline.label})` : '—',
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    f.target,
    f.pass === null ? 'not built' : f.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['', 'figure', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
