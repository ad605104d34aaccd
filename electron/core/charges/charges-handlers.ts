import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { listChargePushes } from './charge-pushes';
import { pushCharges } from './push-charges';
import { chargesReport } from './charges-report';
import { deleteReferenceRate, listReferenceRates, saveReferenceRate } from './reference-rates';
import { restoreCharge, waiveCharge } from './waivers';

export const chargesHandlers: Handlers<
  | 'charges.report'
  | 'charges.push'
  | 'charges.pushes'
  | 'charges.waive'
  | 'charges.restore'
  | 'charges.policies'
  | 'charges.savePolicies'
  | 'charges.rates'
  | 'charges.saveRate'
  | 'charges.deleteRate'
> = {
  'charges.report': ({ asOf, customerId }, ctx) => chargesReport(ctx.database.sqlite, asOf ?? todayOf(ctx), customerId),
  'charges.push': ({ customerId, asOf }, ctx) => pushCharges(ctx, customerId, asOf ?? todayOf(ctx)),
  'charges.pushes': ({ customerId }, ctx) => listChargePushes(ctx.database.sqlite, customerId),
  'charges.waive': ({ invoiceId, component, reason }, ctx) => {
    waiveCharge(ctx.database.sqlite, { invoiceId, component, reason }, todayOf(ctx), nowOf(ctx));
    return { invoiceId, component };
  },
  'charges.restore': ({ invoiceId, component }, ctx) => {
    restoreCharge(ctx.database.sqlite, invoiceId, component, nowOf(ctx));
    return { invoiceId, component };
  },
  'charges.policies': (_input, ctx) => getSetting(ctx.database.sqlite, 'chargePolicies'),
  'charges.savePolicies': ({ policies }, ctx) => {
    setSetting(ctx.database.sqlite, 'chargePolicies', policies, nowOf(ctx));
    return getSetting(ctx.database.sqlite, 'chargePolicies');
  },
  'charges.rates': (_input, ctx) => listReferenceRates(ctx.database.sqlite),
  'charges.saveRate': (rate, ctx) => {
    saveReferenceRate(ctx.database.sqlite, rate, nowOf(ctx));
    return { saved: true };
  },
  'charges.deleteRate': ({ series, effectiveDate }, ctx) => {
    deleteReferenceRate(ctx.database.sqlite, series, effectiveDate, nowOf(ctx));
    return { deleted: true };
  },
};
