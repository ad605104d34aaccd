import type { DrilldownInvoice } from '../../../shared/analytics';
import type { IsoDate } from '../../../shared/dates';
import { riskBin } from '../../../shared/risk';
import type { SqliteDb } from '../../db/sqlite';
import { drilldownInvoices } from '../ledger/drilldown';
import { readRiskScores } from './risk-store';

/** The open invoices, as of today, of the customers whose P(late) falls in one tenth of the distribution chart. */
export function riskBinInvoices(sqlite: SqliteDb, bin: number, today: IsoDate): DrilldownInvoice[] {
  const customers = new Set(
    readRiskScores(sqlite)
      .filter((s) => riskBin(s.pLate) === bin)
      .map((s) => s.customerId),
  );
  return drilldownInvoices(sqlite, today, (item) => customers.has(item.customerId));
}
