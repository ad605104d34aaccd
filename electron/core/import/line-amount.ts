/**
 * quantity × unit price × (1 − discount%) in minor units, computed exactly with BigInt and rounded
 * half away from zero once at the end, as invoicing systems do per line.
 */
export function lineAmountMinor(quantity: string, unitAmount: string, discountPercent: string, exponent: number): number | null {
  const q = parseDecimal(quantity || '1');
  const u = parseDecimal(unitAmount);
  const d = parseDecimal(discountPercent || '0');
  if (!q || !u || !d) return null;
  const hundred = 100n * 10n ** BigInt(d.scale);
  const numerator = q.value * u.value * (hundred - d.value) * 10n ** BigInt(exponent);
  const denominator = 10n ** BigInt(q.scale + u.scale) * hundred;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  const result = Number(negative ? -rounded : rounded);
  return Number.isSafeInteger(result) ? result : null;
}

function parseDecimal(text: string): { value: bigint; scale: number } | null {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m || (m[2] === '' && !m[3])) return null;
  const fraction = m[3] ?? '';
  const value = BigInt(`${m[2] || '0'}${fraction}`);
  return { value: m[1] === '-' ? -value : value, scale: fraction.length };
}
