/** a ÷ b, or null when b is zero: a DSO over a period without sales is undefined, not zero or infinite. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
