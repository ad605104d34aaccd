import { addDays } from '../../../shared/dates';
import { todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { agingTrend } from './aging-trend';
import { attributionReport } from './attribution-query';
import { drilldownInvoices } from './drilldown';
import { kpiReport } from './kpi-report';
import { exportTable } from './table-export';

export const analyticsHandlers: Handlers<'analytics.kpis' | 'analytics.trend' | 'analytics.attribution' | 'analytics.drilldown' | 'reports.exportTable'> = {
  'analytics.kpis': ({ from, to, groupBy }, ctx) => kpiReport(ctx.database.sqlite, from, to, groupBy, getSetting(ctx.database.sqlite, 'agingEdges')),
  'analytics.trend': ({ asOf, months }, ctx) => agingTrend(ctx.database.sqlite, asOf, months, getSetting(ctx.database.sqlite, 'agingEdges')),
  'analytics.attribution': (input, ctx) => {
    const to = input.to ?? todayOf(ctx);
    return attributionReport(ctx.database.sqlite, input.from ?? addDays(to, -364), to, input.days ?? getSetting(ctx.database.sqlite, 'attributionWindowDays'));
  },
  'analytics.drilldown': ({ asOf, currency, bucket }, ctx) => drilldownInvoices(ctx.database.sqlite, asOf, currency, bucket, getSetting(ctx.database.sqlite, 'agingEdges')),
  'reports.exportTable': (table) => exportTable(table),
};
