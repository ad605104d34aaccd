import type { AgingTrend, TrendPoint } from '../../../shared/analytics';
import { emptyAgingAmounts, type AgingEdges } from '../../../shared/aging';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { agingReportsOn } from '../ledger/aging-query';
import { countbackMonths } from './countback-dso';
import { monthEnds } from './month-ends';
import { periodKpis } from './period-kpis';

/**
 * Month-end aging totals per currency for `months` months ending at `asOf` (the last point is
 * `asOf` itself), each computed from history, and every month's KPIs with the previous month-end
 * as its beginning AR: the same definitions as the period report, over calendar months.
 */
export function agingTrend(sqlite: SqliteDb, asOf: IsoDate, months: number, edges: AgingEdges): AgingTrend {
  const dates = monthEnds(asOf, months);
  const reports = agingReportsOn(sqlite, dates, edges);
  const salesRows = sqlite
    .prepare(
      `SELECT currency, substr(issue_date, 1, 7) AS month, SUM(amount_minor) AS sales
    FROM invoices WHERE issue_date <= ? AND status != 'void' GROUP BY currency, month`,
    )
    .all(asOf) as (ColumnsRow<'invoices', 'currency'> & { month: string; sales: number })[];
  const sales = new Map(salesRows.map((r) => [`${r.currency}|${r.month}`, r.sales]));
  const earliest = salesRows.reduce((min, r) => (`${r.month}-01` < min ? `${r.month}-01` : min), asOf);
  const currencies = [...new Set([...reports.flatMap((r) => Object.keys(r.totals)), ...salesRows.map((r) => r.currency)])].sort();

  const points: TrendPoint[] = [];
  for (const currency of currencies) {
    reports.forEach((report, i) => {
      const aging = report.totals[currency] ?? emptyAgingAmounts();
      const month = report.asOf.slice(0, 7);
      const previous = i === 0 ? null : (reports[i - 1]!.totals[currency] ?? emptyAgingAmounts());
      const monthSales = sales.get(`${currency}|${month}`) ?? 0;
      const kpis =
        previous === null
          ? null
          : {
              sales: monthSales,
              ...periodKpis(
                {
                  beginningAr: previous.total,
                  endingAr: aging.total,
                  currentAr: aging.current,
                  sales: monthSales,
                  days: daysBetween(`${month}-01`, report.asOf) + 1,
                },
                countbackMonths(report.asOf, earliest).map((m) => ({ days: m.days, sales: sales.get(`${currency}|${m.from.slice(0, 7)}`) ?? 0 })),
              ),
            };
      points.push({ asOf: report.asOf, month, currency, aging, kpis });
    });
  }
  return { asOf, months, edges, points };
}
