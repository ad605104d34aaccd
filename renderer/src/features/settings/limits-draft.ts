import { currencyExponent, minorToDecimalString, parseAmount } from '../../../../shared/money';
import { NO_LIMITS, teamLimitsSchema, type RoleLimits, type TeamLimits } from '../../../../shared/team-authority';

/** The roles that have limits; a manager has none (and approves what goes beyond the others'). */
export const LIMITED_ROLES = ['collector', 'senior'] as const;
export type LimitedRole = (typeof LIMITED_ROLES)[number];
export type LimitKey = keyof RoleLimits;

/** How each limit is typed: an amount in the limits' currency, a percentage, or a count. */
export const LIMIT_FIELDS: readonly { key: LimitKey; label: string; unit: 'money' | 'percent' | 'count'; suffix?: string }[] = [
  { key: 'waiverMinor', label: 'Late charge waived', unit: 'money' },
  { key: 'writeOffMinor', label: 'Write-off', unit: 'money' },
  { key: 'discountBp', label: 'Early-payment discount', unit: 'percent', suffix: '%' },
  { key: 'planInstallments', label: 'Plan installments', unit: 'count' },
  { key: 'planAmountMinor', label: 'Plan amount in all', unit: 'money' },
  { key: 'promiseDays', label: 'Promise date up to', unit: 'count', suffix: 'days out' },
];

export type LimitsDraft = { currency: string } & Record<LimitedRole, Record<LimitKey, string>>;
/** A field's place in the draft: `collector.writeOffMinor`, or `currency`. */
export type DraftField = 'currency' | `${LimitedRole}.${LimitKey}`;

/** The user's decimal mark, from their locale. */
export const decimalMark = (locale: string): '.' | ',' => ((1.5).toLocaleString(locale).includes(',') ? ',' : '.');

/** What the user sees in a field: empty for no limit; amounts and percentages with their decimal mark, no grouping. */
function textOf(value: number | null, unit: 'money' | 'percent' | 'count', currency: string, mark: '.' | ','): string {
  if (value === null) return '';
  // Hundredths of a percent over 100 print exactly as the shortest decimal (250 → "2.5").
  const text = unit === 'money' ? minorToDecimalString(value, currency) : unit === 'percent' ? String(value / 100) : String(value);
  return mark === ',' ? text.replace('.', ',') : text;
}

export function draftOf(limits: TeamLimits | null, fallbackCurrency: string, locale: string): LimitsDraft {
  const currency = limits?.currency ?? fallbackCurrency;
  const mark = decimalMark(locale);
  const role = (r: LimitedRole): Record<LimitKey, string> => {
    const values = limits?.[r] ?? NO_LIMITS;
    return Object.fromEntries(LIMIT_FIELDS.map((f) => [f.key, textOf(values[f.key], f.unit, currency, mark)])) as Record<LimitKey, string>;
  };
  return { currency, collector: role('collector'), senior: role('senior') };
}

/** One typed value back to the contract's number (null: no limit), or why it cannot be. */
function valueOf(
  text: string,
  unit: 'money' | 'percent' | 'count',
  currency: string,
  mark: '.' | ',',
): { ok: true; value: number | null } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (unit === 'count') return /^\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, reason: 'a whole number' };
  const exponent = unit === 'money' ? currencyExponent(currency) : 2;
  const parsed = parseAmount(trimmed, exponent, { decimalSeparator: mark });
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  return parsed.value < 0 ? { ok: false, reason: 'not below zero' } : { ok: true, value: parsed.value };
}

/**
 * The draft as the contract's limits, checked with its own schema (shared/team-authority.ts), or
 * each field's error in words: the form shows them beside the fields, and nothing is sent.
 */
export function limitsOf(draft: LimitsDraft, locale: string): { ok: true; limits: TeamLimits } | { ok: false; errors: Partial<Record<DraftField, string>> } {
  const mark = decimalMark(locale);
  const errors: Partial<Record<DraftField, string>> = {};
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'a currency code like USD';
  const role = (r: LimitedRole): Record<string, number | null> =>
    Object.fromEntries(
      LIMIT_FIELDS.map((f) => {
        const parsed = valueOf(draft[r][f.key], f.unit, /^[A-Z]{3}$/.test(currency) ? currency : 'USD', mark);
        if (!parsed.ok) errors[`${r}.${f.key}`] = parsed.reason;
        return [f.key, parsed.ok ? parsed.value : null];
      }),
    );
  const candidate = { currency, collector: role('collector'), senior: role('senior') };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const checked = teamLimitsSchema.safeParse(candidate);
  if (checked.success) return { ok: true, limits: checked.data };
  for (const issue of checked.error.issues) {
    const [first, second] = issue.path;
    const field = (second === undefined ? String(first) : `${String(first)}.${String(second)}`) as DraftField;
    const unit = LIMIT_FIELDS.find((f) => f.key === second)?.unit;
    const maximum = Number((issue as { maximum?: number | bigint }).maximum);
    errors[field] = issue.code === 'too_big' ? `at most ${unit === 'percent' ? `${maximum / 100} %` : String(maximum)}` : issue.message;
  }
  return { ok: false, errors };
}
