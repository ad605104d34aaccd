import type { ChargePolicy, RateSeries } from '../../../shared/charges';
import { addDays, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { halfYearStarts, type AccrualInput } from './accrue-interest';

/** Dated reference rates per series, ascending by date: [date in force from, basis points]. */
export type RateTable = Record<RateSeries, readonly (readonly [IsoDate, number])[]>;

/** The rate of a series in force on a day: the latest entry dated on or before it. */
export function rateInForce(table: RateTable, series: RateSeries, day: IsoDate): number {
  const rows = table[series];
  let found: number | undefined;
  for (const [from, bp] of rows) {
    if (from > day) break;
    found = bp;
  }
  if (found === undefined) throw new AppError('CONFLICT', `No ${series} reference rate is known for ${day}: add it in Settings → Charges.`, { series, day });
  return found;
}

/** 1 January or 1 July: the first day of the half-year a day is in. */
const halfYearStart = (day: IsoDate): IsoDate => `${day.slice(0, 4)}-${Number(day.slice(5, 7)) <= 6 ? '01' : '07'}-01`;

/** What a policy does to one invoice, apart from the shared accrual arithmetic. */
export interface ChargeRule {
  rateOn: AccrualInput['rateOn'];
  rateBreaks: AccrualInput['rateBreaks'];
  fixedFee: (amountMinor: number, currency: string) => number;
}

const noBreaks = (): IsoDate[] => [];

/**
 * The statutory presets, each as its law sets it:
 * - EU Directive 2011/7/EU: statutory interest is simple interest at the reference rate plus at least
 *   8 points (Art. 2(6)); for the euro the reference rate is the ECB's main refinancing rate (Art.
 *   2(7)), the one in force on 1 January for the first half of a year and on 1 July for the second
 *   (Art. 3(2)), so the rate can change every half-year of the delay; a fixed EUR 40 per invoice as
 *   compensation for recovery costs (Art. 6(1)).
 *   https://eur-lex.europa.eu/eli/dir/2011/7/oj (also legislation.gov.uk/eudr/2011/7/article/2 and /3)
 * - UK Late Payment of Commercial Debts (Interest) Act 1998: 8 % a year over the Bank of England's
 *   official dealing rate (Bank Rate) in force on 30 June (for interest that starts to run between
 *   1 July and 31 December) or on 31 December (for interest starting 1 January to 30 June) immediately
 *   before the day interest starts to run; that rate stays for the whole debt (Late Payment of
 *   Commercial Debts (Rate of Interest) (No. 3) Order 2002, SI 2002/1675, art. 4). Fixed sums under
 *   s. 5A of the Act: £40 for a debt under £1,000, £70 under £10,000, £100 from £10,000.
 *   https://www.legislation.gov.uk/uksi/2002/1675 and https://www.legislation.gov.uk/ukpga/1998/20/section/5A
 * - Germany § 288 Abs. 2 BGB: 9 points over the Basiszinssatz where no consumer is a party; the
 *   Basiszinssatz (§ 247 BGB) changes on 1 January and 1 July, so each half-year of the delay has
 *   its own rate; a EUR 40 lump sum per claim (§ 288 Abs. 5).
 *   https://www.gesetze-im-internet.de/bgb/__288.html and /__247.html
 * The fixed sums are in the law's currency: an invoice in another currency gets interest only.
 * Day count: interest per day is a 365th of the annual rate (GOV.UK's late-payment guidance; § 191
 * BGB counts a year as 365 days); a policy may choose the calendar year's length instead.
 */
export function chargeRule(policy: ChargePolicy, table: RateTable): ChargeRule {
  switch (policy.kind) {
    case 'none':
      return { rateOn: () => 0, rateBreaks: noBreaks, fixedFee: () => 0 };
    case 'contractual': {
      const annual = (policy.rateBp ?? 0) * (policy.ratePer === 'month' ? 12 : 1);
      return { rateOn: () => annual, rateBreaks: noBreaks, fixedFee: () => policy.fixedFeeMinor };
    }
    case 'eu_directive':
      return {
        rateOn: (day) => rateInForce(table, 'ecb_mro', halfYearStart(day)) + 800,
        rateBreaks: halfYearStarts,
        fixedFee: (_amount, currency) => (currency === 'EUR' ? 4_000 : 0),
      };
    case 'de_bgb_288':
      return {
        rateOn: (day) => rateInForce(table, 'de_basiszins', halfYearStart(day)) + 900,
        rateBreaks: halfYearStarts,
        fixedFee: (_amount, currency) => (currency === 'EUR' ? 4_000 : 0),
      };
    case 'uk_late_payment':
      return {
        rateOn: (_day, firstDay) => rateInForce(table, 'boe_bank_rate', ukReferenceDay(firstDay)) + 800,
        rateBreaks: noBreaks,
        fixedFee: (amount, currency) => (currency !== 'GBP' ? 0 : amount < 100_000 ? 4_000 : amount < 1_000_000 ? 7_000 : 10_000),
      };
  }
}

/** 31 December before a first interest day in January–June, else 30 June of its year. */
export function ukReferenceDay(firstDay: IsoDate): IsoDate {
  return halfYearStart(firstDay).endsWith('-01-01') ? addDays(halfYearStart(firstDay), -1) : `${firstDay.slice(0, 4)}-06-30`;
}
