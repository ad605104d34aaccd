/**
 * Read + validate of the bench's invoices file, without the write: the time of a bare read (rows
 * parsed and dropped), then of the path import.run takes (read-conversion.ts), and the process's peak
 * RSS, to profile the importer on its own.
 *   ./node_modules/.bin/tsx test/bench/profile-import.ts [invoices=200000] [dir]
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile-import.ts 200000
 * The dataset (test/bench/dataset.ts, 20 invoices a customer) is written to dir once and reused.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planFromPreset } from '../../electron/core/import/plan';
import { findPreset } from '../../electron/core/import/presets';
import { readConversion } from '../../electron/core/import/read-conversion';
import { openTable } from '../../electron/core/import/read-table';
import { writeDataset } from './dataset';

async function main(): Promise<void> {
  const invoices = Number(process.argv[2] ?? 200_000);
  const dir = process.argv[3] ?? join(tmpdir(), `inflow-profile-import-${invoices}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'invoices.csv');
  if (!existsSync(file)) await writeDataset(dir, { customers: Math.max(1, Math.round(invoices / 20)), invoices });
  const preset = findPreset('generic-invoices')!;
  // Reading alone, every row parsed and dropped: what the conversion costs is the rest.
  const reading = performance.now();
  const readingCpu = process.cpuUsage();
  let rows = 0;
  await (await openTable(file, 'invoices.csv')).read(() => () => rows++);
  const readMs = performance.now() - reading;
  const readCpu = process.cpuUsage(readingCpu);
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const table = await openTable(file, 'invoices.csv');
  const { conversion } = await readConversion(table, (head) => planFromPreset(preset, head, 'USD'), 'USD');
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  // On a shared machine wall time swings with the load; CPU time (all threads, GC included) less so.
  const cpuMs = ({ user, system }: NodeJS.CpuUsage): number => Math.round((user + system) / 1000);
  if (conversion.problems.count > 0) throw new Error(`${conversion.problems.count} problems, first ${JSON.stringify(conversion.problems.list[0])}`);
  console.log(
    JSON.stringify({
      invoices: conversion.batch.invoices.length,
      rows,
      readMs: Math.round(readMs),
      readCpuMs: cpuMs(readCpu),
      readAndConvertMs: Math.round(ms),
      readAndConvertCpuMs: cpuMs(cpu),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    }),
  );
}

await main();
