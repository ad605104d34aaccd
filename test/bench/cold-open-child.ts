import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core';

/**
 * P7, in a process of its own so its memory is the core's alone: open the big database cold and
 * read the first worklist page, then report the time and the peak resident memory. With --baseline
 * it only loads the same modules, which is the floor (Node, tsx and the code) the figure sits on.
 */
const [dbPath, keyHex, asOf, mode] = process.argv.slice(2);
const started = performance.now();
if (mode !== '--baseline') {
  const core = openCore({ dbPath: dbPath!, key: Buffer.from(keyHex!, 'hex'), clock: () => new Date(`${asOf}T12:00:00Z`) });
  await core.call('worklist.list', { asOf, limit: 100 });
  await core.close();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: peakRssKib() / 1024 }));

/**
 * This process's own peak: on Linux getrusage's maxRSS survives exec, so a child spawned by a big
 * parent reports the parent's size; VmHWM belongs to the process image itself.
 */
function peakRssKib(): number {
  if (existsSync('/proc/self/status')) {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  }
  return process.resourceUsage().maxRSS;
}
