import { readFileSync, readdirSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ) for /proc/<pid>/stat's times: 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

interface Proc { ppid: number; cmdline: string; ticks: number }

function readProcs(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command's name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Its own time and that of the children it has reaped: a PostgreSQL backend that ended
      // during the measurement counts in its postmaster's.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      procs.set(Number(entry), { ppid: Number(fields[1]), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '), ticks });
    } catch {
      // The process ended while it was read.
    }
  }
  return procs;
}

/**
 * CPU seconds used so far by this process and its descendants (not by anything else on the
 * host), grouped by `groupOf(pid, cmdline)` (undefined: not counted). From /proc/<pid>/stat.
 */
export function processCpuSeconds(groupOf: (pid: number, cmdline: string) => string | undefined): Map<string, number> {
  const procs = readProcs();
  const ours = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = procs.get(p)?.ppid ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  const totals = new Map<string, number>();
  for (const [pid, proc] of procs) {
    if (!ours(pid)) continue;
    const group = groupOf(pid, proc.cmdline);
    if (group) totals.set(group, (totals.get(group) ?? 0) + proc.ticks / TICKS_PER_SECOND);
  }
  return totals;
}
