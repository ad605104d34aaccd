import { formatAmount } from '../lib/format';

/** An amount in minor units, formatted for the user's locale; zero is quiet, credits stand out. */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  const tone = minor === 0 ? ' zero' : minor < 0 ? ' negative' : '';
  return <span className={`money${tone}`}>{formatAmount(minor, currency)}</span>;
}
