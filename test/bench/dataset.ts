import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** The sizes the bench runs at: the scale, or a small run that checks the harness. */
export interface BenchSize {
  customers: number;
  invoices: number;
}
export const FULL: BenchSize = { customers: 50_000, invoices: 1_000_000 };
export const QUICK: BenchSize = { customers: 2_000, invoices: 40_000 };

/** The day the ledger is "as of": invoices due before it and paid late enough are still open. */
export const BENCH_TODAY = '2026-11-22';

/** Small, fast, seeded: the same dataset on every machine and every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const SPAN_DAYS = Math.round((Date.UTC(2026, 10, 20) - START) / DAY);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

async function writeLines(path: string, header: string, count: number, line: (index: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * A receivables book as an ERP would export it: customers (with a billing contact, a segment and a
 * collector), and invoices over two years, each customer paying with its own habit (some on time,
 * some weeks late), so some of the book is still open on BENCH_TODAY, and every customer has at
 * least one invoice past due. A paid date makes the importer write the payment, so the ledger also
 * holds the payments.
 */
export async function writeDataset(dir: string, size: BenchSize): Promise<{ customers: string; invoices: string; bytes: number }> {
  const random = mulberry32(20_261_122);
  const lateness = Array.from({ length: size.customers }, () => (random() < 0.4 ? 0 : Math.round(random() * 60)));
  const segments = ['SMB', 'Mid-market', 'Enterprise', 'Strategic'];
  const collectors = ['Dana Reyes', 'Sam Okafor', 'Lee Park', 'Ana Silva'];
  const customers = join(dir, 'customers.csv');
  await writeLines(
    customers,
    'Customer ID,Name,Currency,Email,Segment,Collector,Terms Days',
    size.customers,
    (c) => `C${c},Customer ${c} Ltd,USD,ap${c}@customer${c}.example,${segments[c % 4]},${collectors[c % 4]},30`,
  );
  const invoices = join(dir, 'invoices.csv');
  const today = Date.parse(BENCH_TODAY);
  await writeLines(invoices, 'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency', size.invoices, (i) => {
    // Each customer's first invoice is still open and 15 to 104 days past due, so every customer is
    // in the queue (P4 scrolls all of them); the rest fall at random over the two years.
    const standing = i < size.customers;
    const customer = standing ? i : Math.floor(random() * size.customers);
    const issued = standing ? today - (45 + (i % 90)) * DAY : START + Math.floor(random() * SPAN_DAYS) * DAY;
    const due = issued + 30 * DAY;
    const amount = 10_000 + Math.floor(random() * 5_000_000);
    const paidOn = due + (lateness[customer]! + Math.round((random() - 0.5) * 20)) * DAY;
    const paid = !standing && paidOn < today;
    return `INV-${String(i).padStart(7, '0')},C${customer},Customer ${customer} Ltd,${iso(issued)},${iso(due)},${money(amount)},${paid ? '0.00' : money(amount)},${paid ? iso(Math.max(issued, paidOn)) : ''},USD`;
  });
  const { statSync } = await import('node:fs');
  return { customers, invoices, bytes: statSync(customers).size + statSync(invoices).size };
}
