import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyFacts } from '../../electron/core/risk/history-facts';
import { readRiskHistories } from '../../electron/core/risk/read-risk-history';
import { riskFacts } from '../../electron/core/risk/risk-features';
import type { CustomerHistory, PastInvoice } from '../../electron/core/risk/risk-history';
import { RunningMedian } from '../../electron/core/risk/running-median';
import { median } from '../../electron/core/risk/median';
import { loadSample } from '../../electron/core/sample/load-sample';
import { Random } from '../../electron/core/sample/random';
import { openDatabase } from '../../electron/db/open';
import { addDays } from '../../shared/dates';

/** The straightforward definition, invoice by invoice: what the one pass must equal exactly. */
const byDefinition = (history: CustomerHistory) => history.invoices.map((invoice) => riskFacts(history, invoice));

describe('risk facts in one pass per customer', () => {
  it('equal the per-invoice definition on every invoice of the sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inflow-facts-'));
    const database = openDatabase(join(dir, 'inflow.db'), randomBytes(32));
    try {
      loadSample(database.sqlite, { anchor: '2026-11-22', now: '2026-11-22T12:00:00Z' });
      const histories = [...readRiskHistories(database.sqlite).values()];
      expect(histories.length).toBeGreaterThan(250);
      let invoices = 0;
      for (const history of histories) {
        expect(historyFacts(history)).toEqual(byDefinition(history));
        invoices += history.invoices.length;
      }
      expect(invoices).toBeGreaterThan(5_000);
      // The sample's collection history is in there: promises broken and disputes raised before invoices.
      const all = histories.flatMap(historyFacts);
      expect(all.filter((f) => f.brokenPromises > 0).length).toBeGreaterThan(100);
      expect(all.filter((f) => f.disputes > 0).length).toBeGreaterThan(100);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('equal it on random histories with same-day invoices, reversals, cancelled promises and several currencies', () => {
    const rng = new Random(99);
    const seen = { broken: 0, overdue: 0, recentFull: 0 };
    for (let n = 0; n < 300; n++) {
      const history = randomHistory(rng);
      const facts = historyFacts(history);
      expect(facts).toEqual(byDefinition(history));
      for (const f of facts) {
        if (f.brokenPromises > 0) seen.broken++;
        if (f.overdueMinor > 0) seen.overdue++;
        if (f.recentSettled === 5) seen.recentFull++;
      }
    }
    // Every running part was exercised, not only the empty cases.
    expect(Math.min(seen.broken, seen.overdue, seen.recentFull)).toBeGreaterThan(100);
  });

  it('keep the running median equal to the median of what was added', () => {
    const rng = new Random(5);
    const running = new RunningMedian();
    const values: number[] = [];
    expect(running.value()).toBeNull();
    for (let n = 0; n < 500; n++) {
      const value = rng.int(-50, 50);
      values.push(value);
      running.add(value);
      expect(running.value()).toBe(median(values));
    }
  });
});

function randomHistory(rng: Random): CustomerHistory {
  const start = '2025-01-01';
  const currencies = ['USD', 'EUR'];
  const invoices: PastInvoice[] = [];
  const payments: CustomerHistory['payments'] = [];
  for (let id = 1, count = rng.int(0, 40); id <= count; id++) {
    const issueDate = addDays(start, rng.int(0, 400));
    const dueDate = addDays(issueDate, rng.pick([0, 15, 30, 45]));
    const amountMinor = rng.int(1, 500) * 100;
    const currency = rng.pick(currencies);
    const allocations: PastInvoice['allocations'] = [];
    let paidDate: string | null = null;
    let openMinor = amountMinor;
    if (rng.chance(0.75)) {
      // Some paid before issue (a prepayment matched later), some in parts, some reversed and paid again.
      const first = addDays(dueDate, rng.int(-40, 90));
      const part = rng.chance(0.3) ? Math.floor(amountMinor / 2) : amountMinor;
      allocations.push({ date: first, amountMinor: part });
      if (rng.chance(0.2)) allocations.push({ date: addDays(first, 5), amountMinor: -part }, { date: addDays(first, 9), amountMinor: part });
      if (part < amountMinor) allocations.push({ date: addDays(first, rng.int(0, 30)), amountMinor: amountMinor - part });
      openMinor = 0;
      paidDate = allocations.reduce((last, a) => (a.date > last ? a.date : last), first);
      for (const a of allocations) if (a.amountMinor > 0) payments.push({ date: a.date, currency, amountMinor: a.amountMinor });
    } else if (rng.chance(0.3)) {
      const part = Math.floor(amountMinor / 3);
      allocations.push({ date: addDays(dueDate, rng.int(-5, 20)), amountMinor: part });
      openMinor = amountMinor - part;
    }
    invoices.push({
      id,
      customerId: 1,
      issueDate,
      dueDate,
      currency,
      amountMinor,
      openMinor,
      paidDate,
      disputed: rng.chance(0.1),
      billing: rng.pick([null, 'paper', 'electronic'] as const),
      allocations,
    });
  }
  invoices.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.id - b.id);
  const promises = Array.from({ length: rng.int(0, 6) }, () => {
    const madeDate = addDays(start, rng.int(0, 420));
    return {
      currency: rng.pick(currencies),
      amountMinor: rng.int(1, 300) * 100,
      madeDate,
      promisedDate: addDays(madeDate, rng.int(0, 20)),
      graceDays: rng.int(0, 3),
      cancelledDate: rng.chance(0.3) ? addDays(madeDate, rng.int(0, 40)) : null,
    };
  });
  const disputeDates = Array.from({ length: rng.int(0, 4) }, () => addDays(start, rng.int(0, 420)));
  return { customerId: 1, invoices, disputeDates, promises, payments };
}
