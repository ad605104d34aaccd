import { addDays } from '../../../shared/dates';
import { todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { agingTrend } from './aging-trend';
import { attributionReport } from './attribution-query';
import { forecastWeekInvoices } from '../forecast/forecast-drilldown';
import { riskBinInvoices } from '../risk/risk-drilldown';
import { agingBucketFilter, drilldownInvoices } from '../ledger/drilldown';
import { kpiReport } from './kpi-report';
import { exportTable } from './table-export';

export const analyticsHandlers: Handlers<'analytics.kpis' | 'analytics.trend' | 'analytics.attribution' | 'analytics.drilldown' | 'reports.exportTable'> = {
  'analytics.kpis': ({ from, to, groupBy }, ctx) => kpiReport(ctx.database.sqlite, from, to, groupBy, getSetting(ctx.database.sqlite, 'agingEdges')),
  'analytics.trend': ({ asOf, months }, ctx) => agingTrend(ctx.database.sqlite, asOf, months, getSetting(ctx.database.sqlite, 'agingEdges')),
  'analytics.attribution': (input, ctx) => {
    const to = input.to ?? todayOf(ctx);
    return attributionReport(ctx.database.sqlite, input.from ?? addDays(to, -364), to, input.days ?? getSetting(ctx.database.sqlite, 'attributionWindowDays'));
  },
  'analytics.drilldown': (query, ctx) => {
    switch (query.by) {
      case 'aging':
        return drilldownInvoices(
          ctx.database.sqlite,
          query.asOf,
          agingBucketFilter(query.currency, query.bucket, getSetting(ctx.database.sqlite, 'agingEdges')),
        );
      case 'risk':
        return riskBinInvoices(ctx.database.sqlite, query.bin, todayOf(ctx));
      case 'forecast':
        return forecastWeekInvoices(ctx, query.asOf, query.currency, query.weekStart);
    }
  },
  'reports.exportTable': (table) => exportTable(table),
};
