import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { createReadStream } from 'node:fs';
import { openCore } from '../../electron/core';
import { openDatabase } from '../../electron/db/open';
import { benchOutreach } from './outreach';
import { benchRendererScroll } from './renderer-scroll';
import { benchWorklist, seedLedger } from './worklist';

/**
 * Import and aging throughput, reported as ratios against a baseline measured in the same run
 * (papaparse alone over the same file), because absolute timings on a shared 2-core machine are noise.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const WORKLIST_CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const WORKLIST_INVOICES = Number(process.env.BENCH_INVOICES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'inflow-bench-'));
const csv = join(dir, 'invoices.csv');

async function writeFile(): Promise<void> {
  const out = createWriteStream(csv);
  out.write('Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Currency\n');
  for (let i = 0; i < ROWS; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const amount = ((i * 7919) % 900_000) + 1_000;
    const open = i % 3 === 0 ? amount : Math.floor(amount / 2);
    const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const line = `INV-${String(i).padStart(7, '0')},C${i % 5000},Customer ${i % 5000},2026-${month}-01,2026-${month}-28,${money(amount)},${money(open)},USD\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function time(label: string, work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

async function main(): Promise<void> {
  await writeFile();
  const baseline = await time(`papaparse only (${ROWS} rows)`, () =>
    new Promise<void>((resolve) => Papa.parse(createReadStream(csv) as unknown as File, { step: () => undefined, complete: () => resolve() })));
  const core = openCore({ dbPath: join(dir, 'bench.db'), key: randomBytes(32) });
  const fileId = core.stageFile(csv).fileId;
  const first = await time('import (validate + encrypted write)', () => core.call('import.run', { jobId: 'bench-first', fileId, preset: 'generic-invoices' }));
  const again = await time('re-import (idempotent, no changes)', () => core.call('import.run', { jobId: 'bench-again', fileId, preset: 'generic-invoices' }));
  const aging = await time('aging report', () => core.call('aging.report', { asOf: '2026-11-22' }));
  await core.close();
  const bigKey = randomBytes(32);
  const seeded = openDatabase(join(dir, 'worklist.db'), bigKey);
  await time(`seed ${WORKLIST_CUSTOMERS} customers / ${WORKLIST_INVOICES} invoices`, async () => seedLedger(seeded.sqlite, WORKLIST_CUSTOMERS, WORKLIST_INVOICES));
  await seeded.close();
  const big = openCore({ dbPath: join(dir, 'worklist.db'), key: bigKey, clock: () => new Date('2026-11-22T12:00:00Z') });
  const worklist = await benchWorklist(big, time);
  await big.close();
  const scroll = await benchRendererScroll(join(dir, 'worklist.db'), bigKey);
  const outreach = await benchOutreach(dir, time);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nimport / parse-only ratio: ${(first / baseline).toFixed(1)}×   re-import / import: ${(again / first).toFixed(2)}×   aging / parse-only: ${(aging / baseline).toFixed(2)}×`);
  console.log(`import rate: ${Math.round(ROWS / (first / 1000)).toLocaleString('en-US')} rows/s`);
  console.log(`renderer: ${scroll.rows.toLocaleString('en-US')}-row worklist, p95 frame scrolling 5 rows/frame ${scroll.wheelP95.toFixed(1)} ms (target ≤ 16.7), ` +
    `20 rows/frame ${scroll.dragP95.toFixed(1)} ms; idle page p95 ${scroll.idleP95.toFixed(1)} ms (software raster, vsync off)`);
  console.log(`outreach: ${outreach.delivered} delivered; send throughput ${(outreach.bare / outreach.send).toFixed(2)}× a bare nodemailer loop (target ≥ 0.8), ` +
    `with rendering and queueing ${(outreach.bare / (outreach.send + outreach.queue)).toFixed(2)}×; host event-loop lag p99 ${outreach.lagP99.toFixed(1)} ms (target ≤ 50)`);
  console.log(`worklist: warm first page ${worklist.warm.toFixed(1)} ms (target ≤ 150), re-rank after a call ${worklist.afterCall.toFixed(1)} ms (target ≤ 10), cold build ${worklist.cold.toFixed(0)} ms`);
}

void main();
