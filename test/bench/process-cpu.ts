import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ): 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime and the parent of one process from /proc, or null when it is gone. */
function procTimes(pid: number): { ppid: number; own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: the fields after it are split.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/**
 * The CPU time, in ms, used so far by the PostgreSQL cluster listening on `port` (Linux only, else
 * null): its postmaster, the backends still running, and those it has reaped. The bench's own process
 * time leaves it out, and a part served as JSON costs the server too.
 */
export function postgresCpuMs(port: number): number | null {
  if (process.platform !== 'linux') return null;
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const postmaster = pids.find((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmdline[0]?.endsWith('/postgres') && cmdline.includes(String(port)) && cmdline.includes('-p');
    } catch {
      return false;
    }
  });
  const root = postmaster === undefined ? null : procTimes(postmaster);
  if (postmaster === undefined || !root) return null;
  let ticks = root.own + root.children;
  for (const pid of pids) {
    const times = procTimes(pid);
    if (times?.ppid === postmaster) ticks += times.own;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
